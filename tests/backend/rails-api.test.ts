// The same contract on an API-only Rails app (ActionController::API), which lacks forgery
// protection and helpers: the generated controller must work under both base classes.
import { backendContractSuite } from '../helpers/backend-contract.js';
import { startServer } from '../helpers/server.js';

backendContractSuite({
  framework: 'rails',
  fixture: 'backend/rails-api',
  wiredFile: 'config/routes.rb',
  start: (dir, env, port) =>
    startServer('/usr/bin/rackup', ['-p', String(port), '-o', '127.0.0.1', 'config.ru'], { cwd: dir, env, port, timeoutMs: 60_000 }),
  generatedFile: () => 'app/controllers/api/intercom_controller.rb',
}).run();
