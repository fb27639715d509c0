// The HTTP contract every generated backend must meet, run against the real framework.
// A host app (tests/fixtures/backend/<framework>) supplies a real session and a test-only
// login route, GET /test/login/<alice|bob>; everything else is the generated code.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { BackendId } from '../../generators/registry.js';
import { backendHost, startHost } from './hosts.js';
import { runPlop } from './plop.js';
import { freePort, type RunningServer } from './server.js';
import { read, snapshotTree as snapshotAll, tempDir, write } from './workspace.js';

/**
 * The host apps' users, as the signed claims must show them. Every host stores the same users:
 * bob has no phone (null), carol neither email nor name (null or "") nor any attribute.
 */
export const USERS = {
  alice: { id: '42', email: 'alice@example.com', name: 'Alice Example', phone: '+1 555 0100', company_id: 1234, plan: 'pro', beta: false },
  bob: { id: '7', email: 'bob@example.com', name: 'Bob Example', company_id: 7, plan: 'free', beta: true },
  carol: { id: '5' },
} as const;
type User = keyof typeof USERS;

/** The signed attributes of the custom variant: a string, a number, a string and a boolean (false, so not "missing"). */
export const ATTRIBUTES = ['phone', 'company_id', 'plan', 'beta'] as const;

export const SECRET = 'test-secret-0123456789abcdef0123456789';
export const ALLOWED_ORIGIN = 'http://localhost:5173';

export interface BackendHost {
  framework: BackendId;
  /** The host app copied before generating; by default the target's host descriptor's. */
  fixture?: string;
  /** Extra generator flags (e.g. PHP's docroot is fixed by the fixture). */
  flags?: Record<string, string>;
  /**
   * The app file the generator wires the endpoint into. The fixture leaves it unwired, as users' apps
   * are, so the contract passes only if the wiring works; null where nothing is wired (PHP: the
   * endpoint is a page of the docroot).
   */
  wiredFile: string | null;
  /** Folders the running app writes into (Next's `.next/`), left out of the "a second run changes nothing" comparison. */
  runtimeOutput?: string[];
  /** Runs after generation, e.g. to build the app or keep the folder for checks of its own. */
  prepare?: (dir: string, variant: Variant) => void;
  /** A fresh copy of the fixture to generate into; by default a temporary folder (Next's must sit inside its toolchain). */
  copyFixture?: (fixture: string) => string;
  /**
   * Both variants are generated into one app (their routes differ) and started once, for hosts whose
   * build is slow (next build): prepare then gets the custom variant, the last one generated.
   */
  oneApp?: boolean;
  /** The custom variant's route, where the framework confines API routes (Next's Pages Router: under /api/). */
  customRoute?: string;
  /** Starts the app on the port with the environment; resolves once it answers. By default as the host descriptor says. */
  start?(dir: string, env: NodeJS.ProcessEnv, port: number): Promise<RunningServer>;
  /** The generated endpoint file, for the edit-survives test. */
  generatedFile: (variant: Variant) => string;
  /**
   * Starter-shaped apps keep their framework's stock user: only alice and bob, with email and name
   * and no further attributes. The edge-case user (carol) and signed attributes are the backend hosts'.
   */
  stockUsers?: boolean;
}

export interface Variant {
  route: string;
  secretEnvVar: string;
  ttl: number;
  allowedOrigin: string;
  attributes: readonly string[];
}

const DEFAULT_VARIANT: Variant = { route: '/api/intercom-jwt', secretEnvVar: 'INTERCOM_IDENTITY_SECRET', ttl: 7200, allowedOrigin: '', attributes: [] };
const CUSTOM_VARIANT: Variant = {
  route: '/auth/intercom-token',
  secretEnvVar: 'MY_APP_INTERCOM_SECRET',
  ttl: 600,
  allowedOrigin: ALLOWED_ORIGIN,
  attributes: ATTRIBUTES,
};
const STOCK_CUSTOM_VARIANT: Variant = { ...CUSTOM_VARIANT, attributes: [] };

