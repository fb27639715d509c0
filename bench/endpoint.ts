// 3. Endpoint overhead: each generated backend in its host app, started as its contract test
// starts it. Requests per second and p99 latency of the JWT endpoint (signed in, with the
// session cookie) against the host's bare JSON route GET / ({"ok": true}) in the same
// process, with the same cookie, alternating route order from one round to the next.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { login, SECRET } from '../tests/helpers/backend-contract.js';
import { runPlop } from '../tests/helpers/plop.js';
import type { BackendId } from '../generators/registry.js';
import { backendHost, startHost } from '../tests/helpers/hosts.js';
import { freePort, type RunningServer } from '../tests/helpers/server.js';
import { repoRoot, tempDir } from '../tests/helpers/workspace.js';
import { load, type LoadRun } from './lib/load.js';
import { log, median, percentile, round } from './lib/stats.js';
import { backendCases, type BackendCase } from './lib/targets.js';

export const TARGET_RATIO = 0.9;
// Many short rounds rather than a few long ones: on a shared machine the load drifts within
// seconds, and the median of many side-by-side ratios shrugs that off.
const ROUNDS = Number(process.env.BENCH_ENDPOINT_ROUNDS ?? 15);
const CONCURRENCY = 8;
const MIN_COUNT = 100;
const MAX_COUNT = 1000;
/** A round of one route aims at this long: slow dev servers get fewer requests. */
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 0.5);
const JWT_ROUTE = '/api/intercom-jwt';
const BARE_ROUTE = '/';

const env = { INTERCOM_IDENTITY_SECRET: SECRET };

/**
 * A third route, added to the bench's own copy of each host (never to tests/fixtures): JSON
 * for the signed-in user, read from the session as the JWT endpoint reads it, with no token.
 * It splits the JWT endpoint's overhead into "who is signed in" and "sign the token".
 */
export const SIGNED_IN_ROUTE = '/bench/whoami';
const signedInRoute: Record<string, (dir: string) => boolean> = {
  express: (dir) =>
    patch(
      dir,
      'app.js',
      "app.use(require('./routes/intercom-jwt.js'));",
      (anchor) => `app.get('${SIGNED_IN_ROUTE}', (req, res) => res.json({ ok: true, id: req.user ? String(req.user.id) : null }));\n${anchor}`,
    ),
  flask: (dir) =>
    patch(
      dir,
      'app.py',
      'app.register_blueprint(intercom_jwt.bp)',
      (anchor) =>
        `@app.get("${SIGNED_IN_ROUTE}")\ndef bench_whoami():\n    from flask_login import current_user\n\n    return jsonify(ok=True, id=current_user.get_id())\n\n\n${anchor}`,
    ),
  django: (dir) =>
    patch(
      dir,
      'urls.py',
      'urlpatterns = [',
      (anchor) =>
        `def bench_whoami(request):\n    return JsonResponse({"ok": True, "id": str(request.user.pk) if request.user.is_authenticated else None})\n\n\n${anchor}\n    path("${SIGNED_IN_ROUTE.slice(1)}", bench_whoami),`,
    ),
  php: (dir) => {
    const file = path.join(dir, `public${SIGNED_IN_ROUTE}/index.php`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      "<?php\nheader('Content-Type: application/json');\nif (isset($_COOKIE[session_name()])) {\n    session_start(['read_and_close' => true]);\n}\necho json_encode(['ok' => true, 'id' => isset($_SESSION['user']) ? (string) $_SESSION['user']['id'] : null]);\n",
    );
    return true;
  },
  rails: (dir) =>
    patch(dir, 'config.ru', "  root to: 'test_login#root'", (anchor) => `  get '${SIGNED_IN_ROUTE}', to: 'test_login#whoami'\n${anchor}`) &&
    patch(dir, 'config.ru', '  def root', (anchor) => `  def whoami\n    render json: { ok: true, id: current_user&.id&.to_s }\n  end\n\n${anchor}`),
};

const CLAIMS = { user_id: '42', email: 'alice@example.com', name: 'Alice Example', iat: 1_700_000_000, exp: 1_700_007_200 };

/**
 * Microseconds to sign one token the way the generated code signs it (same library, same call,
 * same kind of key, per request as the route does), in that language, after a warm-up.
 */
