// The SvelteKit backend in its real runtime, with --auth locals: the fixture's hooks.server.ts turns
// a session cookie into event.locals.user, the SvelteKit convention. The app with the generated
// +server.ts is type-checked by svelte-check, built by `vite build` with adapter-node and served by `node build`.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detectTargets } from '../../generators/detect.js';
import { Project } from '../../generators/project.js';
import { backends } from '../../generators/registry.js';
import { backendContractSuite } from '../helpers/backend-contract.js';
import { runPlop } from '../helpers/plop.js';
import { sveltekitBackendHost } from '../helpers/sveltekit.js';
import { fixturesDir, read, tempDir, write } from '../helpers/workspace.js';

backendContractSuite(sveltekitBackendHost('locals')).run();

const test = suite('intercom-backend --framework sveltekit: detection and --auth');
const ENDPOINT = 'src/routes/api/intercom-jwt/+server.ts';

/** The host app with these dependencies and, unless given, hooks that set nothing on locals. */
function app(dependencies: Record<string, string>, hooks = 'export {};\n'): string {
  const dir = tempDir('sveltekit-auth', 'backend/sveltekit');
  write(dir, 'package.json', JSON.stringify({ ...JSON.parse(read(dir, 'package.json')), dependencies }));
  write(dir, 'src/hooks.server.ts', hooks);
  return dir;
}

/** The host's own hooks: they set event.locals.user. */
const LOCALS_HOOKS = read(fixturesDir, 'backend/sveltekit/src/hooks.server.ts');

test('a SvelteKit app with a custom Express server is a SvelteKit backend', () => {
  assert.equal(detectTargets(backends, new Project(app({ express: '^5.1.0' }))), ['sveltekit']);
});

test('--auth defaults: locals where the hooks set locals.user, else authjs with @auth/sveltekit, else custom', () => {
  const cases: [Record<string, string>, string | undefined, string][] = [
    [{ '@auth/sveltekit': '^1.11.3' }, LOCALS_HOOKS, 'locals'],
    [{ '@auth/sveltekit': '^1.11.3' }, undefined, 'authjs'],
    [{}, undefined, 'custom'],
  ];
  for (const [dependencies, hooks, auth] of cases) {
    const dir = app(dependencies, hooks);
    const result = runPlop('intercom-backend', dir, {});
    assert.is(result.code, 0, result.output);
    const code = read(dir, ENDPOINT);
    if (auth === 'locals') assert.match(code, '(locals as { user?: IntercomUser | null }).user');
    if (auth === 'authjs') assert.match(code, 'await locals.auth()');
    if (auth === 'custom') {
      assert.match(code, '// TODO(intercom): return the signed-in user');
      assert.match(result.stdout, `Fill in signedInUser() in ${ENDPOINT}: return the signed-in user from your session.`);
      assert.match(result.stdout, 'Until you do, the endpoint answers 401 and never signs.');
    }
  }
});

test('--auth refuses a library it does not know, naming the choices; nothing is written', () => {
  const dir = app({});
  const result = runPlop('intercom-backend', dir, { auth: 'lucia' });
  assert.is.not(result.code, 0);
  assert.match(result.output, '--auth: "lucia" is not one of locals, authjs, custom');
  assert.not.ok(read(dir, 'package.json').includes('jose'));
});

test.run();
