// The Nuxt backend in its real runtime, with --auth nuxt-auth-utils: the host logs in through
// setUserSession(), so the endpoint reads nuxt-auth-utils' own sealed cookie. One app holds both
// contract variants and the custom adapter (three routes), type-checked by `nuxt typecheck`, built
// once by `nuxt build` and served by `node .output/server/index.mjs`.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detectTargets } from '../../generators/detect.js';
import { Project } from '../../generators/project.js';
import { backends } from '../../generators/registry.js';
import { backendContractSuite, login, request, SECRET } from '../helpers/backend-contract.js';
import { backendHost, startHost } from '../helpers/hosts.js';
import { buildOnce, nuxtApp, nuxtTypecheck } from '../helpers/nuxt.js';
import { runPlop } from '../helpers/plop.js';
import { freePort } from '../helpers/server.js';
import { read, tempDir, write } from '../helpers/workspace.js';

/** The custom adapter's route, generated into the contract's app beside its two variants. */
const CUSTOM_ROUTE = '/api/intercom-custom';
let built: string | undefined;

backendContractSuite({
  framework: 'nuxt',
  flags: { auth: 'nuxt-auth-utils' },
  wiredFile: null,
  oneApp: true,
  runtimeOutput: ['.nuxt/', '.output/'],
  copyFixture: (fixture) => nuxtApp('nuxt-backend', fixture),
  generatedFile: (variant) => (variant.allowedOrigin ? `server/routes${variant.route}.ts` : `server${variant.route}.get.ts`),
  prepare: (dir) => {
    const custom = runPlop('intercom-backend', dir, { framework: 'nuxt', auth: 'custom', route: CUSTOM_ROUTE });
    assert.is(custom.code, 0, custom.output);
    assert.match(custom.stdout, 'Fill in signedInUser() in server/api/intercom-custom.get.ts: it says who is signed in');
    nuxtTypecheck(dir);
    buildOnce(dir);
    built = dir;
  },
}).run();

const test = suite('intercom-backend --framework nuxt: --auth custom, detection and --route');

test('--auth custom answers a signed-in user 401 with no-store and never signs', async () => {
  assert.ok(built, 'the contract suite built the app');
  const server = await startHost(backendHost('nuxt').start, built!, { INTERCOM_IDENTITY_SECRET: SECRET }, await freePort());
  try {
    const res = await request(`${server.url}${CUSTOM_ROUTE}`, { headers: { Cookie: await login(server, 'alice'), Accept: 'text/html' } });
    assert.is(res.status, 401, res.body);
    assert.match(String(res.headers['content-type']), /application\/json/);
    assert.is(res.headers['cache-control'], 'no-store');
    assert.not.match(res.body, /eyJ/);
    assert.match(read(built!, 'server/api/intercom-custom.get.ts'), '// TODO(intercom): return the signed-in user');
  } finally {
    await server.stop();
  }
});

/** The host app with these dependencies. */
function app(dependencies: Record<string, string>): string {
  const dir = tempDir('nuxt-auth', 'backend/nuxt');
  write(dir, 'package.json', JSON.stringify({ ...JSON.parse(read(dir, 'package.json')), dependencies }));
  return dir;
}

test('a Nuxt app with an Express server beside it is a Nuxt backend; --auth defaults to nuxt-auth-utils when the manifest names it, else custom', () => {
  assert.equal(detectTargets(backends, new Project(app({ nuxt: '^4.3.1', express: '^5.1.0' }))), ['nuxt']);
  for (const [dependencies, expected] of [
    [{ nuxt: '^4.3.1', 'nuxt-auth-utils': '^0.5.30' }, 'await getUserSession(event)'],
    [{ nuxt: '^4.3.1' }, '// TODO(intercom): return the signed-in user'],
  ] as const) {
    const dir = app(dependencies);
    const result = runPlop('intercom-backend', dir, {});
    assert.is(result.code, 0, result.output);
    assert.match(read(dir, 'server/api/intercom-jwt.get.ts'), expected);
  }
});

test('--route maps to server/api/ under /api/, else server/routes/; a route Nitro cannot serve from a file is refused, naming --route', () => {
  const dir = app({ nuxt: '^4.3.1' });
  assert.is(runPlop('intercom-backend', dir, { route: '/api/v1/intercom' }).code, 0);
  assert.match(read(dir, 'server/api/v1/intercom.get.ts'), 'GET /api/v1/intercom answers');
  for (const [route, message] of [
    ['/api/intercom/index', 'the last segment becomes a file name'],
    ['/api/token.json', 'use a name without "."'],
    ['/_nuxt/token', 'Nuxt reserves /_nuxt/'],
    ['/api//token', 'empty segment'],
  ]) {
    const fresh = app({ nuxt: '^4.3.1' });
    const before = read(fresh, 'package.json');
    const result = runPlop('intercom-backend', fresh, { route });
    assert.is.not(result.code, 0, route);
    assert.match(result.output, `--route ${route}: `);
    assert.match(result.output, message);
    assert.is(read(fresh, 'package.json'), before, 'nothing written');
  }
});

test("the summary lists each nuxt-auth-utils clear() (destructured from useUserSession() in a .vue file's <script setup>, or useUserSession().clear()) with the line to add before it", () => {
  const dir = nuxtApp('nuxt-sign-out', 'backend/nuxt', 'frontend/nuxt');
  write(dir, 'app/composables/sign-out.ts', 'export async function signOut() {\n  await useUserSession().clear();\n}\n');
  const result = runPlop('intercom-backend', dir, {});
  assert.is(result.code, 0, result.output);
  const sites = result.stdout.split('\n').filter((line) => line.includes('Before clear() at'));
  assert.equal(
    sites.map((line) => line.trim()),
    ['app/app.vue:16', 'app/composables/sign-out.ts:2'].map(
      (site) => `Before clear() at ${site}: $intercom.logout(); (const { $intercom } = useNuxtApp() in the component's setup)`,
    ),
  );
});

test('--auth refuses a library it does not know, naming the choices', () => {
  const result = runPlop('intercom-backend', app({ nuxt: '^4.3.1' }), { auth: 'sidebase' });
  assert.is.not(result.code, 0);
  assert.match(result.output, '--auth: "sidebase" is not one of nuxt-auth-utils, custom');
});

test.run();
