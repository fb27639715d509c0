import * as assert from 'uvu/assert';
import { backendContractSuite } from '../helpers/backend-contract.js';
import { startServer } from '../helpers/server.js';
import { read } from '../helpers/workspace.js';

const dirs: string[] = [];

const test = backendContractSuite({
  framework: 'flask',
  fixture: 'backend/flask',
  wiredFile: 'app.py',
  prepare: (dir) => dirs.push(dir),
  start: (dir, env, port) =>
    startServer('/usr/bin/python3', ['app.py'], { cwd: dir, env: { ...env, PORT: String(port), PYTHONUNBUFFERED: '1' }, port }),
  generatedFile: () => 'intercom_jwt.py',
});

test('requirements.txt gains PyJWT>=2, once', () => {
  for (const dir of dirs) assert.is(read(dir, 'requirements.txt'), 'Flask>=2.2\nFlask-Login>=0.6\nPyJWT>=2\n');
});

test.run();
