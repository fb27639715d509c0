// A one-file Rails 6.1 app (config.ru) whose routes come from a real config/routes.rb
// (`Rails.application.routes.draw do … end`, holding the test login), loaded by Rails from
// config.root. The generator adds `draw :intercom` inside that block; then the full HTTP
// contract runs on rackup (Debian's ruby-rack, WEBrick).
import * as assert from 'uvu/assert';
import { backendContractSuite } from '../helpers/backend-contract.js';
import { startServer } from '../helpers/server.js';
import { read, tempDir } from '../helpers/workspace.js';
import { assertWired, backendStarterChecks, type BackendStarter } from './backend-starters.js';

const starter: BackendStarter = {
  framework: 'rails',
  copy: () => tempDir('starter-rails', 'starters/rails'),
  wiredFile: 'config/routes.rb',
  added: ['  draw :intercom'],
  order: ['Rails.application.routes.draw do', '  draw :intercom', "  get '/test/login/:name', to: 'sessions#create'", "  root 'home#index'", 'end'],
  generated: ['app/controllers/api/intercom_controller.rb', 'config/routes/intercom.rb'],
  manifest: 'Gemfile',
};

const dirs: string[] = [];
const test = backendContractSuite({
  framework: 'rails',
  fixture: 'starters/rails',
  wiredFile: starter.wiredFile,
  prepare: (dir) => dirs.push(dir),
  start: (dir, env, port) => startServer('/usr/bin/rackup', ['-p', String(port), '-o', '127.0.0.1', 'config.ru'], { cwd: dir, env, port, timeoutMs: 60_000 }),
  generatedFile: () => 'app/controllers/api/intercom_controller.rb',
  stockUsers: true,
});

test("after the contract's reruns routes.rb draws :intercom exactly once; the Gemfile gains jwt once", () => {
  assert.is(dirs.length, 2);
  for (const dir of dirs) {
    assertWired(starter, dir);
    assert.is(read(dir, 'Gemfile').match(/^gem 'jwt', '~> 2\.7'$/gm)?.length, 1, "in the Gemfile's own quotes");
  }
});

backendStarterChecks(test, starter);
test.run();
