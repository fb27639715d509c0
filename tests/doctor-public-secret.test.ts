// The doctor FAILs an Intercom secret kept under a name that bundlers make public.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkProject } from '../generators/doctor/project.js';
import type { DoctorOptions } from '../generators/doctor/result.js';
import { tempDir, write } from './helpers/workspace.js';

const SECRET = 'doctor-public-secret-0123456789';
const options = (dir: string, secret?: string): DoctorOptions => ({
  url: 'http://localhost:1',
  jwtEndpoint: '/api/intercom-jwt',
  cookie: '',
  headers: {},
  workspaceId: '',
  origin: '',
  secretEnvVar: 'INTERCOM_IDENTITY_SECRET',
  secret,
  dir,
});
const publicSecret = (dir: string, secret?: string) => checkProject(options(dir, secret)).find((result) => result.id === 'project.public-secret')!;

for (const [file, line] of [
  ['.env', `NEXT_PUBLIC_INTERCOM_IDENTITY_SECRET=${SECRET}`],
  ['.env.local', 'VITE_INTERCOM_SECRET=anything'],
  ['web/.env.production', 'export REACT_APP_INTERCOM_HMAC_SECRET="x"'],
  ['.env.example', 'EXPO_PUBLIC_INTERCOM_IDENTITY_SECRET='],
  ['.env', `GATSBY_MESSENGER_KEY=${SECRET}`],
] as const) {
  test(`FAIL: ${line.split('=')[0]} in ${file}`, () => {
    const dir = tempDir('doctor-public-secret');
    write(dir, file, `PORT=3000\n${line}\n`);
    const result = publicSecret(dir, SECRET);
    assert.is(result.status, 'FAIL', result.message);
    assert.match(
      result.message,
      new RegExp(
        `${line.replace(/^export /, '').split('=')[0]} in ${file.replace('.', '\\.')}: bundlers copy variables with that prefix into the browser bundle`,
      ),
    );
    assert.match(result.fix, /Rename it to INTERCOM_IDENTITY_SECRET .*rotate the secret/);
  });
}

test('PASS for public variables that hold no Intercom secret; SKIP without .env files', () => {
  const dir = tempDir('doctor-public-ok');
  assert.is(publicSecret(dir).status, 'SKIP');
  write(dir, '.env', `NEXT_PUBLIC_INTERCOM_APP_ID=abc12345\r\nINTERCOM_IDENTITY_SECRET=${SECRET}\r\n`);
  assert.is(publicSecret(dir, SECRET).status, 'PASS');
});

test.run();
