// Test files run side by side and share framework toolchains: one toolchain is installed once,
// by one process, while the others wait for it (two npm installs into one folder corrupt it).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { repoRoot, tempDir } from './helpers/workspace.js';

const installer = `
import fs from 'node:fs';
import { toolchain } from ${JSON.stringify(path.join(repoRoot, 'tests/helpers/toolchains.ts'))};
const dir = toolchain({ name: 'race', create: (d) => {
  fs.appendFileSync(d + '/installs', process.pid + '\\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
} });
process.stdout.write(fs.readFileSync(dir + '/installs', 'utf8'));
`;

const run = (root: string, script: string) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, env: { ...process.env, TOOLCHAINS_DIR: root } });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('close', (code) => resolve({ code, out }));
  });

test('three test files asking for one toolchain at once: one installs it, all three get it', async () => {
  const root = tempDir('toolchain-race');
  const script = path.join(root, 'install.ts');
  fs.writeFileSync(script, installer);
  const results = await Promise.all([1, 2, 3].map(() => run(path.join(root, 'toolchains'), script)));
  for (const { code, out } of results) assert.is(code, 0, out);
  const installs = results.map((r) => r.out.trim());
  assert.equal(new Set(installs).size, 1, installs.join(' | '));
  assert.is(installs[0].split('\n').length, 1, `installed ${installs[0].split('\n').length} times`);
  assert.equal(
    fs.readdirSync(path.join(root, 'toolchains')).filter((name) => name.endsWith('.lock')),
    [],
    'the lock is released',
  );
});

test.run();
