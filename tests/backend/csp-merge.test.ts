// intercom-backend --csp true merges the Messenger's sources into the app's own policy, on the real
// libraries (helmet, Rails, django-csp; Next's are in next.test.ts's and next-adapters.test.ts's builds): the app's page, served with
// the policy it sends, blocks none of the requests the widget makes (in Chromium, the doctor's
// probes; helmet's page is also probed before the merge, which they fail); the app's own sources
// stay; a second run changes nothing. Rails' page also runs the vanilla frontend under its script nonce.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Plan } from '../../generators/steps/plan.js';
import { messengerProbes } from '../../generators/csp.js';
import { HELMET_DEFAULTS, mergeHelmet } from '../../generators/targets/helmet.js';
import { mergeNextCsp } from '../../generators/targets/next-csp.js';
import { mergeRailsCsp } from '../../generators/targets/rails-csp.js';
import { directiveSources, probeBackendPage } from '../helpers/csp-page.js';
import { backendHost, type StartCommand } from '../helpers/hosts.js';
import { runPlop } from '../helpers/plop.js';
import { fixturesDir, read, snapshotTree, tempDir, write } from '../helpers/workspace.js';
import { expressAuthToolchain } from './express-auth-toolchain.js';

const REGION = 'eu';
const INITIALIZER = 'config/initializers/content_security_policy.rb';
const test = suite('--csp on the backends: the Messenger allowed by the policy the app sends, by a merge into its own configuration');

const servePage = (start: StartCommand, dir: string, boots = false) => probeBackendPage(start, dir, REGION, { boots });

/** Generates with --csp true twice: the second run must change nothing and say the policy already allows the Messenger. */
function generateTwice(dir: string, generator = 'intercom-backend', flags: Record<string, string> = {}) {
  const first = runPlop(generator, dir, { csp: 'true', region: REGION, ...flags });
  assert.is(first.code, 0, first.output);
  const before = snapshotTree(dir);
  const second = runPlop(generator, dir, { csp: 'true', region: REGION, ...flags });
  assert.is(second.code, 0, second.output);
  assert.equal(snapshotTree(dir), before, 'a second run changes nothing');
  assert.match(second.stdout, 'already allows what the Messenger needs in the EU region');
  return first.stdout;
}

