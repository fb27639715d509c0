// The SvelteKit backend in its real runtime, with --auth locals: the fixture's hooks.server.ts turns
// a session cookie into event.locals.user, the SvelteKit convention. The app with the generated
// +server.ts is type-checked by svelte-check, built by `vite build` with adapter-node and served by `node build`.
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detectTargets } from '../../generators/detect.js';
import { Project } from '../../generators/project.js';
import { backends } from '../../generators/registry.js';
import { backendContractSuite } from '../helpers/backend-contract.js';
import { runPlop } from '../helpers/plop.js';
import { linkToolchain, sveltekitBackendHost } from '../helpers/sveltekit.js';
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

/** The Auth.js host with the components and module of tests/fixtures/backend/sveltekit-signout, which sign out in every way Svelte allows. */
function signingOutApp(): string {
  const dir = tempDir('sveltekit-signout', 'backend/sveltekit-authjs');
  fs.cpSync(path.join(fixturesDir, 'backend/sveltekit-signout'), dir, { recursive: true });
  return dir;
}

const LOGOUT = "intercom.logout(); (import { intercom } from '$lib/IntercomMessenger.svelte')";
/** The summary's lines about Auth.js's sign-out, without the indentation. */
const signOutLines = (stdout: string) =>
  stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /signOut|endSession/.test(line));

test('--auth authjs lists each Auth.js signOut in modules and components (runes, legacy syntax, markup handlers) with the logout to add', () => {
  const dir = signingOutApp();
  linkToolchain(dir);
  const result = runPlop('intercom-backend', dir, { auth: 'authjs' });
  assert.is(result.code, 0, result.output);
  assert.equal(signOutLines(result.stdout), [
    `Before signOut() at src/lib/session.ts:5: ${LOGOUT}`,
    `Before endSession() at src/lib/SignOutButton.svelte:9: ${LOGOUT}`,
    `Before signOut() at src/routes/+layout.svelte:8: ${LOGOUT}`,
    `Before signOut() at src/routes/+layout.svelte:13: ${LOGOUT}`,
    "The event handler at src/lib/SignOutButton.svelte:8 is endSession itself: make it () => { intercom.logout(); endSession(); } (import { intercom } from '$lib/IntercomMessenger.svelte')",
  ]);
});

test('without svelte installed, the modules are still searched and the summary says the .svelte files were not', () => {
  const dir = signingOutApp();
  const result = runPlop('intercom-backend', dir, { auth: 'authjs' });
  assert.is(result.code, 0, result.output);
  assert.equal(signOutLines(result.stdout), [
    `Before signOut() at src/lib/session.ts:5: ${LOGOUT}`,
    'Your .svelte files were not searched for signOut(): svelte/compiler could not be loaded from the app. Run npm install, then this generator again.',
  ]);
});

test('--auth locals lists no sign-out: the app signs out its own way', () => {
  const dir = signingOutApp();
  linkToolchain(dir);
  const result = runPlop('intercom-backend', dir, { auth: 'locals' });
  assert.is(result.code, 0, result.output);
  assert.equal(signOutLines(result.stdout), []);
});

test.run();
