// When package.json names several Express auth libraries and none is more specific than the other
// (express-openid-connect and Clerk), the first is the default and the summary says which, and how to pick another.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runPlop } from '../helpers/plop.js';
import { read, tempDir, write } from '../helpers/workspace.js';

const test = suite('intercom-backend --framework express: several auth libraries');
const ENDPOINT = 'routes/intercom-jwt.js';

/** The express-openid-connect host with these dependencies added to its manifest. */
function app(extra: Record<string, string>): string {
  const dir = tempDir('express-auths', 'backend/express-oidc');
  const pkg = JSON.parse(read(dir, 'package.json')) as { dependencies: Record<string, string> };
  write(dir, 'package.json', JSON.stringify({ ...pkg, dependencies: { ...pkg.dependencies, ...extra } }, null, 2));
  return dir;
}

const note = (stdout: string) =>
  stdout
    .split('\n')
    .find((line) => line.includes('several auth libraries'))
    ?.trim();

test('express-openid-connect and Clerk, no --auth: the first is read, and the summary names both and the flag for the other', () => {
  const dir = app({ '@clerk/express': '^1.7.0' });
  const result = runPlop('intercom-backend', dir, {});
  assert.is(result.code, 0, result.output);
  assert.match(read(dir, ENDPOINT), 'req.oidc.user');
  assert.is(
    note(result.stdout),
    'package.json names several auth libraries and none is more specific: express-openid-connect, clerk. signedInUser() reads express-openid-connect; for another, run again with --auth clerk.',
  );
});

test('--auth clerk among them: the summary still names both, and the flag back', () => {
  const dir = app({ '@clerk/express': '^1.7.0' });
  const result = runPlop('intercom-backend', dir, { auth: 'clerk' });
  assert.is(result.code, 0, result.output);
  assert.match(read(dir, ENDPOINT), 'getAuth(req)');
  assert.match(note(result.stdout) ?? '', 'signedInUser() reads clerk; for another, run again with --auth express-openid-connect.');
});

test('a winner (express-openid-connect over Passport and express-session), or --auth custom: no note', () => {
  const dir = app({ passport: '^0.7.0', 'express-session': '^1.18.1' });
  const result = runPlop('intercom-backend', dir, {});
  assert.is(result.code, 0, result.output);
  assert.match(read(dir, ENDPOINT), 'req.oidc.user');
  assert.is(note(result.stdout), undefined);
  const custom = runPlop('intercom-backend', app({ '@clerk/express': '^1.7.0' }), { auth: 'custom' });
  assert.is(custom.code, 0, custom.output);
  assert.is(note(custom.stdout), undefined);
});

test.run();
