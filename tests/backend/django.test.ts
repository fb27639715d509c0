import * as assert from 'uvu/assert';
import { backendContractSuite } from '../helpers/backend-contract.js';
import { read } from '../helpers/workspace.js';

const dirs: string[] = [];

const test = backendContractSuite({
  framework: 'django',
  wiredFile: 'urls.py',
  prepare: (dir) => dirs.push(dir),
  generatedFile: () => 'intercom_jwt/views.py',
});

test('pyproject.toml gains PyJWT>=2 in [project] dependencies, once', () => {
  for (const dir of dirs) assert.match(read(dir, 'pyproject.toml'), /^dependencies = \[\n {4}"PyJWT>=2",\n {4}"Django>=3\.2",\n\]$/m);
});

test.run();
