// Generator behaviour that does not depend on the framework: bad input is refused with a
// message naming the flag, a non-zero exit and nothing written; runs never wait for input.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { backendIds } from '../generators/registry.js';
import { runPlop } from './helpers/plop.js';
import { read, repoRoot, snapshotTree, tempDir, write } from './helpers/workspace.js';

const badInputs: [string, Record<string, string>, RegExp][] = [
  ['an unknown framework', { framework: 'spring' }, new RegExp(`--framework: "spring" is not one of ${backendIds.join(', ')}`)],
  ['a ttl that is not a number', { framework: 'express', ttl: 'two hours' }, /--ttl: "two hours" is not a whole number of seconds/],
  ['a ttl below the range', { framework: 'express', ttl: '59' }, /--ttl: 59 is out of range: use 60 to 86400/],
  ['a ttl above the range', { framework: 'express', ttl: '86401' }, /--ttl: 86401 is out of range/],
  ['a route without a leading slash', { framework: 'flask', route: 'api/intercom-jwt' }, /--route: "api\/intercom-jwt" must start with "\/"/],
  ['a route with spaces', { framework: 'django', route: '/api/intercom jwt' }, /--route: "\/api\/intercom jwt" must not contain spaces/],
  ['a route that climbs out of the docroot', { framework: 'php', route: '/../outside' }, /--route: "\/..\/outside" must not contain "." or ".." segments/],
  [
    'an env var name in lowercase',
    { framework: 'php', secretEnvVar: 'intercom_secret' },
    /--secretEnvVar: "intercom_secret" is not an environment variable name/,
  ],
  [
    'an env var name with dashes',
    { framework: 'rails', secretEnvVar: 'INTERCOM-SECRET' },
    /--secretEnvVar: "INTERCOM-SECRET" is not an environment variable name/,
  ],
  [
    'an origin with a path',
    { framework: 'express', allowedOrigin: 'https://app.example.com/login' },
    /--allowedOrigin: "https:\/\/app.example.com\/login" is not an exact origin/,
  ],
  ['a wildcard origin', { framework: 'express', allowedOrigin: '*' }, /--allowedOrigin: .*"\*" would let any site read your users' tokens/],
  ['a wildcard subdomain origin', { framework: 'express', allowedOrigin: 'https://*.example.com' }, /--allowedOrigin: .*wildcard/],
  ['an http origin that is not localhost', { framework: 'express', allowedOrigin: 'http://app.example.com' }, /--allowedOrigin: .*must use https/],
  ['a flag that does not exist', { framework: 'express', ttlSeconds: '60' }, /--ttlSeconds is not a flag of intercom-backend/],
];

for (const [name, flags, message] of badInputs) {
  test(`refuses ${name}: clear message, non-zero exit, nothing written`, () => {
    const dir = tempDir('bad-input', 'backend/express');
    const before = snapshotTree(dir);
    const result = runPlop('intercom-backend', dir, flags);
    assert.is.not(result.code, 0, result.output);
    assert.match(result.output, message);
    assert.equal(snapshotTree(dir), before);
  });
}

test('the framework is detected from the project; none or several found fails without a terminal, listing them', () => {
  const express = tempDir('detect', 'backend/express');
  let result = runPlop('intercom-backend', express, {});
  assert.is(result.code, 0, result.output);
  assert.match(result.stdout, /created\s+routes\/intercom-jwt\.js/);

  const empty = tempDir('detect-none');
  result = runPlop('intercom-backend', empty, {});
  assert.is.not(result.code, 0);
  assert.match(result.output, new RegExp(`--framework is required when the run is not interactive: pass -- --framework ${backendIds.join('\\|')}`));
  assert.equal(snapshotTree(empty), {});

  const both = tempDir('detect-both', 'backend/express');
  write(both, 'requirements.txt', 'Flask>=3\nFlask-Login\n');
  const before = snapshotTree(both);
  result = runPlop('intercom-backend', both, {});
  assert.is.not(result.code, 0);
  assert.match(result.output, /looks like express and flask: pick one with -- --framework <name>/);
  assert.equal(snapshotTree(both), before);
});

test('every problem is reported at once', () => {
  const dir = tempDir('bad-input', 'backend/express');
  const result = runPlop('intercom-backend', dir, { framework: 'express', ttl: '5', route: 'x' });
  assert.match(result.output, /--route/);
  assert.match(result.output, /--ttl/);
});

test('a missing --dest folder is refused', () => {
  const result = runPlop('intercom-backend', path.join(repoRoot, '.tmp/does-not-exist'), { framework: 'express' });
  assert.is.not(result.code, 0);
  assert.match(result.output, /--dest .* is not a folder/);
});

test('-- --framework alone is a complete non-interactive run, even with a terminal-less stdin left open', async () => {
  const dir = tempDir('non-interactive', 'backend/express');
  // stdin is a pipe that never closes: a prompt would hang until the timeout.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'node_modules/plop/bin/plop.js', '--plopfile', 'plopfile.ts', 'intercom-backend', '--dest', dir, '--', '--framework', 'express'],
    { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, 30_000);
    child.on('exit', (status) => {
      clearTimeout(timer);
      resolve(status);
    });
  });
  assert.is(code, 0, `hung or failed: ${output}`);
  assert.match(read(dir, 'routes/intercom-jwt.js'), /INTERCOM_IDENTITY_SECRET/);
});

