// The README's first command: `npm run demo` generates into the example app and starts it,
// with no input at all, and its page shows what the Messenger received.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { launchBrowser, openPage, waitForCalls } from './helpers/browser.js';
import { freePort } from './helpers/server.js';
import { repoRoot, snapshotTree } from './helpers/workspace.js';

const { INTERCOM_WORKSPACE_ID: _unset, ...envWithoutWorkspace } = process.env;
const demoDirs = () => (fs.existsSync(path.join(repoRoot, '.tmp')) ? fs.readdirSync(path.join(repoRoot, '.tmp')).filter((d) => d.startsWith('demo-')) : []);

test('npm run demo runs with no input, says its workspace ID is fake, and the page shows each Messenger call', async () => {
  const port = await freePort();
  const demo = spawn('npm', ['run', 'demo'], {
    cwd: repoRoot,
    env: { ...envWithoutWorkspace, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  demo.stdout.on('data', (chunk) => (output += chunk));
  demo.stderr.on('data', (chunk) => (output += chunk));
  const browser = await launchBrowser();
  try {
    const deadline = Date.now() + 60_000;
    while (!output.includes('Example app on')) {
      assert.ok(Date.now() < deadline && demo.exitCode === null, `the demo did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.match(output, new RegExp(`Open http://127.0.0.1:${port}`));
    assert.match(output, /Workspace ID: demo0fake \(a made-up demo ID: set INTERCOM_WORKSPACE_ID/);
    // The example app holds no Intercom code: the generator wired both halves into the copy.
    assert.match(output, /Wired in: app\.js: imports the route and mounts it/);
    assert.match(output, /Wired in: public\/index\.html loads intercom\/start\.js/);
    const page = await openPage(browser);
    await page.page.goto(`http://127.0.0.1:${port}/`);
    assert.match((await page.page.textContent('#messenger-title')) ?? '', /^Demo panel/, "the panel says it is the demo's");
    await waitForCalls(page, (c) => c.some((x) => x.method === 'boot'), 'the anonymous boot');
    assert.equal(await page.boots(), [{ app_id: 'demo0fake' }]);
    await page.page.waitForSelector('#messenger-calls li:has-text("boot (anonymous)")');

    await page.page.click('#login-alice');
    await waitForCalls(page, (c) => c.filter((x) => x.method === 'boot').length === 2, 'the boot after login');
    assert.ok((await page.boots())[1].intercom_user_jwt);
    await page.page.waitForSelector('#who:has-text("Alice Example")');
    await page.page.waitForSelector('#messenger-calls li:has-text("boot (user_id 42)")');
    const claims = JSON.parse((await page.page.textContent('#messenger-claims')) ?? '');
    assert.is(claims.user_id, '42');
    assert.is(claims.exp - claims.iat, 7200);
    assert.match((await page.page.textContent('#messenger-refresh')) ?? '', /^Next token refresh due at about .+ \(the token expires at .+\)\.$/);
    // Due as the core times it: five minutes before exp, counted from the boot that received the token.
    const booted = Date.parse((await page.page.getAttribute('#messenger-calls li:nth-child(2) time', 'datetime'))!);
    const [due, expires] = (await page.page.$$eval('#messenger-refresh time', (times) => times.map((t) => (t as HTMLTimeElement).dateTime))).map(Date.parse);
    assert.is(Math.round((due - booted) / 1000), 7200 - 300);
    assert.is(expires, claims.exp * 1000);

    await page.page.click('#logout');
    await waitForCalls(page, (c) => c.some((x) => x.method === 'shutdown'), 'the shutdown on logout');
    await page.page.waitForSelector('#messenger-calls li:nth-child(4):has-text("boot (anonymous)")');
    const listed = await page.page.$$eval('#messenger-calls li', (items) => items.map((li) => li.querySelector('span')!.textContent));
    assert.equal(listed.slice(0, 4), ['boot (anonymous)', 'boot (user_id 42)', 'shutdown', 'boot (anonymous)']);
    assert.is(await page.page.textContent('#messenger-claims'), 'none: anonymous visitor');
    assert.equal(page.errors, []);
  } finally {
    await browser.close();
    process.kill(-demo.pid!, 'SIGTERM');
  }
});

test('npm run demo checks everything before it writes: a refused workspace ID or port leaves nothing behind', () => {
  const exampleApp = snapshotTree(path.join(repoRoot, 'scripts/example-app'));
  assert.not.match(exampleApp['app.js'], /intercom-jwt/, 'the example app starts unwired');
  assert.not.match(exampleApp['public/index.html'], /intercom\/start\.js/, 'the example page starts unwired');
  for (const [env, flag] of [
    [{ INTERCOM_WORKSPACE_ID: 'not a workspace' }, /--workspaceId/],
    [{ PORT: 'eighty' }, /PORT=eighty is not a port number/],
  ] as const) {
    const before = demoDirs();
    const result = spawnSync('npm', ['run', 'demo'], {
      cwd: repoRoot,
      env: { ...envWithoutWorkspace, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    const output = result.stdout + result.stderr;
    assert.is.not(result.status, 0, output);
    assert.match(output, flag);
    assert.match(output, /nothing was written/);
    assert.equal(demoDirs(), before, 'no new demo folder');
    assert.equal(snapshotTree(path.join(repoRoot, 'scripts/example-app')), exampleApp, 'the example app is untouched');
  }
});

test.run();
