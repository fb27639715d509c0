import * as assert from 'uvu/assert';
import { backendContractSuite } from '../helpers/backend-contract.js';
import { read } from '../helpers/workspace.js';

const dirs: string[] = [];

const test = backendContractSuite({
  framework: 'flask',
  wiredFile: 'app.py',
  prepare: (dir) => dirs.push(dir),
  generatedFile: () => 'intercom_jwt.py',
});

test('requirements.txt gains PyJWT>=2, once', () => {
  for (const dir of dirs) assert.is(read(dir, 'requirements.txt'), 'Flask>=2.2\nFlask-Login>=0.6\nPyJWT>=2\n');
});

test.run();
