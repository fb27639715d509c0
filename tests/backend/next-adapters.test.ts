// The Next.js backend's adapters for libraries with a hosted side: Clerk, Supabase and Better Auth,
// each built once (App Router, both contract variants in one app) and started with `next start`,
// holding a real session cookie of its library. Nothing leaves the machine:
// - Clerk: clerkMiddleware() verifies the `__session` token networklessly, with a PEM public key
//   (its jwtKey option); the host mints that token with the matching private key, as Clerk would.
// - Supabase: the host signs in with @supabase/ssr against a local stand-in of the Supabase Auth
//   server (below), which issues ES256 access tokens and serves its JWKS, so getClaims() verifies
//   them locally, as it does for a project with asymmetric signing keys.
// - Better Auth: email and password sign-up and sign-in on its in-memory database adapter.
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { backendContractSuite, USERS, type BackendHost } from '../helpers/backend-contract.js';
import { directiveSources, probeBackendPage } from '../helpers/csp-page.js';
import { generateFrontend } from '../helpers/frontend-contract.js';
import { backendHost, startHost } from '../helpers/hosts.js';
import { copyNextFixture, nextBuild } from '../helpers/next-toolchain.js';
import { read, write } from '../helpers/workspace.js';

const host = { framework: 'next', wiredFile: null, runtimeOutput: ['.next/'], oneApp: true, copyFixture: copyNextFixture } satisfies Partial<BackendHost>;
const generatedFile = (variant: { route: string }) => `app${variant.route}/route.ts`;

// Clerk rewrites every request to its own URL, and Next proxies a rewrite to `localhost`, which an
// app bound to 127.0.0.1 alone never answers (::1 first): serve on all addresses, as `next start` does by default.
const start = backendHost('next').start;
const startOnAllAddresses = (dir: string, env: NodeJS.ProcessEnv, port: number) =>
  startHost({ ...start, args: start.args.filter((arg, i, args) => arg !== '--hostname' && args[i - 1] !== '--hostname') }, dir, env, port);

backendContractSuite({ ...host, fixture: 'backend/next-clerk', prepare: nextBuild, start: startOnAllAddresses, generatedFile }).run();

