import { backendContractSuite } from '../helpers/backend-contract.js';
import { startServer } from '../helpers/server.js';

backendContractSuite({
  framework: 'express',
  fixture: 'backend/express',
  wiredFile: 'app.js',
  start: (dir, env, port) => startServer(process.execPath, ['app.js'], { cwd: dir, env: { ...env, PORT: String(port) }, port }),
  generatedFile: () => 'routes/intercom-jwt.js',
}).run();
