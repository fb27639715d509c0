// Runs the real plop CLI the way a user does, with stdin closed, on the pack as npm ships it:
// compiled by the package's own build (tsconfig.build.json), once per test run. Loading the
// TypeScript sources through tsx instead costs about 0.7 s more per run, and the suite runs plop
// hundreds of times; `npx plop` on plopfile.ts through tsx is tested in plopfile.test.ts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './workspace.js';

const plopBin = path.join(repoRoot, 'node_modules/plop/bin/plop.js');
/** Under the repo, so the compiled pack resolves the repo's node_modules and finds templates/ above it. */
export const compiledPackDir = path.join(repoRoot, '.tmp/pack');

/** Compiles the pack into .tmp/pack; tests/run.ts does it once before any file starts. */
export function compilePack(): void {
  fs.rmSync(compiledPackDir, { recursive: true, force: true });
  const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', compiledPackDir, '--declaration', 'false'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  if (result.status !== 0) throw new Error(`Compiling the pack failed:\n${result.stdout}${result.stderr}`);
}

// A test file run on its own (not through tests/run.ts) compiles the pack for itself.
let compiled = process.env.PLOP_PACK_COMPILED === '1';

/** A file of the compiled pack (e.g. `bin/intercom-doctor.js`), compiling it first when needed. */
export function compiledPack(file: string): string {
  if (!compiled) {
    compilePack();
    compiled = true;
  }
  return path.join(compiledPackDir, file);
}

export interface PlopResult {
  code: number;
  stdout: string;
  stderr: string;
  output: string;
}

export function runPlop(generator: string, dest: string, flags: Record<string, string | number | boolean>, env: NodeJS.ProcessEnv = {}): PlopResult {
  const args = Object.entries(flags).flatMap(([name, value]) => [`--${name}`, String(value)]);
  const result = spawnSync(process.execPath, [plopBin, '--plopfile', compiledPack('plopfile.js'), generator, '--dest', dest, '--', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    input: '',
    // npm's node-options (`--import tsx`, for plopfile.ts) would load tsx into every run for nothing.
    env: { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1', ...env },
    timeout: 60_000,
  });
  return {
    code: result.status ?? 1,
    stdout: result.stdout,
    stderr: result.stderr,
    output: `${result.stdout}\n${result.stderr}`,
  };
}
