// Runs every tests/**/*.test.ts file (or those matching the arguments) in its own process,
// TEST_JOBS at a time (default 3: most files wait on a browser, a server or the network more
// than they compute), and ends with the line "N passed, N failed" that CI reads.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { compilePack } from './helpers/plop.js';
import { repoRoot } from './helpers/workspace.js';

const testsDir = path.join(repoRoot, 'tests');
const filters = process.argv.slice(2);
const jobs = Number(process.env.TEST_JOBS ?? 3);
const fileTimeoutMs = Number(process.env.TEST_FILE_TIMEOUT_S ?? 900) * 1000;

function findTests(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : findTests(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

// Framework suites (builds, browsers) start first, so the short files fill in at the end instead
// of one long suite running alone after everything else has finished.
const heavy = (file: string) => ['frontend', 'starters', 'backend'].findIndex((dir) => file.startsWith(path.join(testsDir, dir) + path.sep));
const weight = (file: string) => (heavy(file) === -1 ? 99 : heavy(file));
const files = findTests(testsDir)
  // Matched against the path inside the repository: a checkout's own path must not select every file.
  .filter((file) => filters.length === 0 || filters.some((f) => path.relative(repoRoot, file).includes(f)))
  .sort((a, b) => weight(a) - weight(b) || a.localeCompare(b));

// The pack is compiled once here, for every file's plop runs (tests/helpers/plop.ts).
if (files.length) compilePack();

interface Outcome {
  file: string;
  passed: number;
  failed: number;
  output: string;
  seconds: number;
}

function runFile(file: string): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: repoRoot,
      // No --import tsx for what the file starts (servers, builds): each spawn would load it for nothing.
      env: { ...process.env, FORCE_COLOR: '0', PLOP_PACK_COMPILED: '1', NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    // A hung file (a server or browser that never answers) fails instead of stalling the run.
    const timer = setTimeout(() => {
      output += `\nKilled after ${fileTimeoutMs / 1000} s.`;
      process.kill(-child.pid!, 'SIGKILL');
    }, fileTimeoutMs);
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      clearTimeout(timer);
      const total = Number(/Total:\s+(\d+)/.exec(output)?.[1] ?? 0);
      const passed = Number(/Passed:\s+(\d+)/.exec(output)?.[1] ?? 0);
      // A file that crashed before uvu's summary, or exited non-zero, counts as a failure.
      const failed = Math.max(total - passed, code === 0 && total > 0 ? 0 : 1);
      resolve({ file, passed, failed, output, seconds: (Date.now() - started) / 1000 });
    });
  });
}

const outcomes: Outcome[] = [];
const queue = [...files];
await Promise.all(
  Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const outcome = await runFile(file);
      outcomes.push(outcome);
      const name = path.relative(repoRoot, file);
      process.stdout.write(`\n### ${name} (${outcome.seconds.toFixed(1)} s)\n${outcome.output.trim()}\n`);
    }
  }),
);

const passed = outcomes.reduce((sum, o) => sum + o.passed, 0);
const failed = outcomes.reduce((sum, o) => sum + o.failed, 0);
if (failed) {
  process.stdout.write(
    `\nFailing files:\n${outcomes
      .filter((o) => o.failed)
      .map((o) => `  ${path.relative(repoRoot, o.file)}`)
      .join('\n')}\n`,
  );
}
if (files.length === 0) process.stdout.write('No test files matched.\n');
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed || files.length === 0 ? 1 : 0;
