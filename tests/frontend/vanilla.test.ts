import { frontendContractSuite, generateFrontend } from '../helpers/frontend-contract.js';
import { tempDir } from '../helpers/workspace.js';

frontendContractSuite({
  framework: 'vanilla',
  build: async (region) => {
    const dir = tempDir(`vanilla-${region}`, 'frontend/vanilla');
    generateFrontend(dir, 'vanilla', region);
    return dir;
  },
}).run();
