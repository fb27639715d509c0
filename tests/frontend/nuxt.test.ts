// The Nuxt host: the backend host app (tests/fixtures/backend/nuxt, signing in with nuxt-auth-utils)
// with tests/fixtures/frontend/nuxt laid over it (app.vue with the nav and the login buttons, which
// log out through nuxt-auth-utils' clear()). One `npx plop intercom` writes both halves into it; it
// is type-checked by `nuxt typecheck`, built by `nuxt build` and served by `node .output/server/index.mjs`.
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detectTargets } from '../../generators/detect.js';
import { Project } from '../../generators/project.js';
import { frontends } from '../../generators/registry.js';
import { request, SECRET } from '../helpers/backend-contract.js';
import { CORE_CHECKS, frontendContractSuite, regionFlags, TOKEN_TTL, WORKSPACE_ID, type Region } from '../helpers/frontend-contract.js';
import { backendHost, startHost } from '../helpers/hosts.js';
import { buildOnce, nuxtApp, nuxtTypecheck } from '../helpers/nuxt.js';
import { runPlop } from '../helpers/plop.js';
import { freePort } from '../helpers/server.js';
import { fixturesDir, read, snapshotTree, tempDir, write } from '../helpers/workspace.js';

const PLUGIN = 'app/plugins/intercom.client.ts';
const CORE = 'app/utils/intercom.ts';

/** The backend host with the frontend overlay. */
const hostApp = (name: string) => nuxtApp(name, 'backend/nuxt', 'frontend/nuxt');

/** The app built for the US region, for the server-rendering check. */
let built: string | undefined;

const serve = async (dir: string) => startHost(backendHost('nuxt').start, dir, { INTERCOM_IDENTITY_SECRET: SECRET }, await freePort());

frontendContractSuite({
  framework: 'nuxt',
  queryLink: true,
  coreChecksIn: CORE_CHECKS.ts,
  build: async (region: Region) => {
    const dir = hostApp(`nuxt-${region}`);
    const result = runPlop('intercom', dir, { workspaceId: WORKSPACE_ID, ...regionFlags(region), ttl: TOKEN_TTL });
    assert.is(result.code, 0, result.output);
    for (const file of ['server/api/intercom-jwt.get.ts', PLUGIN, CORE]) assert.match(result.stdout, `created    ${file}`);
    assert.match(result.stdout, 'getUserSession(event)');
    // The generated TypeScript passes `nuxt typecheck` (once: the regions differ in one string).
    if (region === 'us') nuxtTypecheck(dir);
    buildOnce(dir);
    if (region === 'us') built = dir;
    return dir;
  },
  serve,
}).run();

const variants = suite('intercom-frontend --framework nuxt: other project shapes');

variants('a Nuxt app wins detection over Vue, which every Nuxt app depends on', () => {
  const dir = tempDir('nuxt-detect', 'backend/nuxt');
  assert.equal(detectTargets(frontends, new Project(dir)), ['nuxt']);
});

variants('no user file is edited (Nuxt registers plugins/ itself), and a second run changes nothing', () => {
  const dir = tempDir('nuxt-rerun', 'backend/nuxt');
  fs.cpSync(path.join(fixturesDir, 'frontend/nuxt'), dir, { recursive: true });
  const before = snapshotTree(dir);
  const first = runPlop('intercom-frontend', dir, { workspaceId: WORKSPACE_ID });
  assert.is(first.code, 0, first.output);
  const after = snapshotTree(dir);
  assert.equal(
    Object.keys(after)
      .filter((file) => after[file] !== before[file])
      .sort(),
    [CORE, PLUGIN].sort(),
  );
  assert.match(first.stdout, `${PLUGIN} starts the Messenger in the browser`);
  assert.match(first.stdout, 'const { $intercom } = useNuxtApp()');
  const again = runPlop('intercom-frontend', dir, { workspaceId: WORKSPACE_ID });
  assert.is(again.code, 0, again.output);
  assert.equal(snapshotTree(dir), after);
});

variants("Nuxt 3's layout (app.vue and pages/ at the root) gets plugins/ and utils/ at the root; a JavaScript app gets .js", () => {
  const dir = tempDir('nuxt3-js', 'backend/nuxt');
  fs.rmSync(path.join(dir, 'app'), { recursive: true });
  fs.rmSync(path.join(dir, 'tsconfig.json'));
  write(dir, 'app.vue', '<template><NuxtPage /></template>\n');
  write(dir, 'pages/index.vue', '<template><h1>home</h1></template>\n');
  // Nuxt 3 keeps app/router.options.ts under app/ at the root: that alone is no Nuxt 4 srcDir.
  write(dir, 'app/router.options.js', 'export default {};\n');
  const result = runPlop('intercom-frontend', dir, { workspaceId: WORKSPACE_ID });
  assert.is(result.code, 0, result.output);
  const plugin = read(dir, 'plugins/intercom.client.js');
  assert.match(plugin, "from '../utils/intercom';");
  assert.not.match(plugin, /: \w+\)/);
  assert.ok(fs.existsSync(path.join(dir, 'utils/intercom.js')));
});

variants('the server renders the pages without the Messenger: no widget script in the HTML, no error logged', async () => {
  assert.ok(built, 'the contract suite built the app');
  const server = await serve(built!);
  try {
    for (const page of ['/', '/about']) {
      const res = await request(`${server.url}${page}`, { headers: { Accept: 'text/html' } });
      assert.is(res.status, 200, res.body);
      assert.match(res.body, '<h1 id="page">');
      assert.not.match(res.body, 'widget.intercom.io');
    }
    assert.not.match(server.logs(), /error|window is not defined/i);
  } finally {
    await server.stop();
  }
});

variants.run();