test('the summary lists the files, the env var, the install command and the Messenger Security steps', () => {
  const dir = tempDir('summary', 'backend/express');
  const result = runPlop('intercom-backend', dir, { framework: 'express' });
  assert.is(result.code, 0, result.output);
  assert.match(result.stdout, /created\s+routes\/intercom-jwt\.js/);
  assert.match(result.stdout, /updated\s+package\.json/);
  assert.match(result.stdout, /Set INTERCOM_IDENTITY_SECRET/);
  assert.match(result.stdout, /npm install jsonwebtoken/);
  assert.match(result.stdout, /enable identity verification/);
  assert.match(result.stdout, /"Enforced"/);
  assert.match(result.stdout, /protected attributes/);
  assert.equal(JSON.parse(read(dir, 'package.json')).dependencies.jsonwebtoken, '^9.0.2');
});

test('--secret goes to .env only (missing key added once, .env ignored by git), never into code', () => {
  const dir = tempDir('secret', 'backend/express');
  write(dir, '.env', 'PORT=3000\nINTERCOM_IDENTITY_SECRET=keep-me\n');
  write(dir, '.gitignore', 'node_modules\n');
  const secret = 'sk_test_Zx9Qw3Er5Ty7Ui9Op1As3Df5Gh7';
  let result = runPlop('intercom-backend', dir, { framework: 'express', secret });
  assert.is(result.code, 0, result.output);
  assert.is(read(dir, '.env'), 'PORT=3000\nINTERCOM_IDENTITY_SECRET=keep-me\n', 'an existing value is never replaced');
  assert.is(read(dir, '.gitignore'), 'node_modules\n.env\n');

  result = runPlop('intercom-backend', dir, { framework: 'express', secretEnvVar: 'OTHER_SECRET', secret, force: true });
  assert.is(result.code, 0, result.output);
  assert.is(read(dir, '.env'), `PORT=3000\nINTERCOM_IDENTITY_SECRET=keep-me\nOTHER_SECRET=${secret}\n`);
  for (const [file, content] of Object.entries(snapshotTree(dir))) {
    if (file !== '.env') assert.not.ok(content.includes(secret), `the secret leaked into ${file}`);
  }
  assert.not.ok(result.output.includes(secret), 'the secret is never printed');
});

test('Express output matches the project: ESM, TypeScript', () => {
  const esm = tempDir('esm', 'backend/express');
  write(esm, 'package.json', JSON.stringify({ name: 'esm', type: 'module', dependencies: { express: '^5.1.0' } }, null, 2) + '\n');
  assert.is(runPlop('intercom-backend', esm, { framework: 'express' }).code, 0);
  assert.match(read(esm, 'routes/intercom-jwt.js'), /^import jwt from 'jsonwebtoken';$/m);
  assert.match(read(esm, 'routes/intercom-jwt.js'), /^export default router;$/m);

  const ts = tempDir('ts', 'backend/express');
  write(ts, 'tsconfig.json', '{}\n');
  write(ts, 'src/app.ts', '');
  const result = runPlop('intercom-backend', ts, { framework: 'express' });
  assert.is(result.code, 0, result.output);
  assert.match(read(ts, 'src/routes/intercom-jwt.ts'), /interface IntercomUser/);
  assert.match(result.stdout, /@types\/jsonwebtoken/);
});

test("the re-run line holds only the chosen target's own options: several targets own an --auth, one is written", () => {
  const dir = tempDir('rerun-own-options', 'backend/express');
  const result = runPlop('intercom-backend', dir, { framework: 'express', auth: 'express-session', sessionKey: 'account' });
  assert.is(result.code, 0, result.output);
  const rerun = read(dir, 'routes/intercom-jwt.js').split('\n')[0];
  assert.match(rerun, / -- --framework express --auth express-session --sessionKey account$/);
});

test.run();