export function signingCostUs(framework: string, dir: string): number | undefined {
  const n = 1000;
  const claims = JSON.stringify(CLAIMS);
  const secret = JSON.stringify(SECRET);
  // Express: the generated route passes a KeyObject when it builds one, else the string secret.
  const keyObject = framework === 'express' && /createSecretKey/.test(fs.readFileSync(path.join(dir, 'routes/intercom-jwt.js'), 'utf8'));
  const key = keyObject ? `require('node:crypto').createSecretKey(Buffer.from(${secret}, 'utf8'))` : secret;
  const programs: Record<string, [string, string[]]> = {
    express: [
      process.execPath,
      [
        '-e',
        `const jwt = require('jsonwebtoken'); const one = () => jwt.sign({ ...${claims} }, ${key}, { algorithm: 'HS256' }); for (let i = 0; i < 200; i++) one(); const t = process.hrtime.bigint(); for (let i = 0; i < ${n}; i++) one(); console.log(Number(process.hrtime.bigint() - t) / 1e3 / ${n});`,
      ],
    ],
    flask: [
      '/usr/bin/python3',
      [
        '-c',
        `import jwt, time\nc = ${claims}\none = lambda: jwt.encode(dict(c), ${secret}, algorithm="HS256")\nfor _ in range(200): one()\nt = time.perf_counter()\nfor _ in range(${n}): one()\nprint((time.perf_counter() - t) * 1e6 / ${n})`,
      ],
    ],
    rails: [
      '/usr/bin/ruby',
      [
        '-e',
        `require 'jwt'; require 'json'; c = JSON.parse('${claims}'); one = -> { JWT.encode(c.dup, ${secret}, 'HS256') }; 200.times { one.call }; t = Process.clock_gettime(Process::CLOCK_MONOTONIC); ${n}.times { one.call }; puts (Process.clock_gettime(Process::CLOCK_MONOTONIC) - t) * 1e6 / ${n}`,
      ],
    ],
  };
  programs.django = programs.flask;
  if (framework === 'php') {
    // The generated endpoint's own signer functions, lifted out of it.
    const source = fs.readFileSync(path.join(dir, `public${JWT_ROUTE}/index.php`), 'utf8');
    const functions = [/function intercom_base64url[\s\S]*?\n}\n/, /function intercom_sign_hs256[\s\S]*?\n}\n/].map((re) => re.exec(source)?.[0]);
    if (functions.some((f) => !f)) return undefined;
    programs.php = [
      '/usr/bin/php',
      [
        '-r',
        `${functions.join('\n')} $c = json_decode('${claims}', true); for ($i = 0; $i < 200; $i++) intercom_sign_hs256($c, ${secret}); $t = hrtime(true); for ($i = 0; $i < ${n}; $i++) intercom_sign_hs256($c, ${secret}); echo (hrtime(true) - $t) / 1e3 / ${n};`,
      ],
    ];
  }
  const program = programs[framework];
  if (!program) return undefined;
  const result = spawnSync(program[0], program[1], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  const us = Number(result.stdout.trim());
  return result.status === 0 && Number.isFinite(us) ? round(us, 1) : undefined;
}

function patch(dir: string, file: string, anchor: string, replace: (anchor: string) => string): boolean {
  const full = path.join(dir, file);
  const text = fs.readFileSync(full, 'utf8');
  if (!text.includes(anchor)) return false;
  fs.writeFileSync(full, text.replace(anchor, replace(anchor)));
  return true;
}

/** Each host starts as its contract test starts it: its descriptor's command. */
const start = (framework: BackendId, dir: string, port: number): Promise<RunningServer> => startHost(backendHost(framework).start, dir, env, port);

interface RouteSummary {
  medianRps: number;
  /** Percentiles of every request of every round, pooled. */
  p99Ms: number;
  p50Ms: number;
  errors: number;
  runs: Array<Omit<LoadRun, 'latencies'>>;
}

export interface EndpointRow {
  framework: string;
  count: number;
  concurrency: number;
  rounds: number;
  jwt: RouteSummary;
  bare: RouteSummary;
  /** The bench-only signed-in route, when its patch applied to the host. */
  signedIn?: RouteSummary;
  /** Median of per-round JWT rps / bare rps: the measure the target is on. */
  ratio: number;
  /** Median JWT rps / median bare rps: when far from `ratio`, the rounds disagree (load). */
  ratioOfMedians: number;
  /** Median of per-round JWT rps / signed-in route rps: the cost of signing alone. */
  ratioToSignedIn?: number;
  /** One token signed as the generated code signs it, in a separate process (µs). */
  signingUs?: number;
  /** What the generated route hands its signer: Express passes a KeyObject or the string secret. */
  signingKey?: 'string secret' | 'KeyObject';
  meetsTarget: boolean;
}

export interface EndpointResult {
  targetRatio: number;
  jwtRoute: string;
  bareRoute: string;
  signedInRoute: string;
  rows: EndpointRow[];
}

