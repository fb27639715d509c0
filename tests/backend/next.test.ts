// The Next.js backend, built and started as users run it: `next build`, then `next start`. Each
// auth adapter is its own host app holding a real session of its library (Auth.js v5, NextAuth v4,
// iron-session), signed in through the library itself. To keep the builds to three, each host
// carries both contract variants (two routes) in one build; the JS and Pages Router shapes ride
// on the iron-session and NextAuth v4 hosts. The rest (files, custom, refusals, lint) is in
// next-files.test.ts, which builds nothing.
import fs from 'node:fs';
import path from 'node:path';
import { backendContractSuite } from '../helpers/backend-contract.js';
import { copyNextFixture, nextBuild, nextToolchain } from '../helpers/next-toolchain.js';

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

backendContractSuite({
  framework: 'next',
  fixture: 'backend/next-iron-session',
  wiredFile: null,
  runtimeOutput: ['.next/'],
  oneApp: true,
  copyFixture: copyNextFixture,
  prepare: nextBuild,
  generatedFile: (variant) => `app${variant.route}/route.js`,
}).run();