/** The claims a variant must sign for a user, besides iat and exp: what the user has, nothing null or "". */
function expectedClaims(variant: Variant, user: User): Record<string, unknown> {
  const { id, ...rest } = USERS[user] as Record<string, unknown>;
  const wanted = ['email', 'name', ...variant.attributes];
  return { user_id: id, ...Object.fromEntries(Object.entries(rest).filter(([claim]) => wanted.includes(claim))) };
}

const withoutTimes = ({ iat: _iat, exp: _exp, ...claims }: jwt.JwtPayload) => claims;

interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request, so a GET can carry a body and any header, as an attacker's would. */
export function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    // A GET with a body needs an explicit Content-Length, or Node sends the body as stray bytes.
    const headers = options.body ? { 'Content-Length': String(Buffer.byteLength(options.body)), ...options.headers } : options.headers;
    const req = http.request(url, { method: options.method ?? 'GET', headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.setTimeout(15_000, () => req.destroy(new Error(`timeout: ${url}`)));
    if (options.body) req.write(options.body);
    req.end();
  });
}

/** Logs in through the host's test route and returns the session cookie header. */
export async function login(server: RunningServer, user: User): Promise<string> {
  const res = await request(`${server.url}/test/login/${user}`);
  assert.ok(res.status < 400, `login as ${user} failed with ${res.status}: ${res.body}\n${server.logs()}`);
  const cookies = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
  assert.ok(cookies.length, `login as ${user} set no cookie`);
  return cookies.join('; ');
}

type ResolvedHost = BackendHost & Required<Pick<BackendHost, 'fixture' | 'start'>>;

/** The host with what it leaves out taken from the target's descriptor (tests/backend/<id>.host.json). */
function resolveHost(host: BackendHost): ResolvedHost {
  const descriptor = backendHost(host.framework);
  return { fixture: descriptor.fixture, start: (dir, env, port) => startHost(descriptor.start, dir, env, port), ...host };
}

function generate(host: ResolvedHost, variant: Variant, dir?: string) {
  const appDir = dir ?? host.copyFixture?.(host.fixture) ?? tempDir(`backend-${host.framework}`, host.fixture);
  const unwired = dir === undefined && host.wiredFile ? read(appDir, host.wiredFile) : undefined;
  const result = runPlop('intercom-backend', appDir, {
    framework: host.framework,
    route: variant.route,
    secretEnvVar: variant.secretEnvVar,
    ttl: variant.ttl,
    allowedOrigin: variant.allowedOrigin,
    attributes: variant.attributes.join(','),
    ...host.flags,
  });
  assert.is(result.code, 0, result.output);
  if (unwired !== undefined) {
    assert.ok(result.stdout.includes(`Wired in: ${host.wiredFile}:`), result.stdout);
    assert.is.not(
      read(appDir, host.wiredFile!),
      unwired,
      `the fixture's ${host.wiredFile} must start unwired, so the generator's edit is what the contract tests`,
    );
  }
  return { dir: appDir, result };
}

