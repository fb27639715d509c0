import { backendContractSuite } from '../helpers/backend-contract.js';

backendContractSuite({
  framework: 'express',
  generatedFile: () => 'routes/intercom-jwt.js',
}).run();
