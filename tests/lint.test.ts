// This repository's own code passes its ESLint (eslint.config.js) and Prettier (.prettierrc.json)
// checks: `npm run lint` finds nothing, and `npm run format` would change nothing.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { repoRoot } from './helpers/workspace.js';

function run(tool: string, args: string[]) {
  const result = spawnSync(path.join(repoRoot, 'node_modules/.bin', tool), args, { cwd: repoRoot, encoding: 'utf8', timeout: 300_000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}`.trim() || String(result.error ?? '') };
}

test('eslint . reports no problem', () => {
  const { code, output } = run('eslint', ['.']);
  assert.ok(code === 0, `ESLint found problems (npm run lint):\n${output}`);
});

test('prettier --check . finds every file formatted', () => {
  const { code, output } = run('prettier', ['--list-different', '.']);
  assert.ok(code === 0, `Not formatted as .prettierrc.json says (npm run format rewrites them):\n${output}`);
});

test.run();