export function backendContractSuite(given: BackendHost) {
  const host = resolveHost(given);
  const test = suite(
    `intercom-backend --framework ${host.framework}${host.fixture === `backend/${host.framework}` ? '' : ` (host ${path.basename(host.fixture)})`}`,
  );
  const servers: RunningServer[] = [];
  /** The secret as each no-signing server has it: unset, empty, and whitespace only. */
  const badSecrets = { unset: undefined, empty: '', blank: ' \t ' } as const;
  const ctx = {} as {
    plain: { dir: string; server: RunningServer };
    custom: { dir: string; server: RunningServer };
    noSecret: Record<keyof typeof badSecrets, RunningServer>;
  };

  const boot = async (env: NodeJS.ProcessEnv, dir: string) => {
    const server = await host.start(dir, env, await freePort());
    servers.push(server);
    return server;
  };

  // uvu reports a failed before hook only as 0 passed: print why, or the cause is lost.
  test.before(async () => {
    try {
      if (host.oneApp) {
        const { dir } = generate(host, DEFAULT_VARIANT);
        generate(host, custom, dir);
        host.prepare?.(dir, custom);
        const server = await boot({ [DEFAULT_VARIANT.secretEnvVar]: SECRET, [custom.secretEnvVar]: SECRET }, dir);
        ctx.plain = ctx.custom = { dir, server };
      } else {
        for (const [key, variant] of [
          ['plain', DEFAULT_VARIANT],
          ['custom', custom],
        ] as const) {
          const { dir } = generate(host, variant);
          host.prepare?.(dir, variant);
          ctx[key] = { dir, server: await boot({ [variant.secretEnvVar]: SECRET }, dir) };
        }
      }
      const kinds = Object.keys(badSecrets) as Array<keyof typeof badSecrets>;
      const started = await Promise.all(kinds.map((kind) => boot({ INTERCOM_IDENTITY_SECRET: badSecrets[kind] }, ctx.plain.dir)));
      ctx.noSecret = Object.fromEntries(kinds.map((kind, i) => [kind, started[i]])) as typeof ctx.noSecret;
    } catch (error) {
      console.error(`${host.fixture}: the host could not be generated or started:`, error);
      throw error;
    }
  });

  test.after(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });

  const custom: Variant = { ...(host.stockUsers ? STOCK_CUSTOM_VARIANT : CUSTOM_VARIANT), ...(host.customRoute && { route: host.customRoute }) };
  const users = (host.stockUsers ? ['alice', 'bob'] : Object.keys(USERS)) as User[];
  const variantOf = (which: 'plain' | 'custom') => (which === 'plain' ? DEFAULT_VARIANT : custom);

  const tokenFor = async (which: 'plain' | 'custom', user: User, extra: Parameters<typeof request>[1] = {}) => {
    const { server } = ctx[which];
    const variant = variantOf(which);
    const cookie = await login(server, user);
    const res = await request(`${server.url}${variant.route}`, {
      ...extra,
      headers: { Accept: '*/*', ...extra.headers, Cookie: cookie },
    });
    return { res, variant, server };
  };

  const claimsFor = async (which: 'plain' | 'custom', user: User, extra: Parameters<typeof request>[1] = {}) => {
    const { res, server } = await tokenFor(which, user, extra);
    assert.is(res.status, 200, `${res.body}\n${server.logs()}`);
    return jwt.verify(JSON.parse(res.body).token, SECRET, { algorithms: ['HS256'] }) as jwt.JwtPayload;
  };

  test('a signed-in user gets 200 {token}: HS256, verifiable, user_id a string, exp - iat = ttl', async () => {
    for (const which of ['plain', 'custom'] as const) {
      const { res, variant, server } = await tokenFor(which, 'alice');
      assert.is(res.status, 200, `${res.body}\n${server.logs()}`);
      assert.match(String(res.headers['content-type']), /application\/json/);
      const body = JSON.parse(res.body);
      assert.equal(Object.keys(body), ['token']);
      const decoded = jwt.verify(body.token, SECRET, { algorithms: ['HS256'], complete: true });
      assert.is(decoded.header.alg, 'HS256');
      const claims = decoded.payload as jwt.JwtPayload;
      assert.is(claims.user_id, USERS.alice.id);
      assert.type(claims.user_id, 'string');
      assert.is(claims.email, USERS.alice.email);
      assert.is(claims.name, USERS.alice.name);
      assert.is(claims.exp! - claims.iat!, variant.ttl);
      assert.ok(Math.abs(claims.iat! - Date.now() / 1000) < 60, `iat ${claims.iat} is not now (seconds)`);
    }
  });

  test('each session gets its own identity, and exactly the claims of its user', async () => {
    for (const which of ['plain', 'custom'] as const) {
      for (const user of users) {
        assert.equal(withoutTimes(await claimsFor(which, user)), expectedClaims(variantOf(which), user), `${which} variant, ${user}`);
      }
    }
  });

  if (!host.stockUsers) {
    test('a user without email or name gets neither claim: not null, not "", not the username', async () => {
      for (const which of ['plain', 'custom'] as const) {
        assert.equal(Object.keys(await claimsFor(which, 'carol')).sort(), ['exp', 'iat', 'user_id'], `${which} variant`);
      }
    });

    test('--attributes signs them from the user model with their JSON types; a missing one is left out', async () => {
      const alice = await claimsFor('custom', 'alice');
      assert.is(alice.phone, USERS.alice.phone);
      assert.is(alice.company_id, USERS.alice.company_id, 'a number stays a number');
      assert.is(alice.plan, USERS.alice.plan);
      assert.is(alice.beta, false, 'false is a value, not a missing one');
      const bob = await claimsFor('custom', 'bob');
      assert.not.ok('phone' in bob, 'a null attribute is left out');
      assert.is(bob.beta, true);
      for (const attribute of ATTRIBUTES) assert.not.ok(attribute in (await claimsFor('plain', 'alice')), `${attribute} signed without --attributes`);
    });
  }

  test('the claims, signed attributes included, cannot be steered by the query, headers or body', async () => {
    const evil = { user_id: '1', email: 'mallory@example.com', name: 'Mallory', phone: '+1 555 0666', company_id: '1', plan: 'enterprise', beta: 'true' };
    for (const which of ['plain', 'custom'] as const) {
      for (const user of host.stockUsers ? (['alice'] as const) : (['alice', 'carol'] as const)) {
        const claims = await claimsFor(which, user, {
          method: 'GET',
          headers: {
            'Content-Type': 'application/json',
            ...Object.fromEntries(
              Object.entries(evil).flatMap(([key, value]) => [
                [key, value],
                [`X-${key.replace('_', '-')}`, value],
              ]),
            ),
          },
          body: JSON.stringify(evil),
        });
        assert.equal(withoutTimes(claims), expectedClaims(variantOf(which), user), `${which} variant, ${user}`);
      }
    }
    // The same through the query string.
    const { server } = ctx.custom;
    const user = users[users.length - 1];
    const res = await request(`${server.url}${custom.route}?${new URLSearchParams(evil)}`, { headers: { Cookie: await login(server, user) } });
    assert.is(res.status, 200, res.body);
    assert.equal(withoutTimes(jwt.verify(JSON.parse(res.body).token, SECRET) as jwt.JwtPayload), expectedClaims(custom, user));
  });

  test('an anonymous request gets a 401 JSON answer, not a redirect and not a token', async () => {
    for (const which of ['plain', 'custom'] as const) {
      const variant = variantOf(which);
      for (const accept of ['*/*', 'text/html', 'application/json']) {
        const res = await request(`${ctx[which].server.url}${variant.route}`, { headers: { Accept: accept } });
        assert.is(res.status, 401, `Accept ${accept}: ${res.status} ${res.body}`);
        assert.match(String(res.headers['content-type']), /application\/json/);
        assert.not.match(res.body, /eyJ/);
        assert.is(res.headers['cache-control'], 'no-store');
      }
    }
  });

  test('the token response carries Cache-Control: no-store', async () => {
    for (const which of ['plain', 'custom'] as const) {
      const { res } = await tokenFor(which, 'alice');
      assert.is(res.headers['cache-control'], 'no-store', `${which} variant`);
    }
  });

  test('a missing, empty or blank secret gives 500 with no-store, no token, and a log line naming the variable', async () => {
    for (const [kind, server] of Object.entries(ctx.noSecret)) {
      const cookie = await login(server, 'alice');
      const res = await request(`${server.url}${DEFAULT_VARIANT.route}`, { headers: { Cookie: cookie } });
      assert.is(res.status, 500, `${kind} secret: ${res.status} ${res.body}`);
      assert.not.match(res.body, /eyJ/);
      assert.is(res.headers['cache-control'], 'no-store', `${kind} secret`);
      // The server's log reaches us through a pipe: give a loaded machine a moment to deliver it.
      for (let i = 0; i < 50 && !/INTERCOM_IDENTITY_SECRET is not set/.test(server.logs()); i++) await new Promise((r) => setTimeout(r, 100));
      assert.match(server.logs(), /INTERCOM_IDENTITY_SECRET is not set/, `${kind} secret`);
    }
  });

  test('CORS with credentials only for the allowed origin; other origins and preflights get no allow header', async () => {
    const { server } = ctx.custom;
    const cookie = await login(server, 'alice');
    const url = `${server.url}${custom.route}`;
    const allowed = await request(url, { headers: { Cookie: cookie, Origin: ALLOWED_ORIGIN } });
    assert.is(allowed.status, 200);
    assert.is(allowed.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
    assert.is(allowed.headers['access-control-allow-credentials'], 'true');

    const other = await request(url, { headers: { Cookie: cookie, Origin: 'https://evil.example' } });
    assert.is(other.headers['access-control-allow-origin'], undefined);

    const preflight = (origin: string) => request(url, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' } });
    const goodPreflight = await preflight(ALLOWED_ORIGIN);
    assert.ok(goodPreflight.status < 300, `preflight status ${goodPreflight.status}: ${goodPreflight.body}\n${server.logs()}`);
    assert.is(goodPreflight.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
    assert.is(goodPreflight.headers['access-control-allow-credentials'], 'true');
    const badPreflight = await preflight('https://evil.example');
    assert.is(badPreflight.headers['access-control-allow-origin'], undefined);
    assert.is(badPreflight.headers['access-control-allow-credentials'], undefined);
    for (const res of [goodPreflight, badPreflight]) assert.is(res.headers['cache-control'], 'no-store', 'a preflight is no-store too');

    const plain = await request(`${ctx.plain.server.url}${DEFAULT_VARIANT.route}`, {
      headers: { Cookie: await login(ctx.plain.server, 'alice'), Origin: ALLOWED_ORIGIN },
    });
    assert.is(plain.headers['access-control-allow-origin'], undefined, 'no allowedOrigin: no CORS header at all');
  });

  test('a second run changes nothing; an edited file survives and is reported; --force replaces it', () => {
    const { dir } = ctx.plain;
    // What the running app writes for itself (Next's .next/cache) is not the generator's doing.
    const snapshotTree = (root: string) =>
      Object.fromEntries(Object.entries(snapshotAll(root)).filter(([file]) => !host.runtimeOutput?.some((prefix) => file.startsWith(prefix))));
    const before = snapshotTree(dir);
    const again = generate(host, DEFAULT_VARIANT, dir);
    assert.equal(snapshotTree(dir), before, 'second run changed the tree');
    assert.match(again.result.stdout, /unchanged/);

    const file = host.generatedFile(DEFAULT_VARIANT);
    const edited = `${read(dir, file)}\n${host.framework === 'express' ? '//' : '#'} my edit\n`;
    write(dir, file, edited);
    const editedTree = snapshotTree(dir);
    const conflict = runPlop('intercom-backend', dir, { framework: host.framework, ...host.flags });
    assert.is.not(conflict.code, 0);
    assert.match(conflict.output, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} was changed`));
    assert.match(conflict.output, /--force true/);
    assert.equal(snapshotTree(dir), editedTree, 'a conflict must write nothing');

    const forced = runPlop('intercom-backend', dir, { framework: host.framework, force: true, ...host.flags });
    assert.is(forced.code, 0, forced.output);
    assert.equal(snapshotTree(dir), before);
  });

  return test;
}

export const exists = (dir: string, file: string) => fs.existsSync(path.join(dir, file));
