// Runs the real plop CLI on this repo's plopfile, the way a user does, with stdin closed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './workspace.js';

const plopBin = path.join(repoRoot, 'node_modules/plop/bin/plop.js');

export interface PlopResult {
  code: number;
  stdout: string;
  stderr: string;
  output: string;
}

export function runPlop(generator: string, dest: string, flags: Record<string, string | number | boolean>, env: NodeJS.ProcessEnv = {}): PlopResult {
  const args = Object.entries(flags).flatMap(([name, value]) => [`--${name}`, String(value)]);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', plopBin, '--plopfile', path.join(repoRoot, 'plopfile.ts'), generator, '--dest', dest, '--', ...args],
    { cwd: repoRoot, encoding: 'utf8', input: '', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 60_000 },
  );
  return {
    code: result.status ?? 1,
    stdout: result.stdout,
    stderr: result.stderr,
    output: `${result.stdout}\n${result.stderr}`,
  };
}
