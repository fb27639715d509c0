// The README's first command: `npm run demo` generates into the example app and starts it.
import { spawn } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { launchBrowser, openPage, waitForCalls } from './helpers/browser.js';
import { freePort } from './helpers/server.js';
import { repoRoot } from './helpers/workspace.js';

test('npm run demo starts the example app with both halves installed, working in the browser', async () => {
  const port = await freePort();
  const demo = spawn('npm', ['run', 'demo'], {
    cwd: repoRoot,
    env: { ...process.env, INTERCOM_WORKSPACE_ID: 'demo1234', PORT: String(port) },
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
    const page = await openPage(browser);
    await page.page.goto(`http://127.0.0.1:${port}/`);
    await waitForCalls(page, (c) => c.some((x) => x.method === 'boot'), 'the anonymous boot');
    assert.equal(await page.boots(), [{ app_id: 'demo1234' }]);
    await page.page.click('#login-alice');
    await waitForCalls(page, (c) => c.filter((x) => x.method === 'boot').length === 2, 'the boot after login');
    assert.ok((await page.boots())[1].intercom_user_jwt);
    await page.page.waitForSelector('#who:has-text("Alice Example")');
    assert.equal(page.errors, []);
  } finally {
    await browser.close();
    process.kill(-demo.pid!, 'SIGTERM');
  }
});

test.run();
