import * as assert from 'uvu/assert';
import { backendContractSuite } from '../helpers/backend-contract.js';
import { read } from '../helpers/workspace.js';

const dirs: string[] = [];

const test = backendContractSuite({
  framework: 'rails',
  wiredFile: 'config/routes.rb',
  prepare: (dir) => dirs.push(dir),
  generatedFile: () => 'app/controllers/api/intercom_controller.rb',
});

test('the Gemfile gains the jwt gem, once', () => {
  for (const dir of dirs) {
    assert.is(read(dir, 'Gemfile'), "source 'https://rubygems.org'\n\ngem 'rails', '~> 6.1.7'\ngem 'jwt', '~> 2.7'\n");
  }
});

test('the routes file holds the GET route, and the OPTIONS route only with an allowed origin', () => {
  const [plain, custom] = dirs.map((dir) => read(dir, 'config/routes/intercom.rb'));
  assert.match(plain, /^get '\/api\/intercom-jwt', to: 'api\/intercom#show'/m);
  assert.not.match(plain, /options/);
  assert.match(custom, /^get '\/auth\/intercom-token', to: 'api\/intercom#show'/m);
  assert.match(custom, /^match '\/auth\/intercom-token', to: 'api\/intercom#preflight', via: :options$/m);
});

test.run();
