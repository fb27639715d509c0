// The Next.js backend, built and started as users run it: `next build`, then `next start`. Each
// auth adapter is its own host app holding a real session of its library (Auth.js v5, NextAuth v4,
// iron-session), signed in through the library itself. To keep the builds to three, each host
// carries both contract variants (two routes) in one build; the JS and Pages Router shapes ride
// on the iron-session and NextAuth v4 hosts. The rest (files, custom, refusals, lint) is in
// next-files.test.ts, which builds nothing.
import fs from 'node:fs';
import path from 'node:path';
import * as assert from 'uvu/assert';
import { backendContractSuite } from '../helpers/backend-contract.js';
import { nextToolchain } from '../helpers/next-toolchain.js';
import { appInToolchain, sh } from '../helpers/toolchains.js';

/** A copy of the fixture inside the shared Next toolchain, whose node_modules it resolves. */
const copyFixture = (fixture: string) => appInToolchain(nextToolchain(), path.basename(fixture), fixture);

function nextBuild(dir: string): void {
  const started = Date.now();
  const output = sh(process.execPath, [path.join(nextToolchain(), 'node_modules/next/dist/bin/next'), 'build'], dir);
  // The token route must be rendered per request, never prerendered.
  assert.match(output, /ƒ \/api\/intercom-jwt/, output);
  console.log(`  next build (${path.basename(dir)}): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  fs.rmSync(path.join(dir, '.next/cache'), { recursive: true, force: true });
}

backendContractSuite({
  framework: 'next',
  wiredFile: null,
  runtimeOutput: ['.next/'],
  oneApp: true,
  copyFixture,
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
  copyFixture,
  // next-auth v4 sits in the toolchain beside v5 under an alias; this app gets it as next-auth.
  prepare: (dir) => {
    fs.cpSync(path.join(nextToolchain(), 'node_modules/next-auth-v4'), path.join(dir, 'node_modules/next-auth'), { recursive: true });
    nextBuild(dir);
  },
  generatedFile: (variant) => `pages${variant.route}.ts`,
}).run();

backendContractSuite({
  framework: 'next',
  fixture: 'backend/next-iron-session',
  wiredFile: null,
  runtimeOutput: ['.next/'],
  oneApp: true,
  copyFixture,
  prepare: nextBuild,
  generatedFile: (variant) => `app${variant.route}/route.js`,
}).run();
