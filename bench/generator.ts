// 4. Generator latency: the whole-process wall time of a non-interactive run, spawned the way
// tests/helpers/plop.ts spawns it (node --import tsx plop.js --plopfile plopfile.ts …, stdin
// closed), for every target, against `plop --version` spawned in the same pass. Each pass
// also times generating every target once, one after another: each backend, and each frontend
// in its host's first shape (Next: App Router); Next's Pages Router and React's JavaScript
// flavour are timed too but left out of that total. A sample of targets is also timed against the pack as
// it is published (plain JavaScript, no tsx): the sources transpiled by esbuild into a folder
// that holds package.json and links templates/ and node_modules/, as dist/ would.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { runPlop } from '../tests/helpers/plop.js';
import { repoRoot, tempDir } from '../tests/helpers/workspace.js';
import { log, median, now, round } from './lib/stats.js';
import { backendCases, frontendCases, frontendFlags, representativeCases } from './lib/targets.js';

export const TARGET_RATIO = 1.5;
const PASSES = Number(process.env.BENCH_GENERATOR_PASSES ?? 4);
const plopBin = path.join(repoRoot, 'node_modules/plop/bin/plop.js');
/** Every target once (results.json keeps its historical key, `eleven`). */
const EVERY_TARGET = new Set(representativeCases);

interface Job {
  id: string;
  run: () => number;
}

/** plopfile.ts and generators/ as plain JavaScript, laid out like the published package. */
async function builtPack(): Promise<string> {
  const dir = tempDir('bench-built-pack');
  const sources = (function walk(folder: string): string[] {
    return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(folder, entry.name);
      return entry.isDirectory() ? walk(full) : entry.name.endsWith('.ts') ? [full] : [];
    });
  })(path.join(repoRoot, 'generators'));
  await build({
    entryPoints: [path.join(repoRoot, 'plopfile.ts'), ...sources],
    outdir: dir,
    outbase: repoRoot,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  });
  fs.copyFileSync(path.join(repoRoot, 'package.json'), path.join(dir, 'package.json'));
  fs.symlinkSync(path.join(repoRoot, 'templates'), path.join(dir, 'templates'));
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
  return path.join(dir, 'plopfile.js');
}

