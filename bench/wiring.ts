// 5. What syntax-tree wiring costs: the install size of the parser packages the pack depends on
// for it (@babel/parser and parse5 with their own dependencies), the time a fresh Node process
// takes to load each as the pack does, with require on first use (against loading a built-in
// module, spawned alternately; import() of @babel/parser is timed too), and the in-process
// time of one wire() over every case of the wiring corpus (tests/fixtures/wiring), parse and
// re-parse included.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { frontendIds, backendIds } from '../generators/registry.js';
import { Plan } from '../generators/steps/plan.js';
import { repoRoot } from '../tests/helpers/workspace.js';
import { casesOf, prepareCase } from '../tests/wiring/corpus.js';
import { median, now, round } from './lib/stats.js';

const PACKAGES = ['@babel/parser', '@babel/types', '@babel/helper-string-parser', '@babel/helper-validator-identifier', 'parse5', 'entities'];
const LOADS = Number(process.env.BENCH_WIRING_LOADS ?? 9);
const REPEATS = 5;

export interface WiringResult {
  packages: { name: string; kb: number }[];
  totalKb: number;
  load: { module: string; loader: string; medianMs: number; overBuiltinMs: number }[];
  builtinMs: number;
  targets: { id: string; cases: number; medianMs: number; maxMs: number }[];
  cases: number;
  repeats: number;
}

const kb = (dir: string) => Number(spawnSync('du', ['-sk', dir], { encoding: 'utf8' }).stdout.split('\t')[0]);

/** How a module is loaded: require (as the pack loads the parsers) or import(). */
const LOADERS = {
  require: (name: string) =>
    `const { createRequire } = await import('node:module'); const t = performance.now(); createRequire(process.cwd() + '/').call(null, ${JSON.stringify(name)}); console.log(performance.now() - t);`,
  import: (name: string) => `const t = performance.now(); await import(${JSON.stringify(name)}); console.log(performance.now() - t);`,
};
const MODULES: { module: string; loader: keyof typeof LOADERS }[] = [
  { module: 'node:zlib', loader: 'require' },
  { module: '@babel/parser', loader: 'require' },
  { module: 'parse5', loader: 'require' },
  { module: '@babel/parser', loader: 'import' },
];

/** Milliseconds a fresh Node process spends loading the module. */
function loadMs(name: string, loader: keyof typeof LOADERS): number {
  const script = LOADERS[loader](name);
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`loading ${name} failed:\n${r.stderr}`);
  return Number(r.stdout.trim());
}

export async function measureWiring(): Promise<WiringResult> {
  const packages = PACKAGES.map((name) => ({ name, kb: kb(path.join(repoRoot, 'node_modules', name)) }));
  const samples = MODULES.map(() => [] as number[]);
  for (let i = 0; i < LOADS; i++) MODULES.forEach(({ module, loader }, m) => samples[m].push(loadMs(module, loader)));
  const builtinMs = median(samples[0]);
  const load = MODULES.slice(1).map(({ module, loader }, m) => ({
    module,
    loader,
    medianMs: round(median(samples[m + 1]), 1),
    overBuiltinMs: round(median(samples[m + 1]) - builtinMs, 1),
  }));

  const targets: WiringResult['targets'] = [];
  for (const id of [...backendIds, ...frontendIds]) {
    let names: string[];
    try {
      names = casesOf(id);
    } catch {
      continue; // a target without a corpus folder
    }
    if (!names.length) continue; // Python and Ruby: one-file cases, measured by bench/parsers.ts
    const times = names.map((name) => {
      const runs: number[] = [];
      for (let i = 0; i <= REPEATS; i++) {
        const { target, dir, project, data } = prepareCase(id, name);
        const started = now();
        target.wire?.(new Plan(dir), project, data);
        if (i > 0) runs.push(now() - started); // the first run warms the parser up
      }
      return median(runs);
    });
    targets.push({ id, cases: names.length, medianMs: round(median(times), 2), maxMs: round(Math.max(...times), 2) });
  }
  return {
    packages,
    totalKb: packages.reduce((sum, p) => sum + p.kb, 0),
    load,
    builtinMs: round(builtinMs, 1),
    targets,
    cases: targets.reduce((sum, t) => sum + t.cases, 0),
    repeats: REPEATS,
  };
}