/** The Supabase Auth server's few endpoints the host uses: password sign-in and the project's JWKS. */
async function supabaseAuthStandIn(): Promise<string> {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = randomUUID();
  const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const accounts = Object.values(USERS).map((user) => {
    const { id, email, name, ...attributes } = user as { id: string; email?: string; name?: string };
    // carol signs in with a phone number, as Supabase's phone users do: her email claim is "".
    return { id, login: email ?? '15550105', email: email ?? '', name, attributes };
  });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://stand-in');
    const json = (status: number, body: object) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    if (req.method === 'GET' && url.pathname === '/auth/v1/.well-known/jwks.json') {
      return json(200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig', key_ops: ['verify'] }] });
    }
    if (req.method !== 'POST' || url.pathname !== '/auth/v1/token' || url.searchParams.get('grant_type') !== 'password') {
      return json(404, { code: 404, error_code: 'not_found', msg: `the stand-in does not serve ${req.method} ${url.pathname}` });
    }
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const { email, phone, password } = JSON.parse(body);
      const account = accounts.find((a) => a.login === (email ?? phone));
      if (!account || password !== 'test-only-password') return json(400, { code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' });
      const now = Math.floor(Date.now() / 1000);
      const provider = account.email ? 'email' : 'phone';
      const user = {
        id: account.id,
        aud: 'authenticated',
        role: 'authenticated',
        email: account.email,
        phone: account.email ? '' : account.login,
        app_metadata: { provider, providers: [provider], ...account.attributes },
        user_metadata: account.name ? { full_name: account.name } : {},
      };
      const claims = {
        ...user,
        sub: account.id,
        iss: `http://${req.headers.host}/auth/v1`,
        iat: now,
        exp: now + 3600,
        aal: 'aal1',
        session_id: randomUUID(),
        is_anonymous: false,
      };
      delete (claims as Partial<typeof claims>).id;
      const unsigned = `${base64url({ alg: 'ES256', kid, typ: 'JWT' })}.${base64url(claims)}`;
      const signature = sign('sha256', Buffer.from(unsigned), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
      json(200, {
        access_token: `${unsigned}.${signature}`,
        token_type: 'bearer',
        expires_in: 3600,
        expires_at: now + 3600,
        refresh_token: randomUUID(),
        user,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // The contract's servers stop when its suite ends; this one must not keep the test process alive.
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const supabaseUrl = await supabaseAuthStandIn();
backendContractSuite({
  ...host,
  fixture: 'backend/next-supabase',
  // NEXT_PUBLIC_ variables are inlined at build time.
  prepare: (dir) => {
    write(dir, '.env.production.local', `NEXT_PUBLIC_SUPABASE_URL=${supabaseUrl}\nNEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY=sb_publishable_test_only\n`);
    nextBuild(dir);
  },
  generatedFile,
}).run();

// The Better Auth host also carries the Next frontend (--csp true) under its proxy.ts, the policy of
// Next's CSP guide with its per-request nonce, into which the backend's --csp true merges the
// Messenger's sources (every generation of the contract, the second one changing nothing): its page,
// rendered per request, loads the widget script with the request's nonce.
const CSP_REGION = 'us';
const betterAuth: string[] = [];
backendContractSuite({
  ...host,
  fixture: 'backend/next-better-auth',
  flags: { csp: 'true', region: CSP_REGION },
  prepare: (dir) => {
    generateFrontend(dir, 'next', CSP_REGION, { csp: 'true' });
    betterAuth.push(dir);
    nextBuild(dir);
  },
  generatedFile,
}).run();

const nonce = suite("next --csp under Next's nonce proxy: the Messenger's sources merged into the policy proxy.ts builds");
nonce(
  "the proxy's policy keeps its layout and nonce, blocks none of the widget's requests (its nonce'd style-src still blocks inline styles), and the widget script carries the nonce",
  async () => {
    const dir = betterAuth.at(-1)!;
    assert.match(read(dir, 'proxy.ts'), "\n    script-src 'self' 'nonce-${nonce}' 'strict-dynamic' https://app.intercom.io ");
    assert.match(read(dir, 'proxy.ts'), "\n    upgrade-insecure-requests;\n    connect-src 'self' https://via.intercom.io ");
    const page = await probeBackendPage(backendHost('next').start, dir, CSP_REGION, { noncePath: '/' });
    // The guide's style-src keeps its nonce, so browsers ignore the 'unsafe-inline' merged beside it: the widget's inline
    // styles stay blocked (the summary's note, tests/backend/csp-merge.test.ts); every request of the widget is allowed.
    assert.equal(page.blocked, ['style-src'], page.header);
    assert.equal(directiveSources(page.header, 'style-src').slice(1), [`'nonce-${/'nonce-([^']+)'/.exec(page.header)?.[1]}'`, "'unsafe-inline'"], page.header);
    assert.equal(directiveSources(page.header, 'font-src'), ["'self'", 'https://js.intercomcdn.com', 'https://fonts.intercomcdn.com'], page.header);
    const strict = page.noncePage!;
    // 'strict-dynamic' would trust the widget script without its nonce (a trusted script inserts it): the nonce on it is the check.
    assert.equal(directiveSources(strict.policy, 'script-src').slice(0, 3), ["'self'", `'nonce-${strict.nonce}'`, "'strict-dynamic'"], strict.policy);
    assert.is.not(strict.nonce, /'nonce-([^']+)'/.exec(page.header)?.[1], 'a fresh nonce per request');
    assert.is(strict.widgetNonce, strict.nonce);
    assert.equal(strict.violations, []);
    assert.equal(strict.errors, []);
  },
);
nonce.run();
