// intercom-frontend input handling: bad values are refused before anything is written, the
// secret never reaches frontend output, and the insecure installation is opt-in and loud.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { launchBrowser, openPage, sleep } from './helpers/browser.js';
import { frontendIds, frontends } from '../generators/registry.js';
import { frontendHost } from './helpers/hosts.js';
import { runPlop } from './helpers/plop.js';
import { freePort, startServer } from './helpers/server.js';
import { read, repoRoot, snapshotTree, tempDir, write } from './helpers/workspace.js';

const vanillaApp = () => tempDir('frontend-input', 'frontend/vanilla');

const badWorkspaceIds: [string, string, RegExp][] = [
  ['an Intercom URL', 'https://app.intercom.com/a/apps/abc12345/inbox', /is a URL; the workspace ID in it is "abc12345"/],
  ['a URL without the apps path', 'https://widget.intercom.io/widget', /looks like a URL or a path/],
  ['whitespace', 'abc 12345', /contains whitespace/],
  ['a long random-looking string (probably the secret)', 'Xk29fQ8zLp3vR7tW1yB5nM4cD6hJ0sA2', /looks like a secret, not a workspace ID/],
  ['something too long', 'a'.repeat(40), /looks like a secret/],
  ['something too short', 'ab1', /is not a workspace ID: use 4 to 32 letters and digits/],
];

for (const [name, value, message] of badWorkspaceIds) {
  test(`refuses a workspace ID that is ${name}, and says where the ID is found`, () => {
    const dir = vanillaApp();
    const before = snapshotTree(dir);
    const result = runPlop('intercom-frontend', dir, { framework: 'vanilla', workspaceId: value });
    assert.is.not(result.code, 0);
    assert.match(result.output, /--workspaceId: /);
    assert.match(result.output, message);
    assert.match(result.output, /Messenger install page/);
    assert.match(result.output, /\/a\/apps\/<workspace id>/);
    assert.equal(snapshotTree(dir), before);
  });
}

test('refuses an unknown framework and a missing workspace ID, naming the flags', () => {
  const dir = vanillaApp();
  const before = snapshotTree(dir);
  let result = runPlop('intercom-frontend', dir, { framework: 'svelte', workspaceId: 'abc12345' });
  assert.is.not(result.code, 0);
  assert.match(result.output, new RegExp(`--framework: "svelte" is not one of ${frontendIds.join(', ')}`));
  result = runPlop('intercom-frontend', dir, { framework: 'vanilla' }, { INTERCOM_WORKSPACE_ID: '' });
  assert.is.not(result.code, 0);
  assert.match(result.output, /--workspaceId is required when the run is not interactive/);
  assert.equal(snapshotTree(dir), before);
});

test('refuses an htmlFile that is missing or has no </body>', () => {
  const dir = vanillaApp();
  write(dir, 'fragment.html', '<div>no body tag</div>\n');
  const before = snapshotTree(dir);
  let result = runPlop('intercom-frontend', dir, { framework: 'vanilla', workspaceId: 'abc12345', htmlFile: 'missing.html' });
  assert.is.not(result.code, 0);
  assert.match(result.output, /--htmlFile missing.html: no such file/);
  result = runPlop('intercom-frontend', dir, { framework: 'vanilla', workspaceId: 'abc12345', htmlFile: 'fragment.html' });
  assert.is.not(result.code, 0);
  assert.match(result.output, /--htmlFile fragment.html has no <\/body>/);
  assert.equal(snapshotTree(dir), before);
});

test('refuses --router and --htmlFile where they do not apply', () => {
  const dir = vanillaApp();
  const result = runPlop('intercom-frontend', dir, { framework: 'vanilla', workspaceId: 'abc12345', router: 'app' });
  assert.is.not(result.code, 0);
  assert.match(result.output, /--router does not apply here/);
});

test('refuses any answer holding the identity secret (from the environment or .env)', () => {
  const secret = 'canary-secret-5f2b8c1d9e';
  for (const where of ['env', '.env'] as const) {
    const dir = vanillaApp();
    if (where === '.env') write(dir, '.env', `INTERCOM_IDENTITY_SECRET="${secret}"\n`);
    const before = snapshotTree(dir);
    const env = where === 'env' ? { INTERCOM_IDENTITY_SECRET: secret } : { INTERCOM_IDENTITY_SECRET: '' };
    const result = runPlop('intercom-frontend', dir, { framework: 'vanilla', workspaceId: 'abc12345', jwtEndpoint: `/api/jwt?k=${secret}` }, env);
    assert.is.not(result.code, 0, `${where}: ${result.output}`);
    assert.match(result.output, /--jwtEndpoint contains the value of INTERCOM_IDENTITY_SECRET/);
    assert.not.ok(result.output.includes(secret), 'the secret is never printed');
    assert.equal(snapshotTree(dir), before);
  }
});

