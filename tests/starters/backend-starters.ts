// Checks shared by the backend starter tests (tests/starters/<framework>.test.ts): on a fresh
// copy of a starter-shaped app, the framework is detected with no flag, the generator wires
// itself in with anchored lines (each exactly once, in the right place, and nothing else of
// the app file changes), a dry run writes nothing, and `--wire false` touches no app file.
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertDryRunWritesNothing } from '../helpers/idempotence.js';
import { runPlop } from '../helpers/plop.js';
import { read, snapshotTree } from '../helpers/workspace.js';

export interface BackendStarter {
  framework: string;
  /** A fresh copy of the starter app; returns its folder. */
  copy: () => string;
  /** The app file the generator wires the generated code into. */
  wiredFile: string;
  /** Lines the generator adds to wiredFile (whole lines, indentation included). */
  added: string[];
  /** Lines of wiredFile the generator rewrites in place: [before, after]. */
  rewritten?: [string, string][];
  /** Lines of the wired file, each present once, in the order they must appear (added lines among the app's own). */
  order: string[];
  /** The files the generator creates, and the manifest it adds the JWT library to. */
  generated: string[];
  manifest: string;
}

const occurrences = (text: string, line: string) => text.split('\n').filter((l) => l === line).length;

/** Each added line is there once, and the listed lines come in order. */
export function assertWired(starter: BackendStarter, dir: string) {
  const text = read(dir, starter.wiredFile);
  for (const line of [...starter.added, ...starter.order, ...(starter.rewritten ?? []).map(([, after]) => after)]) {
    assert.is(occurrences(text, line), 1, `${starter.wiredFile} must hold ${JSON.stringify(line)} exactly once:\n${text}`);
  }
  const all = text.split('\n');
  const positions = starter.order.map((line) => all.indexOf(line));
  assert.equal(
    positions,
    [...positions].sort((a, b) => a - b),
    `${starter.wiredFile} must hold these lines in this order:\n${starter.order.join('\n')}\n---\n${text}`,
  );
}

/** Files whose content differs between two snapshots, and files that appeared. */
function changes(before: Record<string, string>, after: Record<string, string>) {
  const changed = Object.keys(before).filter((file) => after[file] !== before[file]);
  const created = Object.keys(after).filter((file) => !(file in before));
  return { changed: changed.sort(), created: created.sort() };
}

export function backendStarterChecks(test: Test, starter: BackendStarter) {
  test(`fresh copy, no --framework: ${starter.framework} is detected, wired in ${starter.wiredFile}, nothing else of the app touched`, () => {
    const dir = starter.copy();
    const before = snapshotTree(dir);
    const result = runPlop('intercom-backend', dir, {});
    assert.is(result.code, 0, result.output);
    assert.ok(result.stdout.includes(`Wired in: ${starter.wiredFile}:`), result.stdout);
    assert.not.match(result.stdout, /No safe place|Not wired/);

    const after = snapshotTree(dir);
    assert.equal(changes(before, after), { changed: [starter.manifest, starter.wiredFile].sort(), created: [...starter.generated].sort() });
    assertWired(starter, dir);
    // The wired file is the app's own, plus the added lines: indentation, quotes and the rest kept.
    const rewrite = new Map(starter.rewritten ?? []);
    const expected = before[starter.wiredFile].split('\n').map((line) => rewrite.get(line) ?? line);
    const kept = after[starter.wiredFile].split('\n').filter((line) => !starter.added.includes(line));
    assert.equal(kept, expected, `${starter.wiredFile}: only the added lines may differ`);
  });

  test('a dry run on a fresh copy prints the wiring diff and writes nothing', () => {
    const dir = starter.copy();
    const dry = assertDryRunWritesNothing('intercom-backend', dir, {});
    assert.ok(dry.stdout.includes(`+++ b/${starter.wiredFile}`), dry.stdout);
    for (const line of starter.added) assert.ok(dry.stdout.includes(`\n+${line}\n`), `the diff adds ${JSON.stringify(line)}:\n${dry.stdout}`);
  });

  test('--wire false creates the files and touches no app file; the summary says what to add where', () => {
    const dir = starter.copy();
    const before = snapshotTree(dir);
    const result = runPlop('intercom-backend', dir, { wire: false });
    assert.is(result.code, 0, result.output);
    const after = snapshotTree(dir);
    // The manifest gains the JWT library (a dependency, not wiring); no other existing file changes.
    assert.equal(changes(before, after), { changed: [starter.manifest], created: [...starter.generated].sort() });
    assert.match(result.stdout, /Not wired \(--wire false\)\. To wire it in/);
    assert.not.match(result.stdout, /Wired in:/);
  });
}
