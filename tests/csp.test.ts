// --csp and the doctor's CSP check, in Chromium: a page served with the policy that `--csp true`
// prints raises no securitypolicyviolation while a stand-in widget makes the requests the real one
// makes; with one directive taken out, the doctor names that directive and no other.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { messengerProbes, probeInPage } from '../generators/csp.js';
import { checkPage, keepProbesLocal } from '../generators/doctor/page.js';
import type { DoctorOptions } from '../generators/doctor/result.js';
import { launchBrowser, openPage, recordViolations, violations, waitForCalls, WIDGET_STUB } from './helpers/browser.js';
import { runPlop } from './helpers/plop.js';
import { freePort } from './helpers/server.js';
import { tempDir } from './helpers/workspace.js';

const test = suite('--csp: the printed policy lets the Messenger work; the doctor names what blocks it');
const WORKSPACE_ID = 'ws4csp01';
const REGION = 'eu';
const state = {} as { dir: string; lines: [string, string[]][]; servers: http.Server[] };

/** The printed directives, merged into a strict policy as a user would: each beside 'self'. */
function policy(without: string[] = []) {
  return [
    "default-src 'self'",
    "object-src 'none'",
    ...state.lines.filter(([directive]) => !without.includes(directive)).map(([directive, sources]) => `${directive} 'self' ${sources.join(' ')}`),
  ].join('; ');
}

/** The generated page, served with a Content-Security-Policy header; anonymous (the token endpoint answers 401). */
async function serve(csp: string, html = (text: string) => text) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/intercom-jwt') return void res.writeHead(401).end();
    const file = path.join(state.dir, url.pathname === '/' ? 'index.html' : url.pathname);
    if (!file.startsWith(state.dir) || !fs.existsSync(file)) return void res.writeHead(404).end();
    const type = file.endsWith('.html') ? 'text/html' : 'text/javascript';
    const body = fs.readFileSync(file, 'utf8');
    res.writeHead(200, { 'content-type': type, 'content-security-policy': csp }).end(type === 'text/html' ? html(body) : body);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  state.servers.push(server);
  return `http://127.0.0.1:${port}`;
}

test.before(() => {
  state.servers = [];
  state.dir = tempDir('csp', 'frontend/vanilla');
  const result = runPlop('intercom-frontend', state.dir, { framework: 'vanilla', workspaceId: WORKSPACE_ID, region: REGION, csp: 'true' });
  assert.is(result.code, 0, result.output);
  const printed = result.stdout.split('\n').slice(result.stdout.split('\n').findIndex((line) => line.startsWith('Content-Security-Policy')) + 1);
  state.lines = printed
    .filter((line) => /^ {4}[a-z-]+ /.test(line))
    .map((line) => line.trim().split(' '))
    .map(([directive, ...sources]) => [directive, sources]);
  assert.equal(
    state.lines.map(([directive]) => directive),
    ['script-src', 'connect-src', 'img-src', 'font-src', 'media-src', 'frame-src', 'child-src', 'form-action', 'style-src'],
  );
});

test.after(() => {
  for (const server of state.servers) server.close();
});

test('--csp true prints the region-specific hosts, wss included', () => {
  const connect = new Map(state.lines).get('connect-src')!;
  assert.ok(connect.includes('https://api-iam.eu.intercom.io'), connect.join(' '));
  assert.ok(connect.includes('wss://nexus-europe-websocket.intercom.io'), connect.join(' '));
  assert.not.ok(connect.includes('https://api-iam.intercom.io'), 'the US API host is not needed in the EU');
  const result = runPlop('intercom-frontend', tempDir('csp-off', 'frontend/vanilla'), { framework: 'vanilla', workspaceId: WORKSPACE_ID });
  assert.not.match(result.stdout, /Content-Security-Policy/, 'printed only when asked for');
});

test('a page served with the printed policy: no violation while the widget makes its requests, and the Messenger boots', async () => {
  const url = await serve(policy());
  const browser = await launchBrowser();
  try {
    // The stand-in widget records the calls, then requests what the real one does; the probes stay on the machine.
    const probes = messengerProbes(REGION);
    const page = await openPage(browser, { widgetBody: `${WIDGET_STUB}\n(${probeInPage.toString()})(${JSON.stringify(probes)});` });
    await recordViolations(page.page);
    const sockets: string[] = [];
    await keepProbesLocal(page.page, probes, (url) => sockets.push(url));
    await page.page.goto(url + '/');
    await waitForCalls(page, (calls) => calls.some((c) => c.method === 'boot'), 'the anonymous boot');
    await page.page.waitForTimeout(1200);
    assert.equal(await violations(page.page), []);
    assert.equal(sockets, [probes.find((p) => p.kind === 'websocket')!.url], 'the realtime socket was opened');
    assert.equal(page.errors, []);
  } finally {
    await browser.close();
  }
});

test("a nonce-based policy that lists no Intercom host: the widget script gets the page's nonce, from its scripts or Rails' csp_meta_tag, and runs", async () => {
  const nonce = 'r4nd0mN0nce';
  const csp = `default-src 'self'; script-src 'self' 'nonce-${nonce}'; object-src 'none'`;
  // The server-side half of every framework's nonce support: the page's own scripts carry the nonce
  // (Next's x-nonce, %sveltekit.nonce%, Rails' javascript_include_tag nonce: true) or, with 'self'
  // running them, only Rails' csp_meta_tag holds it.
  const pages = {
    'script[nonce]': await serve(csp, (text) => text.replaceAll('<script ', `<script nonce="${nonce}" `)),
    csp_meta_tag: await serve(csp, (text) => text.replace('<head>', `<head>\n<meta name="csp-nonce" content="${nonce}">`)),
  };
  const browser = await launchBrowser();
  try {
    for (const [where, url] of Object.entries(pages)) {
      const page = await openPage(browser);
      await recordViolations(page.page);
      await page.page.goto(url + '/');
      await waitForCalls(page, (calls) => calls.some((c) => c.method === 'boot'), `the boot by the widget script (${where})`);
      assert.equal(await violations(page.page), [], where);
    }
  } finally {
    await browser.close();
  }
});

const doctorOptions = (url: string): DoctorOptions => ({
  url,
  jwtEndpoint: '/api/intercom-jwt',
  cookie: '',
  headers: {},
  workspaceId: WORKSPACE_ID,
  region: REGION,
  origin: '',
  secretEnvVar: 'INTERCOM_IDENTITY_SECRET',
  dir: '',
});

test('the doctor passes the printed policy, and names the one directive taken out of it', async () => {
  const csp = async (without?: string[]) => (await checkPage(doctorOptions(await serve(policy(without))))).find((r) => r.id === 'page.csp')!;
  const whole = await csp();
  assert.is(whole.status, 'PASS', whole.message);
  // Frames fall back to child-src, so the sheet's frame is blocked only without both.
  for (const without of [['script-src'], ['connect-src'], ['font-src'], ['frame-src', 'child-src'], ['style-src']]) {
    const [directive] = without;
    const result = await csp(without);
    assert.is(result.status, 'FAIL', `${directive}: ${result.message}`);
    const named = ['script-src', 'connect-src', 'img-src', 'font-src', 'frame-src', 'child-src', 'style-src'].filter((d) => result.message.includes(`${d} (`));
    assert.equal(named, [directive], result.message);
    assert.match(result.fix, `add to ${directive}: `);
  }
});

test.run();
