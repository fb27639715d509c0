// The Express endpoint's auth adapters, each on its real library with its own session cookie: a
// host app per library (tests/fixtures/backend/express-<library>), the adapter detected from its
// package.json, then the full HTTP contract. Then --sessionKey, the `custom` adapter (401 until its
// marked function is filled in) and the refusals of bad values.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { backendContractSuite, login, request, SECRET, USERS } from '../helpers/backend-contract.js';
import { backendHost, startHost } from '../helpers/hosts.js';
import { runPlop } from '../helpers/plop.js';
import { freePort, type RunningServer } from '../helpers/server.js';
import { read, snapshotTree, tempDir, write } from '../helpers/workspace.js';
import { expressAuthToolchain } from './express-auth-toolchain.js';

const modules = path.join(expressAuthToolchain(), 'node_modules');
/** The host runs on the installed libraries: its node_modules is the toolchain's. */
const linkModules = (dir: string) => fs.symlinkSync(modules, path.join(dir, 'node_modules'));
const ENDPOINT = 'routes/intercom-jwt.js';

const adapters = [
  // Passport sits on express-session: both are in the manifest, and Passport wins.
  { auth: 'passport', fixture: 'express-passport', reads: 'req.user ?? null' },
  { auth: 'express-session', fixture: 'express-session', reads: "const SESSION_KEY = 'user';" },
  { auth: 'express-openid-connect', fixture: 'express-oidc', reads: 'req.oidc.user' },
  { auth: 'clerk', fixture: 'express-clerk', reads: 'getAuth(req)' },
];

for (const { auth, fixture, reads } of adapters) {
  const dirs: string[] = [];
  const test = backendContractSuite({
    framework: 'express',
    fixture: `backend/${fixture}`,
    wiredFile: 'app.js',
    prepare: (dir) => {
      linkModules(dir);
      dirs.push(dir);
    },
    generatedFile: () => ENDPOINT,
  });
  test(`${fixture}: the manifest's library is the adapter, without --auth`, () => {
    for (const dir of dirs) {
      const generated = read(dir, ENDPOINT);
      assert.ok(generated.includes(reads), `${auth}: ${generated}`);
      assert.not.match(generated, /--auth/, 'the detected adapter is the default: the re-run line does not need it');
    }
  });
  test.run();
}

const servers: RunningServer[] = [];
const start = async (dir: string, env: NodeJS.ProcessEnv) => {
  const server = await startHost(backendHost('express').start, dir, { INTERCOM_IDENTITY_SECRET: SECRET, ...env }, await freePort());
  servers.push(server);
  return server;
};
const tokenStatus = async (server: RunningServer, user: keyof typeof USERS) =>
  request(`${server.url}/api/intercom-jwt`, { headers: { Cookie: await login(server, user) } });