/** A non-interactive run of the published-style pack: plain node, no tsx. */
function runBuilt(plopfile: string, generator: string, dest: string, flags: Record<string, string>) {
  const args = Object.entries(flags).flatMap(([name, value]) => [`--${name}`, value]);
  const r = spawnSync(process.execPath, [plopBin, '--plopfile', plopfile, generator, '--dest', dest, '--', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    input: '',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
}

/** CPU time (user + system, ms) of this process's finished children, from /proc (10 ms ticks). */
export function childrenCpuMs(): number {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  // After "pid (comm) ": state is field 3, so cutime (16) and cstime (17) sit at 13 and 14.
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** The last timed run's CPU time, beside its wall time. */
let lastCpuMs = 0;

function timed(fn: () => { code: number; output: string }, what: string): number {
  const cpu = childrenCpuMs();
  const started = now();
  const result = fn();
  const ms = now() - started;
  lastCpuMs = childrenCpuMs() - cpu;
  if (result.code !== 0) throw new Error(`${what} failed:\n${result.output}`);
  return ms;
}

const plopVersion = () =>
  timed(() => {
    const r = spawnSync(process.execPath, [plopBin, '--version'], { cwd: repoRoot, encoding: 'utf8', input: '', env: { ...process.env, NO_COLOR: '1' } });
    return { code: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
  }, 'plop --version');

function jobsFor(plopfile?: string): Job[] {
  const generate = (generator: string, dest: string, flags: Record<string, string>) =>
    plopfile ? runBuilt(plopfile, generator, dest, flags) : runPlop(generator, dest, flags);
  return [
    ...backendCases.map((c) => ({
      id: c.framework,
      run: () => timed(() => generate('intercom-backend', tempDir(`bench-gen-${c.framework}`, c.fixture), { framework: c.framework }), c.framework),
    })),
    ...frontendCases.map((c) => ({
      id: c.id,
      run: () => timed(() => generate('intercom-frontend', tempDir(`bench-gen-${c.id}`, c.fixture), frontendFlags(c)), c.id),
    })),
  ];
}

export interface GeneratorRow {
  id: string;
  /** `tsx`: spawned as the tests spawn it; `built`: the pack as published, plain JavaScript. */
  mode: 'tsx' | 'built';
  medianMs: number;
  /** Median of per-run (wall time / its paired `plop --version` wall time). */
  ratio: number;
  /** The same with CPU time (user + system of the process and its children): little moved by other load. */
  cpuMs: number;
  cpuRatio: number;
  meetsTarget: boolean;
  runsMs: number[];
}

export interface GeneratorResult {
  targetRatio: number;
  passes: number;
  command: string;
  baseline: { command: string; medianMs: number; medianCpuMs: number; runsMs: number[] };
  rows: GeneratorRow[];
  /** Sequential total of the eleven (tsx), and its ratio to the eleven paired `plop --version` runs. */
  eleven: { targets: string[]; medianMs: number; runsMs: number[]; ratio: number };
}

/** Targets also timed as published (plain JavaScript), to tell tsx's share from ours. */
const BUILT_SAMPLE = new Set(['express', 'react-ts', 'vanilla']);

export async function measureGenerator(): Promise<GeneratorResult> {
  const built = await builtPack();
  const jobs = [
    ...jobsFor().map((job) => ({ ...job, mode: 'tsx' as const })),
    ...jobsFor(built)
      .filter((job) => BUILT_SAMPLE.has(job.id))
      .map((job) => ({ ...job, mode: 'built' as const })),
  ];
  const times: Record<string, number[]> = {};
  const ratios: Record<string, number[]> = {};
  const baseline: number[] = [];
  const baselineCpu: number[] = [];
  const cpuTimes: Record<string, number[]> = {};
  const cpuRatios: Record<string, number[]> = {};
  const eleven: number[] = [];
  const elevenRatios: number[] = [];
  plopVersion(); // warm the file cache (and tsx's) for every command
  for (const job of jobs.filter((j) => j.id === 'express')) job.run();
  for (let pass = 0; pass < PASSES; pass++) {
    // Each run is paired with a `plop --version` right before or after it (alternating), and
    // its ratio is taken against that one: the load of a shared machine drifts within seconds.
    const order = pass % 2 ? [...jobs].reverse() : jobs;
    let elevenMs = 0;
    let elevenBase = 0;
    for (const [i, job] of order.entries()) {
      const versionFirst = (i + pass) % 2 === 0;
      const before = versionFirst ? plopVersion() : NaN;
      const beforeCpu = lastCpuMs;
      const ms = job.run();
      const cpu = lastCpuMs;
      const base = versionFirst ? before : plopVersion();
      const baseCpu = versionFirst ? beforeCpu : lastCpuMs;
      baseline.push(base);
      baselineCpu.push(baseCpu);
      const key = `${job.mode}:${job.id}`;
      (times[key] ??= []).push(ms);
      (ratios[key] ??= []).push(ms / base);
      (cpuTimes[key] ??= []).push(cpu);
      (cpuRatios[key] ??= []).push(cpu / baseCpu);
      if (job.mode === 'tsx' && EVERY_TARGET.has(job.id)) {
        elevenMs += ms;
        elevenBase += base;
      }
    }
    eleven.push(elevenMs);
    elevenRatios.push(elevenMs / elevenBase);
    log(
      `generator pass ${pass + 1}/${PASSES}: all ${EVERY_TARGET.size} targets ${round(elevenMs)} ms, their paired plop --version runs ${round(elevenBase)} ms`,
    );
  }
  const rows = jobs.map((job) => {
    const key = `${job.mode}:${job.id}`;
    const ratio = round(median(ratios[key]), 2);
    return {
      id: job.id,
      mode: job.mode,
      medianMs: round(median(times[key])),
      ratio,
      cpuMs: round(median(cpuTimes[key])),
      cpuRatio: round(median(cpuRatios[key]), 2),
      meetsTarget: ratio <= TARGET_RATIO,
      runsMs: times[key].map((ms) => round(ms)),
    };
  });
  for (const row of rows) log(`generator ${row.mode} ${row.id}: ${row.medianMs} ms, ${row.ratio}x plop --version (CPU ${row.cpuMs} ms, ${row.cpuRatio}x)`);
  return {
    targetRatio: TARGET_RATIO,
    passes: PASSES,
    command: 'node --import tsx node_modules/plop/bin/plop.js --plopfile plopfile.ts <generator> --dest <dir> -- <flags> (stdin closed)',
    baseline: {
      command: 'node node_modules/plop/bin/plop.js --version',
      medianMs: round(median(baseline)),
      medianCpuMs: round(median(baselineCpu)),
      runsMs: baseline.map((ms) => round(ms)),
    },
    rows,
    eleven: { targets: [...EVERY_TARGET], medianMs: round(median(eleven)), runsMs: eleven.map((ms) => round(ms)), ratio: round(median(elevenRatios), 2) },
  };
}
