// The safety checks every installer run must pass on an app it has already installed into:
// a second run changes nothing, an edited generated file survives with the conflict reported,
// and a dry run prints a diff and writes nothing.
import fs from 'node:fs';
import path from 'node:path';
import * as assert from 'uvu/assert';
import { runPlop } from './plop.js';
import { snapshotTree } from './workspace.js';

export function assertRerunIsSafe(generator: string, dir: string, flags: Record<string, string | number | boolean>, generatedFile: string) {
  const installed = snapshotTree(dir);

  const again = runPlop(generator, dir, flags);
  assert.is(again.code, 0, again.output);
  assert.equal(snapshotTree(dir), installed, 'a second run changed the tree');

  const dry = runPlop(generator, dir, { ...flags, dryRun: true, force: true });
  assert.is(dry.code, 0, dry.output);
  assert.equal(snapshotTree(dir), installed, 'a dry run wrote something');

  const file = path.join(dir, generatedFile);
  fs.appendFileSync(file, '\n// edited by hand\n');
  const edited = snapshotTree(dir);
  const conflict = runPlop(generator, dir, flags);
  assert.is.not(conflict.code, 0, 'a conflict must fail the run');
  assert.ok(conflict.output.includes(`${generatedFile} was changed since it was generated`), conflict.output);
  assert.match(conflict.output, /--force true/);
  assert.equal(snapshotTree(dir), edited, 'the edit must survive, and nothing else may be written');
}

/** Every file an installer run would write, from a dry run against a fresh copy: nothing may be written. */
export function assertDryRunWritesNothing(generator: string, dir: string, flags: Record<string, string | number | boolean>) {
  const before = snapshotTree(dir);
  const dry = runPlop(generator, dir, { ...flags, dryRun: true });
  assert.is(dry.code, 0, dry.output);
  assert.match(dry.stdout, /^\+\+\+ b\//m, 'a dry run prints a unified diff');
  assert.equal(snapshotTree(dir), before);
  return dry;
}
