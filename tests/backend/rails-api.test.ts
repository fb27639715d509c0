// The same contract on an API-only Rails app (ActionController::API), which lacks forgery
// protection and helpers: the generated controller must work under both base classes.
import { backendContractSuite } from '../helpers/backend-contract.js';

backendContractSuite({
  framework: 'rails',
  fixture: 'backend/rails-api',
  wiredFile: 'config/routes.rb',
  generatedFile: () => 'app/controllers/api/intercom_controller.rb',
}).run();
