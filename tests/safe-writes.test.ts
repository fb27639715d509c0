// Writes are all-or-nothing: a run killed at any moment of its write phase leaves every file
// whole (old or new), the next run rolls a half-done run back, and a file that cannot be
// replaced part-way restores the files already written.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JOURNAL_DIR, recoverInterruptedRun } from '../generators/steps/commit.js';
import { runPlop } from './helpers/plop.js';
import { repoRoot, snapshotTree, tempDir } from './helpers/workspace.js';

const flags = { framework: 'express', secret: 'kill-loop-secret-value' };
const fixture = 'starters/express-cjs';
const plopBin = path.join(repoRoot, 'node_modules/plop/bin/plop.js');

/** The tree before and after a complete run: every file of a killed run must match one of them. */
const oldTree = snapshotTree(path.join(repoRoot, 'tests/fixtures', fixture));
const newTree = (() => {
  const dir = tempDir('safe-writes-new', fixture);
  const result = runPlop('intercom-backend', dir, flags);
  if (result.code !== 0) throw new Error(result.output);
  return snapshotTree(dir);
})();

/** Runs the generator with a slowed write phase; `during` is called once the journal exists. */
function slowRun(dir: string, delayMs: number, during: (child: ReturnType<typeof spawn>) => void) {
  const args = ['--import', 'tsx', plopBin, '--plopfile', path.join(repoRoot, 'plopfile.ts'), 'intercom-backend', '--dest', dir, '--'];
  const child = spawn(process.execPath, [...args, ...Object.entries(flags).flatMap(([k, v]) => [`--${k}`, v])], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', PLOP_PACK_INTERCOM_TEST_WRITE_DELAY_MS: String(delayMs) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const journal = path.join(dir, JOURNAL_DIR);
  const poll = setInterval(() => {
    if (fs.existsSync(journal)) {
      clearInterval(poll);
      during(child);
    }
  }, 2);
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      resolve({ code, signal, output });
    }),
  );
}

test('a bounded kill loop: every kill leaves each file whole, and the next run rolls a half-done run back', async () => {
  const runs = 24;
  let rolledBack = 0;
  let killedInWritePhase = 0;
  for (let i = 0; i < runs; i++) {
    const dir = tempDir('kill-loop', fixture);
    // 5 files, a temp file and a rename each: about 400 ms of write phase at 40 ms a step.
    const result = await slowRun(dir, 40, (child) => setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 450)));
    if (result.signal === 'SIGKILL') killedInWritePhase++;
    const afterKill = snapshotTree(dir);
    for (const file of new Set([...Object.keys(oldTree), ...Object.keys(newTree)])) {
      const content = afterKill[file];
      assert.ok(content === oldTree[file] || content === newTree[file], `run ${i}: ${file} is neither the old nor the new file`);
    }
    const interrupted = fs.existsSync(path.join(dir, JOURNAL_DIR, 'journal.json'));
    recoverInterruptedRun(dir);
    const recovered = snapshotTree(dir);
    if (interrupted) {
      rolledBack++;
      assert.equal(recovered, oldTree, `run ${i}: a half-done run is rolled back to the old tree`);
    } else {
      assert.ok(
        [oldTree, newTree].some((tree) => JSON.stringify(tree) === JSON.stringify(recovered)),
        `run ${i}: the tree is a mix of old and new`,
      );
    }
  }
  // The loop proves something only when kills land inside the write phase.
  assert.ok(killedInWritePhase >= runs / 2, `only ${killedInWritePhase} of ${runs} runs were killed while writing`);
  assert.ok(rolledBack >= 3, `only ${rolledBack} kills landed between the journal and the commit`);
});

test('the run after a kill rolls back first, says so, then writes the complete new tree', async () => {
  const dir = tempDir('kill-then-rerun', fixture);
  await slowRun(dir, 100, (child) => setTimeout(() => child.kill('SIGKILL'), 650));
  assert.ok(fs.existsSync(path.join(dir, JOURNAL_DIR, 'journal.json')), 'the kill landed between the journal and the commit');
  const result = runPlop('intercom-backend', dir, flags);
  assert.is(result.code, 0, result.output);
  assert.match(result.output, /An earlier run was interrupted while writing; its changes were rolled back first/);
  assert.equal(snapshotTree(dir), newTree);
});

test('a file that cannot be replaced part-way: the files already written are restored, and the message names it', async () => {
  const dir = tempDir('rollback', fixture);
  const app = path.join(dir, 'app.js');
  // app.js is the last file renamed; it turns immutable after the checks passed, so the
  // route, package.json, .env and .gitignore are already in place when its rename fails.
  const result = await slowRun(dir, 300, () => {
    assert.is(spawnSync('chattr', ['+i', app]).status, 0, 'chattr +i must work here');
  });
  spawnSync('chattr', ['-i', app]);
  assert.is.not(result.code, 0, result.output);
  assert.match(
    result.output,
    /Could not write app\.js: the system refused to replace it \(immutable, see lsattr; or a protected folder\)\. Every file was restored: nothing was changed\./,
  );
  assert.not.match(result.output, /^Error: EPERM/m);
  assert.equal(snapshotTree(dir), oldTree);
});

test('a second run while one is writing stops, and leaves the first one alone', async () => {
  const dir = tempDir('concurrent', fixture);
  let second: ReturnType<typeof runPlop> | undefined;
  const first = await slowRun(dir, 1500, () => {
    second = runPlop('intercom-backend', dir, flags);
  });
  assert.is(first.code, 0, first.output);
  assert.is.not(second!.code, 0, second!.output);
  assert.match(second!.output, /Another run \(process \d+\) is writing into --dest right now: wait for it to finish/);
  assert.equal(snapshotTree(dir), newTree);
});

test.run();