const summarize = (runs: LoadRun[]): RouteSummary => {
  const all = runs.flatMap((r) => r.latencies);
  return {
    medianRps: round(median(runs.map((r) => r.rps))),
    p99Ms: round(percentile(all, 99), 2),
    p50Ms: round(percentile(all, 50), 2),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    runs: runs.map(({ latencies: _, ...r }) => ({ ...r, seconds: round(r.seconds, 3), rps: round(r.rps), p50Ms: round(r.p50Ms, 2), p99Ms: round(r.p99Ms, 2) })),
  };
};

async function measureBackend(c: BackendCase): Promise<EndpointRow> {
  const dir = tempDir(`bench-endpoint-${c.framework}`, c.fixture);
  const generated = runPlop('intercom-backend', dir, { framework: c.framework });
  if (generated.code !== 0) throw new Error(`intercom-backend ${c.framework} failed:\n${generated.output}`);
  const row = await measureRoutes(c, dir);
  row.signingUs = signingCostUs(c.framework, dir);
  if (c.framework === 'express') {
    row.signingKey = /createSecretKey/.test(fs.readFileSync(path.join(dir, 'routes/intercom-jwt.js'), 'utf8')) ? 'KeyObject' : 'string secret';
  }
  log(
    `endpoint ${c.framework}: jwt ${row.jwt.medianRps} rps (p99 ${row.jwt.p99Ms} ms), bare ${row.bare.medianRps} rps (p99 ${row.bare.p99Ms} ms), ` +
      `signed-in ${row.signedIn?.medianRps ?? '-'} rps; ratio ${row.ratio}, to signed-in ${row.ratioToSignedIn ?? '-'}; one token ${row.signingUs ?? '?'} µs`,
  );
  return row;
}

async function measureRoutes(c: BackendCase, dir: string): Promise<EndpointRow> {
  const hasSignedIn = signedInRoute[c.framework]?.(dir) ?? false;
  const server = await start(c.framework, dir, await freePort());
  try {
    const headers = { Cookie: await login(server, 'alice'), Accept: 'application/json' };
    type Route = 'jwt' | 'bare' | 'signedIn';
    const routes: Partial<Record<Route, string>> = { jwt: `${server.url}${JWT_ROUTE}`, bare: `${server.url}${BARE_ROUTE}` };
    if (hasSignedIn) routes.signedIn = `${server.url}${SIGNED_IN_ROUTE}`;
    const names = Object.keys(routes) as Route[];
    // Warm-up (lazy imports, JIT, first session read), which also sizes the rounds.
    for (const name of names) {
      const check = await load(routes[name]!, { count: 100, concurrency: CONCURRENCY, headers });
      if (check.errors) throw new Error(`${c.framework}: ${routes[name]} did not answer 200 when signed in\n${server.logs().slice(-2000)}`);
    }
    const warm = await load(routes.bare!, { count: 200, concurrency: CONCURRENCY, headers });
    const count = Math.max(MIN_COUNT, Math.min(MAX_COUNT, Math.round((warm.rps * ROUND_SECONDS) / 50) * 50));
    const runs: Partial<Record<Route, LoadRun[]>> = {};
    const ratios: number[] = [];
    const signingRatios: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // Rotate the order, so no route always runs first (or last) in a round.
      const order = names.map((_, k) => names[(k + i) % names.length]);
      const lap: Partial<Record<Route, LoadRun>> = {};
      for (const name of order) {
        lap[name] = await load(routes[name]!, { count, concurrency: CONCURRENCY, headers });
        (runs[name] ??= []).push(lap[name]!);
      }
      ratios.push(lap.jwt!.rps / lap.bare!.rps);
      if (lap.signedIn) signingRatios.push(lap.jwt!.rps / lap.signedIn.rps);
    }
    return {
      framework: c.framework,
      count,
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      jwt: summarize(runs.jwt!),
      bare: summarize(runs.bare!),
      ...(runs.signedIn && { signedIn: summarize(runs.signedIn), ratioToSignedIn: round(median(signingRatios), 3) }),
      ratio: round(median(ratios), 3),
      ratioOfMedians: round(median(runs.jwt!.map((r) => r.rps)) / median(runs.bare!.map((r) => r.rps)), 3),
      meetsTarget: median(ratios) >= TARGET_RATIO,
    };
  } finally {
    await server.stop();
  }
}

export async function measureEndpoints(): Promise<EndpointResult> {
  const rows: EndpointRow[] = [];
  for (const c of backendCases) {
    const skipped = backendHost(c.framework).benchEndpoint;
    if (skipped) log(`endpoint ${c.framework}: not measured: ${skipped}`);
    else rows.push(await measureBackend(c));
  }
  return { targetRatio: TARGET_RATIO, jwtRoute: JWT_ROUTE, bareRoute: BARE_ROUTE, signedInRoute: SIGNED_IN_ROUTE, rows };
}