const other = suite('express --auth: sessionKey, custom, refusals');
other.after(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

other('--sessionKey account reads req.session.account, and only it', async () => {
  const dir = tempDir('express-session-key', 'backend/express-session');
  const result = runPlop('intercom-backend', dir, { sessionKey: 'account' });
  assert.is(result.code, 0, result.output);
  linkModules(dir);
  const account = await tokenStatus(await start(dir, { SESSION_KEY: 'account' }), 'alice');
  assert.is(account.status, 200, account.body);
  assert.is((jwt.verify(JSON.parse(account.body).token, SECRET) as jwt.JwtPayload).user_id, USERS.alice.id);
  assert.is((await tokenStatus(await start(dir, { SESSION_KEY: 'user' }), 'alice')).status, 401, 'a user under another key is nobody');
});

other('clerk: a session token that Clerk cannot verify with CLERK_JWT_KEY is nobody (401), however well-formed', async () => {
  const dir = tempDir('express-clerk-forged', 'backend/express-clerk');
  assert.is(runPlop('intercom-backend', dir, {}).code, 0);
  linkModules(dir);
  const server = await start(dir, {});
  const genuine = await login(server, 'alice');
  const claims = jwt.decode(/__session=([^;]+)/.exec(genuine)![1]) as jwt.JwtPayload;
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forged = jwt.sign(claims, privateKey, { algorithm: 'RS256' });
  const res = await request(`${server.url}/api/intercom-jwt`, { headers: { Cookie: genuine.replace(/__session=[^;]+/, `__session=${forged}`) } });
  assert.is(res.status, 401, res.body);
  assert.not.match(res.body, /eyJ/);
});

other('--auth custom: 401 and no token for a signed-in user until the marked function is filled in; the summary names it', async () => {
  const dir = tempDir('express-custom', 'backend/express');
  const result = runPlop('intercom-backend', dir, { auth: 'custom' });
  assert.is(result.code, 0, result.output);
  assert.match(
    result.stdout,
    /^Fill in signedInUser\(\) in routes\/intercom-jwt\.js: it says who is signed in, and until it does the endpoint answers 401 and signs nothing\.$/m,
  );
  const unfilled = await tokenStatus(await start(dir, {}), 'alice');
  assert.is(unfilled.status, 401, unfilled.body);
  assert.not.match(unfilled.body, /eyJ/);

  const generated = read(dir, ENDPOINT);
  const stub = 'function signedInUser(_req) {\n  return null;\n}';
  assert.ok(generated.includes(`// FILL IN: who is signed in.`) && generated.includes(stub), generated);
  write(dir, ENDPOINT, generated.replace(stub, 'function signedInUser(req) {\n  return req.user ?? null;\n}'));
  const filled = await tokenStatus(await start(dir, {}), 'alice');
  assert.is(filled.status, 200, filled.body);
  assert.is((jwt.verify(JSON.parse(filled.body).token, SECRET) as jwt.JwtPayload).email, USERS.alice.email);
});

other('an app that names no auth library gets custom: the summary and the snippet say what to fill in', () => {
  const dir = tempDir('express-no-auth', 'starters/express-factory');
  const result = runPlop('intercom-backend', dir, {});
  assert.is(result.code, 0, result.output);
  assert.match(result.stdout, /^Fill in signedInUser\(\) in routes\/intercom-jwt\.js/m);
  assert.ok(read(dir, ENDPOINT).includes('// FILL IN: who is signed in.'));
  // No safe anchor in this app: the snippet says where the route goes for an adapter that is yet to be written.
  assert.match(result.stdout, /then after the middleware that knows who is signed in \(signedInUser\(\) reads it\), before your routes/);
});

for (const [flags, message] of [
  [
    { auth: 'express-session', sessionKey: 'user-name' },
    /--sessionKey: "user-name" is not a JavaScript identifier: pass the key your login code sets, e\.g\. req\.session\.user = … → --sessionKey user\./,
  ],
  [{ auth: 'express-session', sessionKey: 'cookie' }, /--sessionKey: "cookie" is a field of req\.session itself, not a user/],
  [{ auth: 'express-session', sessionKey: '__proto__' }, /--sessionKey: "__proto__" is a field of req\.session itself/],
  [{ auth: 'passport', sessionKey: 'account' }, /--sessionKey does not apply here/],
  [{ auth: 'auth0' }, /--auth: "auth0" is not one of passport, express-session, express-openid-connect, clerk, custom\./],
] as const) {
  other(`refused, nothing written: ${JSON.stringify(flags)}`, () => {
    const dir = tempDir('express-auth-refused', 'backend/express-session');
    const before = snapshotTree(dir);
    const result = runPlop('intercom-backend', dir, flags);
    assert.is.not(result.code, 0, result.output);
    assert.match(result.output, message);
    assert.equal(snapshotTree(dir), before);
  });
}

/** Each library's setup in a typed app, as its docs write it: its types load with its import. */
const typedSetups: Record<string, { imports: string[]; uses: string[]; flags?: Record<string, string> }> = {
  // With and without --allowedOrigin: the CORS helper's types come and go with it.
  passport: {
    flags: { allowedOrigin: 'http://localhost:5173' },
    imports: ["import session from 'express-session';", "import passport from 'passport';"],
    uses: ["app.use(session({ secret: 'app-secret', resave: false, saveUninitialized: false }));", 'app.use(passport.session());'],
  },
  'express-session': {
    imports: ["import session from 'express-session';"],
    uses: ["app.use(session({ secret: 'app-secret', resave: false, saveUninitialized: false }));"],
  },
  'express-openid-connect': {
    imports: ["import { auth } from 'express-openid-connect';"],
    uses: [
      "app.use(auth({ authRequired: false, issuerBaseURL: 'https://issuer.example.test', baseURL: 'http://localhost:3000', clientID: 'app', secret: 'app-secret' }));",
    ],
  },
  clerk: {
    flags: { allowedOrigin: 'http://localhost:5173' },
    imports: ["import { clerkMiddleware } from '@clerk/express';"],
    uses: ['app.use(clerkMiddleware());'],
  },
  custom: { imports: [], uses: [] },
};

for (const [auth, setup] of Object.entries(typedSetups)) {
  other(`--auth ${auth} in a strict TypeScript app: the generated route, signed attributes included, type-checks against the library's types`, () => {
    const dir = tempDir(`express-typed-${auth}`, 'backend/express-typescript');
    const app = read(dir, 'src/app.ts')
      .replace("import express from 'express';", ["import express from 'express';", ...setup.imports].join('\n'))
      .replace('app.use(express.json());', ['app.use(express.json());', ...setup.uses].join('\n'));
    write(dir, 'src/app.ts', app);
    const result = runPlop('intercom-backend', dir, { auth, attributes: 'plan,company_id', ...setup.flags });
    assert.is(result.code, 0, result.output);
    assert.match(read(dir, 'src/app.ts'), /import intercomJwt from '\.\/routes\/intercom-jwt\.js';/);
    linkModules(dir);
    const tsc = spawnSync(process.execPath, [path.join(modules, 'typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    assert.is(tsc.status, 0, `${tsc.stdout}${tsc.stderr}\n${read(dir, 'src/routes/intercom-jwt.ts')}`);
  });
}

other.run();
