import path from 'node:path';
import * as assert from 'uvu/assert';
import { backendContractSuite } from '../helpers/backend-contract.js';
import { startServer } from '../helpers/server.js';
import { read, tempDir } from '../helpers/workspace.js';

const dirs: string[] = [];

const test = backendContractSuite({
  framework: 'django',
  fixture: 'backend/django',
  wiredFile: 'urls.py',
  prepare: (dir) => dirs.push(dir),
  // Each server gets its own sqlite file outside the app, so the app's tree only holds source.
  start: (dir, env, port) =>
    startServer('/usr/bin/python3', ['serve.py'], {
      cwd: dir,
      env: {
        ...env,
        PORT: String(port),
        HOST_DATABASE: path.join(tempDir('backend-django-db'), 'db.sqlite3'),
        PYTHONUNBUFFERED: '1',
      },
      port,
      timeoutMs: 60_000,
    }),
  generatedFile: () => 'intercom_jwt/views.py',
});

test('pyproject.toml gains PyJWT>=2 in [project] dependencies, once', () => {
  for (const dir of dirs) assert.match(read(dir, 'pyproject.toml'), /^dependencies = \[\n {4}"PyJWT>=2",\n {4}"Django>=3\.2",\n\]$/m);
});

test.run();