test('express, both halves by `intercom` with one --region: into the directives of helmet(), on the real helmet; its scriptSrc is kept, and the generated page boots under the policy', async () => {
  const dir = tempDir('csp-express', 'backend/express-helmet');
  fs.symlinkSync(path.join(expressAuthToolchain(), 'node_modules'), path.join(dir, 'node_modules'));
  const start = backendHost('express').start;
  const unmerged = await servePage(start, dir);
  assert.equal(unmerged.blocked, ['connect-src', 'frame-src', 'img-src', 'script-src'], 'helmet blocks the widget before the merge');
  assert.is(unmerged.app.worker, 'running', "the app's blob: worker runs by scriptSrc");

  const stdout = generateTwice(dir, 'intercom', { backend: 'express', frontend: 'vanilla', workspaceId: 'ws4csp01', htmlFile: 'public/index.html' });
  assert.match(stdout, "the Messenger's sources for the EU region were merged into helmet() in app.js:");
  assert.match(stdout, "connect-src (new: default-src's sources, then the Messenger's): https://via.intercom.io");
  assert.match(stdout, "worker-src (new: script-src's sources, so that the new child-src does not govern the app's own workers)");
  assert.match(read(dir, 'app.js'), /scriptSrc: \[\s+"'self'",\s+'https:\/\/cdn\.example\.com',\s+'blob:',\s+'https:\/\/app\.intercom\.io',/);
  assert.match(read(dir, 'public/intercom/messenger.js'), "'https://api-iam.eu.intercom.io'", 'the frontend has the same region');

  const merged = await servePage(start, dir, true);
  assert.equal(merged.blocked, [], merged.header);
  assert.equal(directiveSources(merged.header, 'script-src').slice(0, 3), ["'self'", 'https://cdn.example.com', 'blob:'], 'the app keeps its own sources');
  assert.ok(directiveSources(merged.header, 'connect-src').includes('wss://nexus-europe-websocket.intercom.io'), merged.header);
  assert.equal(directiveSources(merged.header, 'object-src'), ["'none'"], "helmet's defaults stay");
  // child-src (new, for the Messenger's frames) would govern workers; worker-src keeps them on scriptSrc's sources.
  assert.equal(directiveSources(merged.header, 'worker-src'), ["'self'", 'https://cdn.example.com', 'blob:'], merged.header);
  assert.is(merged.app.worker, 'running', "the app's blob: worker still runs");
});

/**
 * The vanilla frontend (--csp true) as a Rails app serves it: its files in public/, start.js loaded by
 * the fixture's layout with javascript_include_tag's `nonce: true` instead of the tag the generator writes into an HTML page.
 */
function addVanillaFrontend(dir: string) {
  const page = tempDir('csp-rails-frontend');
  write(page, 'index.html', '<!DOCTYPE html>\n<html>\n  <body>\n  </body>\n</html>\n');
  const result = runPlop('intercom-frontend', page, { framework: 'vanilla', workspaceId: 'ws4csp01', htmlFile: 'index.html', csp: 'true', region: REGION });
  assert.is(result.code, 0, result.output);
  fs.cpSync(path.join(page, 'intercom'), path.join(dir, 'public/intercom'), { recursive: true });
}

test("rails: Rails' generated initializer (all comments) gets Rails' suggested policy with the Messenger's sources; the page is served with it, and the widget script runs by content_security_policy_nonce", async () => {
  const dir = tempDir('csp-rails', 'backend/rails-csp');
  const result = runPlop('intercom-backend', dir, { csp: 'true', region: REGION });
  assert.is(result.code, 0, result.output);
  assert.match(result.stdout, `merged into ${INITIALIZER} (new: Rails' suggested policy`);
  assert.match(
    read(dir, INITIALIZER),
    '  policy.connect_src :self, :https, "wss://nexus-europe-websocket.intercom.io", "wss://*.intercom-messenger.com"\nend\n',
  );
  addVanillaFrontend(dir);
  const page = await probeBackendPage(backendHost('rails').start, dir, REGION, { noncePath: '/strict' });
  assert.equal(page.blocked, [], page.header);
  assert.equal(directiveSources(page.header, 'object-src'), ["'none'"], page.header);

  // /strict narrows script-src to 'self': Rails adds the request's nonce, and only it lets the widget script run.
  const strict = page.noncePage!;
  assert.equal(directiveSources(strict.policy, 'script-src'), ["'self'", `'nonce-${strict.nonce}'`], strict.policy);
  assert.is(strict.widgetNonce, strict.nonce, 'the widget script carries the nonce of javascript_include_tag (nonce: true)');
  assert.equal(strict.violations, []);
  assert.equal(strict.errors, []);
});

test("rails: an app's own policy block gains what it lacks, on the real Rails; its sources stay", async () => {
  const dir = tempDir('csp-rails-own', 'backend/rails-csp');
  write(
    dir,
    INITIALIZER,
    [
      'Rails.application.config.content_security_policy do |policy|',
      '  policy.default_src :self',
      "  policy.script_src  :self, 'https://cdn.example.com'",
      '  policy.img_src     :self, :data',
      'end',
      '',
    ].join('\n'),
  );
  const stdout = generateTwice(dir);
  assert.match(stdout, `merged into ${INITIALIZER}:`);
  assert.match(stdout, "    connect-src (new: default-src's sources, then the Messenger's): https://via.intercom.io");
  assert.match(read(dir, INITIALIZER), "  policy.script_src  :self, 'https://cdn.example.com', 'https://app.intercom.io',");
  const merged = await servePage(backendHost('rails').start, dir);
  assert.equal(merged.blocked, [], merged.header);
  assert.equal(directiveSources(merged.header, 'script-src').slice(0, 2), ["'self'", 'https://cdn.example.com'], 'the app keeps its own sources');
});

test("django: django-csp's CSP_ settings gain what they lack, its middleware is added; the real django-csp sends the merged policy", async () => {
  const dir = tempDir('csp-django', 'backend/django');
  write(dir, 'pyproject.toml', read(dir, 'pyproject.toml').replace('"Django>=3.2",', '"Django>=3.2",\n    "django-csp>=3.7,<4",'));
  write(dir, 'settings.py', `${read(dir, 'settings.py')}\nCSP_DEFAULT_SRC = ("'self'",)\nCSP_SCRIPT_SRC = ("'self'", "https://cdn.example.com")\n`);
  const stdout = generateTwice(dir);
  assert.match(stdout, 'merged into settings.py (and csp.middleware.CSPMiddleware added to MIDDLEWARE):');
  const settings = read(dir, 'settings.py');
  assert.match(settings, '    "django.middleware.clickjacking.XFrameOptionsMiddleware",\n    "csp.middleware.CSPMiddleware",\n]');
  assert.match(settings, 'CSP_SCRIPT_SRC = (\n    "\'self\'",\n    "https://cdn.example.com",\n    "https://app.intercom.io",');
  // The fixture's index answers JSON: Chromium applies the header to that document as to any page.
  const page = await servePage(backendHost('django').start, dir);
  assert.equal(page.blocked, [], page.header);
  assert.equal(directiveSources(page.header, 'script-src').slice(0, 2), ["'self'", 'https://cdn.example.com'], page.header);
  assert.ok(directiveSources(page.header, 'connect-src').includes('wss://nexus-europe-websocket.intercom.io'), page.header);
});

test('django without django-csp among its dependencies: settings.py is left alone, the directives are printed', () => {
  const dir = tempDir('csp-django-plain', 'backend/django');
  const result = runPlop('intercom-backend', dir, { csp: 'true' });
  assert.is(result.code, 0, result.output);
  assert.match(result.stdout, 'has no policy configuration this generator can merge into, so none was edited. Django: with django-csp 3');
  assert.is(read(dir, 'settings.py'), fs.readFileSync(path.join(fixturesDir, 'backend/django/settings.py'), 'utf8'));
});

test('express without helmet: nothing edited; the directives are printed, with where they go', () => {
  const dir = tempDir('csp-express-plain', 'backend/express');
  const result = runPlop('intercom-backend', dir, { csp: 'true' });
  assert.is(result.code, 0, result.output);
  assert.match(result.stdout, 'has no policy configuration this generator can merge into, so none was edited. Express: add helmet');
  assert.match(result.stdout, '    connect-src https://via.intercom.io https://api.intercom.io https://api-iam.intercom.io');
  assert.not.match(read(dir, 'app.js'), /helmet/);
});

test('--region is refused without --csp, naming the flag', () => {
  const refused = runPlop('intercom-backend', tempDir('csp-refused', 'backend/express'), { region: 'eu' });
  assert.is.not(refused.code, 0);
  assert.match(refused.output, '--region does not apply here');
});

test("the shapes no server is needed for: helmet() without options gets them, from helmet's real defaults; a Rails app without the initializer gets the block; a directive the code computes is left alone", async () => {
  const toolchainRequire = createRequire(path.join(expressAuthToolchain(), 'package.json'));
  const helmet = toolchainRequire('helmet') as { contentSecurityPolicy: { getDefaultDirectives(): Record<string, string[]> } };
  assert.equal(HELMET_DEFAULTS, helmet.contentSecurityPolicy.getDefaultDirectives(), "the defaults the merge starts from are helmet's");
  const bare = mergeHelmet('app.js', "const helmet = require('helmet');\napp.use(helmet());\n", REGION)!;
  assert.match(
    bare.text,
    "app.use(helmet({\n  contentSecurityPolicy: {\n    directives: {\n      scriptSrc: [\n        \"'self'\",\n        'https://app.intercom.io',",
  );
  assert.equal(mergeHelmet('app.js', bare.text, REGION)!.merged.merges, [], 'a second merge adds nothing');
  const computed = "const helmet = require('helmet');\napp.use(helmet({ contentSecurityPolicy: { directives: { scriptSrc: sources } } }));\n";
  assert.is(mergeHelmet('app.js', computed, REGION), undefined);

  const plan = new Plan(tempDir('csp-rails-absent'));
  const created = await mergeRailsCsp(plan, REGION);
  assert.is(created?.file, INITIALIZER);
  assert.match(
    plan.read(INITIALIZER)!,
    '# Be sure to restart your server when you modify this file.\n\nRails.application.config.content_security_policy do |policy|\n  policy.default_src :self, :https\n',
  );
});

/** Next's CSP guide's middleware.ts as the guide prints it: its policy built per request, with a nonce, one directive a line. */
const NEXT_GUIDE_MIDDLEWARE = [
  "import { NextRequest, NextResponse } from 'next/server'",
  '',
  'export function middleware(request: NextRequest) {',
  "  const nonce = Buffer.from(crypto.randomUUID()).toString('base64')",
  '  const cspHeader = `',
  "    default-src 'self';",
  "    script-src 'self' 'nonce-${nonce}' 'strict-dynamic';",
  "    style-src 'self' 'nonce-${nonce}';",
  "    img-src 'self' blob: data:;",
  "    font-src 'self';",
  "    object-src 'none';",
  "    base-uri 'self';",
  "    form-action 'self';",
  "    frame-ancestors 'none';",
  '    upgrade-insecure-requests;',
  '`',
  '  // Replace newline characters and spaces',
  '  const contentSecurityPolicyHeaderValue = cspHeader',
  "    .replace(/\\s{2,}/g, ' ')",
  '    .trim()',
  '',
  '  const requestHeaders = new Headers(request.headers)',
  "  requestHeaders.set('x-nonce', nonce)",
  '',
  '  requestHeaders.set(',
  "    'Content-Security-Policy',",
  '    contentSecurityPolicyHeaderValue',
  '  )',
  '',
  '  const response = NextResponse.next({',
  '    request: {',
  '      headers: requestHeaders,',
  '    },',
  '  })',
  '  response.headers.set(',
  "    'Content-Security-Policy',",
  '    contentSecurityPolicyHeaderValue',
  '  )',
  '',
  '  return response',
  '}',
  '',
].join('\n');

/** Merges --csp into the Next app whose files are given; the merge's result and every file as it left them. */
function mergeNext(files: Record<string, string>, src = '') {
  const dir = tempDir('csp-next');
  for (const [file, text] of Object.entries(files)) write(dir, file, text);
  const plan = new Plan(dir);
  const merged = mergeNextCsp(plan, REGION, src);
  return { merged, files: Object.fromEntries(Object.keys(files).map((file) => [file, plan.read(file)!])) };
}

test("next: the policy a proxy or middleware builds with a nonce (Next's CSP guide) gains the Messenger's sources in place, each ${…} part of its source; what cannot be read is left alone", () => {
  const guide = mergeNext({ 'src/middleware.ts': NEXT_GUIDE_MIDDLEWARE }, 'src/');
  assert.is(guide.merged?.file, 'src/middleware.ts');
  const edited = guide.files['src/middleware.ts'];
  assert.match(
    edited,
    "\n    script-src 'self' 'nonce-${nonce}' 'strict-dynamic' https://app.intercom.io https://widget.intercom.io https://js.intercomcdn.com;\n",
  );
  assert.match(edited, "\n    font-src 'self' https://js.intercomcdn.com https://fonts.intercomcdn.com;\n");
  assert.match(edited, "\n    upgrade-insecure-requests;\n    connect-src 'self' https://via.intercom.io https://api.eu.intercom.io ");
  assert.match(
    edited,
    " https://uploads.intercomusercontent.com;\n    media-src 'self' https://js.intercomcdn.com;\n    frame-src 'self' https://intercom-sheets.com ",
  );
  const outside = (text: string) => [text.slice(0, text.indexOf('`')), text.slice(text.lastIndexOf('`'))];
  assert.equal(outside(edited), outside(NEXT_GUIDE_MIDDLEWARE), 'nothing outside the literal changes');
  const again = mergeNext({ 'src/middleware.ts': edited }, 'src/');
  assert.equal(again.merged, { file: 'src/middleware.ts', merges: [] }, 'a second merge adds nothing');
  assert.is(again.files['src/middleware.ts'], edited);

  // One line inside the function, a source made of a `${…}` alone, the last directive without its `;`.
  const oneLine = [
    'export function proxy(request) {',
    "  const policy = `default-src 'self'; script-src 'self' ${isDev ? \"'unsafe-eval'\" : ''} 'nonce-${nonce}'; object-src 'none'`;",
    "  request.headers.set('Content-Security-Policy', policy);",
    '  return NextResponse.next({ request });',
    '}',
    '',
  ].join('\n');
  const line = mergeNext({ 'proxy.js': oneLine }).files['proxy.js'];
  assert.match(
    line,
    "  const policy = `default-src 'self'; script-src 'self' ${isDev ? \"'unsafe-eval'\" : ''} 'nonce-${nonce}' https://app.intercom.io https://widget.intercom.io https://js.intercomcdn.com; object-src 'none'; connect-src 'self' https://via.intercom.io ",
  );
  // worker-src keeps script-src's sources, its `${…}` parts included, now that child-src would govern workers.
  assert.match(line, " https://fast.wistia.net; style-src 'self' 'unsafe-inline'; worker-src 'self' ${isDev ? \"'unsafe-eval'\" : ''} 'nonce-${nonce}';`;\n");
  assert.equal(mergeNext({ 'proxy.js': line }).merged?.merges, []);

  // next.config's headers() and the proxy both send a policy: the browser enforces both, so both gain the sources.
  const config = "export default { headers: async () => [{ source: '/(.*)', headers: [{ key: 'Content-Security-Policy', value: \"img-src 'self'\" }] }] };\n";
  const both = mergeNext({ 'next.config.mjs': config, 'proxy.js': oneLine });
  assert.is(both.merged?.file, 'next.config.mjs and proxy.js');
  assert.match(both.files['next.config.mjs'], "value: \"img-src 'self' blob: data: https://js.intercomcdn.com ");
  assert.is(both.files['proxy.js'], line);

  const unreadable = {
    concatenated: "const policy = \"default-src 'self'; script-src \" + sources;\nresponse.headers.set('Content-Security-Policy', policy);\n",
    'two literals':
      "request.headers.set('Content-Security-Policy', `default-src 'self'`);\nresponse.headers.set('Content-Security-Policy', `default-src 'none'`);\n",
    escaped: "response.headers.set('Content-Security-Policy', `default-src 'self';\\n  img-src 'self'`);\n",
    reassigned: "let policy = `default-src 'self'`;\nresponse.headers.set('Content-Security-Policy', policy);\n",
    'not a header set': "export const proxy = () => NextResponse.next({ headers: { 'Content-Security-Policy': `default-src 'self'` } });\n",
    'a computed directive': "response.headers.set('Content-Security-Policy', `default-src 'self'; ${directive} 'self'`);\n",
  };
  for (const [shape, text] of Object.entries(unreadable)) {
    const merge = mergeNext({ 'proxy.ts': text, 'next.config.mjs': config });
    assert.is(merge.merged, undefined, shape);
    assert.equal(merge.files, { 'proxy.ts': text, 'next.config.mjs': config }, `${shape}: nothing is edited, next.config included`);
  }
});

test("next: intercom-backend --csp true on the Better Auth host's proxy.ts (the guide's policy, which blocks the widget's requests as it stands) says where it merged", () => {
  const dir = tempDir('csp-next-proxy', 'backend/next-better-auth');
  const original = read(dir, 'proxy.ts');
  // A second run is the contract's, on the same fixture in next-adapters.test.ts.
  const { code, output, stdout } = runPlop('intercom-backend', dir, { framework: 'next', csp: 'true', region: REGION });
  assert.is(code, 0, output);
  assert.match(stdout, "Content-Security-Policy: the Messenger's sources for the EU region were merged into proxy.ts:\n");
  assert.match(stdout, "    connect-src (new: default-src's sources, then the Messenger's): https://via.intercom.io");
  // The guide's style-src has the nonce: the 'unsafe-inline' added beside it is ignored by browsers, and the summary says so.
  assert.match(stdout, "    style-src: 'unsafe-inline'\n      Note: style-src has a nonce or hash");
  // The directives the widget's requests fall under (the doctor's probes) all gained sources: unmerged, the page blocked each.
  const gained = mergeNext({ 'proxy.ts': original }).merged!.merges.map((merge) => merge.directive);
  for (const { directive } of messengerProbes(REGION)) assert.ok(gained.includes(directive), directive);
});

test.run();
