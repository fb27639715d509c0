// 5. Wiring parsers: what the tree-sitter parsers of the Python and Ruby wiring cost. Their one
// runtime dependency's size on disk against the whole production install; the load of each
// grammar in a fresh process (it happens once per run, only when a Python or Ruby file is
// wired); wire() on every wired case of the corpus once loaded; and whole generator runs with
// `--wire true` against `--wire false` (no parser loaded), paired in the same pass.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Project } from '../generators/project.js';
import { backends, type BackendId } from '../generators/registry.js';
import { Plan } from '../generators/steps/plan.js';
import { python, ruby } from '../generators/syntax/tree-sitter.js';
import { runPlop } from '../tests/helpers/plop.js';
import { fixturesDir, repoRoot, tempDir } from '../tests/helpers/workspace.js';
import { childrenCpuMs } from './generator.js';
import { log, median, now, round } from './lib/stats.js';

const PACKAGE = '@vscode/tree-sitter-wasm';
const PASSES = Number(process.env.BENCH_PARSER_PASSES ?? 5);
const LOADS = 7;

/** Unwired host apps where there is one (the backend fixtures of Flask and Django are wired already). */
const RUNS: { framework: BackendId; fixture: string }[] = [
  { framework: 'flask', fixture: 'starters/flask-multiline' },
  { framework: 'django', fixture: 'backend/django' },
  { framework: 'rails', fixture: 'starters/rails' },
];

const du = (dir: string) => Number(spawnSync('du', ['-sb', dir], { encoding: 'utf8' }).stdout.split('\t')[0]);

/** Bytes on disk of the production dependency tree (npm ls --omit=dev), each folder counted once. */
function productionInstallBytes(): number {
  const listed = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: repoRoot, encoding: 'utf8' })
    .stdout.split('\n')
    .filter((dir) => dir.includes(`${path.sep}node_modules${path.sep}`));
  const outermost = listed.filter((dir) => !listed.some((other) => other !== dir && dir.startsWith(`${other}${path.sep}`)));
  return outermost.reduce((sum, dir) => sum + du(dir), 0);
}

/** Grammar load times in a fresh process: Python with the runtime's start, then Ruby. */
function loadInFreshProcess(): { python: number; ruby: number } {
  const script = `
    const { python, ruby } = await import(${JSON.stringify(path.join(repoRoot, 'generators/syntax/tree-sitter.ts'))});
    const t0 = performance.now(); await python.load();
    const t1 = performance.now(); await ruby.load();
    console.log(JSON.stringify({ python: t1 - t0, ruby: performance.now() - t1 }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

/** wire() on every wired case of tests/fixtures/wiring/<framework>, grammar loaded: median ms per file. */
async function wireCorpus(framework: 'flask' | 'django' | 'rails'): Promise<{ cases: number; medianMs: number; maxMs: number }> {
  const folder = path.join(fixturesDir, 'wiring', framework);
  const inputs = fs.readdirSync(folder).filter((name) => /\.expected\.(py|rb)$/.test(name));
  const file = framework === 'rails' ? 'config/routes.rb' : framework === 'django' ? 'mysite/urls.py' : 'app.py';
  const times: number[] = [];
  for (const expected of inputs) {
    const dir = tempDir(`bench-parsers-${framework}`);
    const others: Record<string, string> = framework === 'django' ? { 'mysite/settings.py': "ROOT_URLCONF = 'mysite.urls'\n", 'manage.py': '' } : {};
    for (const [relative, content] of Object.entries({ ...others, [file]: fs.readFileSync(path.join(folder, expected.replace('.expected', '')), 'utf8') })) {
      fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
      fs.writeFileSync(path.join(dir, relative), content);
    }
    const project = new Project(dir);
    const target = backends[framework];
    const answers = { framework, secretEnvVar: 'INTERCOM_IDENTITY_SECRET', route: '/api/intercom-jwt', ttl: 7200, allowedOrigin: '', secret: '' };
    const data = { ...answers, ...target.context(project, answers) };
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = now();
      await target.wire!(new Plan(dir), project, data);
      runs.push(now() - started);
    }
    times.push(median(runs));
  }
  return { cases: inputs.length, medianMs: round(median(times), 2), maxMs: round(Math.max(...times), 2) };
}

/** Medians of paired runs: with the wiring (and so the parser), without, their difference and ratio. */
export interface RunPair {
  wiredMs: number;
  unwiredMs: number;
  deltaMs: number;
  ratio: number;
}

export interface ParsersResult {
  package: { name: string; version: string; bytes: number; dependencies: number; productionInstallBytes: number };
  load: { runs: number; pythonMs: number; rubyMs: number };
  corpus: { framework: string; cases: number; medianMs: number; maxMs: number }[];
  passes: number;
  runs: { framework: string; fixture: string; wall: RunPair; cpu: RunPair }[];
}

export async function measureParsers(): Promise<ParsersResult> {
  const pkgDir = path.join(repoRoot, 'node_modules', PACKAGE);
  const manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const loads = Array.from({ length: LOADS }, loadInFreshProcess);
  await Promise.all([python.load(), ruby.load()]);
  const corpus = [];
  for (const framework of ['flask', 'django', 'rails'] as const) corpus.push({ framework, ...(await wireCorpus(framework)) });

  const samples: Record<string, { wall: [number, number]; cpu: [number, number] }[]> = {};
  for (let pass = 0; pass < PASSES; pass++) {
    for (const { framework, fixture } of RUNS) {
      const time = (wire: boolean) => {
        const cpu = childrenCpuMs();
        const started = now();
        const result = runPlop('intercom-backend', tempDir(`bench-parsers-${framework}`, fixture), { framework, wire });
        if (result.code !== 0) throw new Error(`${framework} --wire ${wire} failed:\n${result.output}`);
        return { wall: now() - started, cpu: childrenCpuMs() - cpu };
      };
      // Alternate which runs first: the load of a shared machine drifts within seconds.
      const [withWire, without] = pass % 2 ? [time(false), time(true)].reverse() : [time(true), time(false)];
      (samples[framework] ??= []).push({ wall: [withWire.wall, without.wall], cpu: [withWire.cpu, without.cpu] });
    }
    log(`parsers pass ${pass + 1}/${PASSES}`);
  }
  const summary = (pairs: [number, number][]) => ({
    wiredMs: round(median(pairs.map(([w]) => w))),
    unwiredMs: round(median(pairs.map(([, u]) => u))),
    deltaMs: round(median(pairs.map(([w, u]) => w - u))),
    ratio: round(median(pairs.map(([w, u]) => w / u)), 2),
  });
  return {
    package: {
      name: PACKAGE,
      version: manifest.version,
      bytes: du(pkgDir),
      dependencies: Object.keys(manifest.dependencies ?? {}).length,
      productionInstallBytes: productionInstallBytes(),
    },
    load: { runs: LOADS, pythonMs: round(median(loads.map((l) => l.python)), 1), rubyMs: round(median(loads.map((l) => l.ruby)), 1) },
    corpus,
    passes: PASSES,
    runs: RUNS.map(({ framework, fixture }) => ({
      framework,
      fixture,
      wall: summary(samples[framework].map((s) => s.wall)),
      cpu: summary(samples[framework].map((s) => s.cpu)),
    })),
  };
}