test('secret canary: with the secret in the environment and in .env, no frontend output of any target contains it', () => {
  const secret = 'canary-5ecret-7d1e2f9a0b3c';
  for (const c of frontendIds.flatMap((framework) => frontendHost(framework).cases.map((host) => ({ ...host, framework })))) {
    const { framework } = c;
    const dir = tempDir(`canary-${c.id}`, c.fixture);
    write(dir, '.env', `INTERCOM_IDENTITY_SECRET=${secret}\n`);
    const before = snapshotTree(dir);
    const result = runPlop('intercom-frontend', dir, { framework, workspaceId: 'abc12345', wire: false, ...c.flags }, { INTERCOM_IDENTITY_SECRET: secret });
    assert.is(result.code, 0, `${framework}: ${result.output}`);
    const written = Object.entries(snapshotTree(dir)).filter(([file, content]) => before[file] !== content);
    assert.ok(written.length >= 2, `${framework} wrote ${written.map(([file]) => file).join(', ')}`);
    for (const [file, content] of written) assert.not.ok(content.includes(secret), `${framework}: the secret is in ${file}`);
    assert.not.ok(result.output.includes(secret));
  }
});

// The core's timer checks run on one host per language (CORE_CHECKS in helpers/frontend-contract.ts):
// that holds only while every target gets the very same core file for the same language and flags.
test('one client core: every target writes the same core for its language, only the header differs', () => {
  const cores = new Map<string, Map<string, string>>();
  for (const c of frontendIds.flatMap((framework) => frontendHost(framework).cases.map((host) => ({ ...host, framework })))) {
    const dir = tempDir(`core-${c.id}`, c.fixture);
    const before = snapshotTree(dir);
    const result = runPlop('intercom-frontend', dir, { framework: c.framework, workspaceId: 'abc12345', wire: false, ...c.flags });
    assert.is(result.code, 0, `${c.id}: ${result.output}`);
    const core = Object.entries(snapshotTree(dir)).filter(
      ([file, content]) => before[file] !== content && content.includes('The Intercom Messenger with JWT identity verification: one module'),
    );
    assert.is(core.length, 1, `${c.id} wrote ${core.length} core files`);
    const [file, content] = core[0];
    const language = path.extname(file);
    const body = content.split('\n').slice(2).join('\n');
    if (!cores.has(language)) cores.set(language, new Map());
    cores.get(language)!.set(c.id, body);
  }
  assert.equal([...cores.keys()].sort(), ['.js', '.ts']);
  for (const [language, bodies] of cores) {
    assert.ok(bodies.size >= 3, `${language}: only ${[...bodies.keys()].join(', ')}`);
    const [first, ...others] = [...bodies];
    for (const [id, body] of others) assert.fixture(body, first[1], `${id}'s ${language} core differs from ${first[0]}'s`);
  }
});

