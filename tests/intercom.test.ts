// `intercom` (both halves) in an npm-workspaces monorepo, with the API on another origin:
// the frontend's endpoint and the backend's allowed origin must match, end to end in Chromium.
import fs from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SECRET, USERS } from './helpers/backend-contract.js';
import { launchBrowser, openPage, waitForCalls } from './helpers/browser.js';
import { runPlop } from './helpers/plop.js';
import { freePort, startServer } from './helpers/server.js';
import { fixturesDir, read, snapshotTree, tempDir, write } from './helpers/workspace.js';

function monorepo() {
  const root = tempDir('monorepo');
  write(root, 'package.json', JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*'] }, null, 2) + '\n');
  fs.cpSync(path.join(fixturesDir, 'backend/express'), path.join(root, 'apps/api'), { recursive: true });
  fs.cpSync(path.join(fixturesDir, 'frontend/vanilla'), path.join(root, 'apps/web'), { recursive: true });
  // Every wiring assertion below starts from apps that are not yet wired, as users' apps are.
  assert.not.match(read(root, 'apps/api/app.js'), /intercom/i);
  assert.not.match(read(root, 'apps/web/index.html'), /intercom/i);
  return root;
}

test('a cross-origin API and app, generated together, boot the signed-in user in the browser', async () => {
  const root = monorepo();
  const [apiPort, webPort] = [await freePort(), await freePort()];
  const apiOrigin = `http://127.0.0.1:${apiPort}`;
  const appOrigin = `http://127.0.0.1:${webPort}`;
  const result = runPlop('intercom', root, {
    backend: 'express',
    frontend: 'vanilla',
    backendDir: 'apps/api',
    frontendDir: 'apps/web',
    workspaceId: 'mono1234',
    region: 'eu',
    apiOrigin,
    appOrigin,
  });
  assert.is(result.code, 0, result.output);
  assert.match(result.stdout, /created\s+apps\/api\/routes\/intercom-jwt\.js/);
  assert.match(result.stdout, /created\s+apps\/web\/intercom\/messenger\.js/);
  assert.match(read(root, 'apps/api/routes/intercom-jwt.js'), new RegExp(`ALLOWED_ORIGIN = '${appOrigin}'`));
  assert.match(read(root, 'apps/web/intercom/messenger.js'), new RegExp(`JWT_ENDPOINT = '${apiOrigin}/api/intercom-jwt'`));

  const api = await startServer(process.execPath, ['app.js'], {
    cwd: path.join(root, 'apps/api'),
    port: apiPort,
    env: { PORT: String(apiPort), INTERCOM_IDENTITY_SECRET: SECRET },
  });
  const web = await startServer(process.execPath, [path.join(fixturesDir, 'backend/express/static.js')], {
    cwd: path.join(root, 'apps/web'),
    port: webPort,
    env: { PORT: String(webPort), STATIC_DIR: path.join(root, 'apps/web') },
  });
  const browser = await launchBrowser();
  try {
    const page = await openPage(browser);
    // Log in on the API's origin (cookies are per host, so the app's fetch carries it).
    await page.page.goto(`${apiOrigin}/test/login/alice`);
    await page.page.goto(`${appOrigin}/`);
    const calls = await waitForCalls(page, (c) => c.some((x) => x.method === 'boot'), 'the boot');
    const boot = calls.find((c) => c.method === 'boot')!.args[0];
    assert.is(boot.api_base, 'https://api-iam.eu.intercom.io');
    assert.ok(boot.intercom_user_jwt, `booted without a token: ${JSON.stringify(boot)}`);
    assert.is((jwt.verify(boot.intercom_user_jwt, SECRET) as jwt.JwtPayload).user_id, USERS.alice.id);
    assert.equal(page.errors, []);
  } finally {
    await browser.close();
    await api.stop();
    await web.stop();
  }
});

test('a second run changes nothing; --apiOrigin without --appOrigin is refused with nothing written', () => {
  const root = monorepo();
  const flags = { backend: 'flask', frontend: 'vanilla', backendDir: 'apps/api', frontendDir: 'apps/web', workspaceId: 'mono1234' };
  assert.is(runPlop('intercom', root, flags).code, 0);
  const first = snapshotTree(root);
  assert.is(runPlop('intercom', root, flags).code, 0);
  assert.equal(snapshotTree(root), first);

  const fresh = monorepo();
  const before = snapshotTree(fresh);
  const result = runPlop('intercom', fresh, { ...flags, apiOrigin: 'https://api.example.com' });
  assert.is.not(result.code, 0);
  assert.match(result.output, /--appOrigin is required when the run is not interactive|--appOrigin: is required when --apiOrigin is set/);
  assert.equal(snapshotTree(fresh), before);
});

test('in an npm workspace, the folders and frameworks of both halves are detected', () => {
  const root = monorepo();
  const result = runPlop('intercom', root, { workspaceId: 'mono1234' });
  assert.is(result.code, 0, result.output);
  assert.match(result.stdout, /created\s+apps\/api\/routes\/intercom-jwt\.js/);
  assert.match(result.stdout, /created\s+apps\/web\/intercom\/messenger\.js/);
  // Both hosts start unwired (the fixtures hold no Intercom code): the generator wires each half.
  assert.match(result.stdout, /Wired in: app\.js: imports the route and mounts it/);
  assert.match(read(root, 'apps/api/app.js'), /^const intercomJwt = require\('\.\/routes\/intercom-jwt\.js'\);$[\s\S]*^app\.use\(intercomJwt\);$/m);
  assert.match(result.stdout, /Wired in: index\.html loads intercom\/start\.js/);
  assert.match(read(root, 'apps/web/index.html'), /<script type="module" src="\/intercom\/start.js"><\/script>/);
});

test("the frontend's own folder decides its defaults: a Next Pages Router app in a workspace gets the Pages adapter", () => {
  const root = monorepo();
  fs.rmSync(path.join(root, 'apps/web'), { recursive: true });
  write(root, 'apps/web/package.json', JSON.stringify({ name: 'web', dependencies: { next: '^16.0.0', react: '^19.0.0' } }, null, 2));
  write(root, 'apps/web/pages/index.tsx', 'export default function Home() {\n  return <h1>home</h1>;\n}\n');
  write(root, 'apps/web/tsconfig.json', '{}\n');
  const result = runPlop('intercom', root, { workspaceId: 'mono1234' });
  assert.is(result.code, 0, result.output);
  const adapter = Object.keys(snapshotTree(path.join(root, 'apps/web'))).find((file) => /intercom-messenger\.tsx$/.test(file));
  assert.ok(adapter, result.stdout);
  assert.match(read(path.join(root, 'apps/web'), adapter!), /routeChangeComplete/);
});

test('a conflict in one half writes neither half', () => {
  const root = monorepo();
  const flags = { backend: 'express', frontend: 'vanilla', backendDir: 'apps/api', frontendDir: 'apps/web', workspaceId: 'mono1234' };
  write(root, 'apps/api/routes/intercom-jwt.js', '// the user already has a file here\n');
  const before = snapshotTree(root);
  const result = runPlop('intercom', root, flags);
  assert.is.not(result.code, 0);
  assert.match(result.output, /apps\/api\/routes\/intercom-jwt\.js was changed/);
  assert.equal(snapshotTree(root), before);
});

test.run();
