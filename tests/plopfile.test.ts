// `npx plop` in the repo root (plopfile.ts through tsx, as .npmrc sets up) lists the generators.
import { spawnSync } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { repoRoot } from './helpers/workspace.js';

test('npx plop lists the four generators, and exits when stdin is closed', () => {
  const result = spawnSync('npx', ['plop'], { cwd: repoRoot, encoding: 'utf8', input: '', timeout: 60_000, env: { ...process.env, NODE_OPTIONS: '' } });
  // Colours depend on the terminal and CI settings; the text between them is what counts.
  const output = stripVTControlCharacters(result.stdout + result.stderr);
  for (const name of ['intercom -', 'intercom-backend -', 'intercom-frontend -', 'intercom-doctor -']) {
    assert.ok(output.includes(name), `${name} missing from:\n${output}`);
  }
});

test.run();