test('the insecure installation only exists when asked for, and warns', () => {
  const secure = vanillaApp();
  let result = runPlop('intercom-frontend', secure, { framework: 'vanilla', workspaceId: 'abc12345' });
  assert.is(result.code, 0, result.output);
  assert.match(read(secure, 'intercom/messenger.js'), /intercom_user_jwt/);
  assert.not.match(result.output, /insecure/i);

  const insecure = vanillaApp();
  result = runPlop('intercom-frontend', insecure, { framework: 'vanilla', workspaceId: 'abc12345', insecure: true });
  assert.is(result.code, 0, result.output);
  assert.match(result.output, /WARNING: insecure installation/);
  assert.match(result.output, /Anyone can impersonate any of your users from the browser console/);
  const core = read(insecure, 'intercom/messenger.js');
  assert.not.match(core, /intercom_user_jwt|fetch\(/);
  assert.match(core, /INSECURE/);

  result = runPlop('intercom-frontend', vanillaApp(), { framework: 'vanilla', workspaceId: 'abc12345', insecure: 'maybe' });
  assert.is.not(result.code, 0);
  assert.match(result.output, /--insecure: must be true or false/);
});

test('insecure installation in the browser: boots with the attributes the page passes, fetches no token', async () => {
  const dir = vanillaApp();
  assert.is(runPlop('intercom-frontend', dir, { framework: 'vanilla', workspaceId: 'abc12345', insecure: true }).code, 0);
  // The page states who the user is, as the insecure snippet of the install guide does.
  write(
    dir,
    'index.html',
    read(dir, 'index.html').replace(
      '<script src="/app.js">',
      `<script>window.intercomSettings = { user_id: '42', email: 'alice@example.com' };</script>\n    <script src="/app.js">`,
    ),
  );
  const port = await freePort();
  const server = await startServer(process.execPath, [path.join(repoRoot, 'tests/fixtures/backend/express/static.js')], {
    cwd: dir,
    port,
    env: { PORT: String(port), STATIC_DIR: dir },
  });
  const browser = await launchBrowser();
  try {
    const page = await openPage(browser);
    const requests: string[] = [];
    page.page.on('request', (r) => requests.push(r.url()));
    await page.page.goto(server.url + '/');
    await sleep(800);
    const boots = await page.boots();
    assert.equal(boots.at(-1), { app_id: 'abc12345', user_id: '42', email: 'alice@example.com' });
    assert.not.ok(requests.some((url) => url.includes('/api/intercom-jwt')));
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('--dryRun true prints a diff of every change and writes nothing', () => {
  const dir = vanillaApp();
  const before = snapshotTree(dir);
  const result = runPlop('intercom-frontend', dir, { framework: 'vanilla', workspaceId: 'abc12345', dryRun: true });
  assert.is(result.code, 0, result.output);
  assert.match(result.stdout, /\+\+\+ b\/intercom\/messenger\.js/);
  assert.match(result.stdout, /\+\s+<script type="module" src="\/intercom\/start.js"><\/script>/);
  assert.match(result.stdout, /would be created\s+intercom\/start\.js/);
  assert.equal(snapshotTree(dir), before);
});

test('a second run changes nothing, an edited file survives with the conflict reported', () => {
  const dir = vanillaApp();
  const flags = { framework: 'vanilla', workspaceId: 'abc12345' };
  assert.is(runPlop('intercom-frontend', dir, flags).code, 0);
  const first = snapshotTree(dir);
  assert.is(runPlop('intercom-frontend', dir, flags).code, 0);
  assert.equal(snapshotTree(dir), first);
  fs.appendFileSync(path.join(dir, 'intercom/start.js'), '// mine\n');
  const edited = snapshotTree(dir);
  const result = runPlop('intercom-frontend', dir, flags);
  assert.is.not(result.code, 0);
  assert.match(result.output, /intercom\/start\.js was changed since it was generated/);
  assert.equal(snapshotTree(dir), edited);
});

for (const id of frontendIds) {
  test(`${id}: the summary says how to sign users in and out, whether the app was wired or not`, () => {
    // The host's representative app, not yet wired.
    const [app] = frontendHost(id).cases;
    for (const wire of [true, false]) {
      const dir = tempDir(`usage-${id}`, app.fixture);
      const flags = { framework: id, workspaceId: 'abc12345', wire: String(wire), ...app.flags };
      const result = runPlop('intercom-frontend', dir, flags);
      assert.is(result.code, 0, result.output);
      // An overlay is not a whole app: a wiring that parses with the app's installed packages (SvelteKit's svelte/compiler) prints the snippet there.
      const wired = app.overlay ? /Wired in: (?!\S+ already )|No safe place to wire it in was found/ : /Wired in: (?!\S+ already )/;
      assert.match(result.output, wire ? (frontends[id].wire ? wired : /Nothing to wire automatically/) : /Not wired \(--wire false\)/);
      const lines = result.output.split('\n');
      const at = lines.findIndex((line) => line.trim() === 'Sign users in and out:');
      assert.ok(at >= 0, result.output);
      const usage = lines
        .slice(at + 1)
        .filter((line, i, rest) => rest.slice(0, i + 1).every((l) => l.startsWith('    ')))
        .join('\n');
      assert.match(usage, /logout\(\)/, result.output);
      assert.match(usage, /login\(|boot\(\)/, result.output);
    }
  });
}

test.run();
