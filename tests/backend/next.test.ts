// The Next.js backend, built and started as users run it: `next build`, then `next start`. Each
// auth adapter is its own host app holding a real session of its library (Auth.js v5, NextAuth v4,
// iron-session), signed in through the library itself. To keep the builds to three, each host
// carries both contract variants (two routes) in one build; the JS and Pages Router shapes ride
// on the iron-session and NextAuth v4 hosts, and --csp on the iron-session one. The rest (files, custom, refusals, lint) is in
// next-files.test.ts, which builds nothing.
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { backendContractSuite } from '../helpers/backend-contract.js';
import { directiveSources, probeBackendPage } from '../helpers/csp-page.js';
import { backendHost } from '../helpers/hosts.js';
import { copyNextFixture, nextBuild, nextToolchain } from '../helpers/next-toolchain.js';
import { read } from '../helpers/workspace.js';

const CSP_REGION = 'eu';

backendContractSuite({
  framework: 'next',
  wiredFile: null,
  runtimeOutput: ['.next/'],
  oneApp: true,
  copyFixture: copyNextFixture,
  prepare: nextBuild,
  generatedFile: (variant) => `app${variant.route}/route.ts`,
}).run();

backendContractSuite({
  framework: 'next',
  fixture: 'backend/next-auth-v4',
  wiredFile: null,
  runtimeOutput: ['.next/'],
  customRoute: '/api/auth-intercom-token',
  oneApp: true,
  copyFixture: copyNextFixture,
  // next-auth v4 sits in the toolchain beside v5 under an alias; this app gets it as next-auth.
  prepare: (dir) => {
    fs.cpSync(path.join(nextToolchain(), 'node_modules/next-auth-v4'), path.join(dir, 'node_modules/next-auth'), { recursive: true });
    nextBuild(dir);
  },
  generatedFile: (variant) => `pages${variant.route}.ts`,
}).run();

// Its next.config.mjs sends a policy of its own: --csp merges the Messenger's sources into it, and
// the same build then serves its page to Chromium's probes.
const ironSession: string[] = [];
backendContractSuite({
  framework: 'next',
  fixture: 'backend/next-iron-session',
  flags: { csp: 'true', region: CSP_REGION },
  wiredFile: null,
  runtimeOutput: ['.next/'],
  oneApp: true,
  copyFixture: copyNextFixture,
  prepare: (dir) => {
    ironSession.push(dir);
    nextBuild(dir);
  },
  generatedFile: (variant) => `app${variant.route}/route.js`,
}).run();

const csp = suite("next --csp: the Messenger's sources merged into the policy next.config's headers() sends");
csp("the built page sends the merged policy, keeps the app's sources, and blocks none of the widget's requests", async () => {
  const dir = ironSession.at(-1)!;
  assert.match(read(dir, 'next.config.mjs'), "\n  script-src 'self' 'unsafe-inline' https://cdn.example.com https://app.intercom.io ");
  const page = await probeBackendPage(backendHost('next').start, dir, CSP_REGION);
  assert.equal(page.blocked, [], page.header);
  assert.equal(directiveSources(page.header, 'script-src').slice(0, 3), ["'self'", "'unsafe-inline'", 'https://cdn.example.com']);
  assert.ok(directiveSources(page.header, 'connect-src').includes('wss://nexus-europe-websocket.intercom.io'), page.header);
});
csp.run();
