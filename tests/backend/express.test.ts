import { backendContractSuite } from '../helpers/backend-contract.js';

backendContractSuite({
  framework: 'express',
  wiredFile: 'app.js',
  generatedFile: () => 'routes/intercom-jwt.js',
}).run();
