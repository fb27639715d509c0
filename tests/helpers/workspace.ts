// Temp folders live under .tmp/ inside the repo, so generated Node code resolves the repo's
// node_modules (express, jsonwebtoken) without installing anything per test.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = path.join(repoRoot, 'tests/fixtures');
const tmpRoot = path.join(repoRoot, '.tmp');

/** A fresh folder, optionally filled with a copy of tests/fixtures/<fixture>. */
export function tempDir(name: string, fixture?: string): string {
  fs.mkdirSync(tmpRoot, { recursive: true });
  const dir = fs.mkdtempSync(path.join(tmpRoot, `${name.replace(/[^a-z0-9]+/gi, '-')}-`));
  if (fixture) fs.cpSync(path.join(fixturesDir, fixture), dir, { recursive: true });
  return dir;
}

/** Every file below dir with its content (a symbolic link as its target, not followed), for "nothing changed" comparisons. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isSymbolicLink()) out[path.relative(dir, full)] = `symlink -> ${fs.readlinkSync(full)}`;
      else if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '__pycache__') walk(full);
      } else out[path.relative(dir, full)] = fs.readFileSync(full, 'latin1');
    }
  };
  walk(dir);
  return out;
}

export const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
export const write = (dir: string, file: string, content: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), content);
};
