// plop-pack-intercom: use it directly (`npx plop intercom-backend`) or from another
// plopfile (`await plop.load('plop-pack-intercom', config)`).
import type { NodePlopAPI } from 'plop';
import { backendGenerator } from './generators/intercom-backend.js';
import { doctorGenerator } from './generators/intercom-doctor.js';
import { frontendGenerator } from './generators/intercom-frontend.js';
import { combinedGenerator } from './generators/intercom.js';
import type { PackConfig } from './generators/steps/skeleton.js';
import { registerPartials } from './generators/steps/render.js';

export type { PackConfig };

export default function plopPackIntercom(plop: NodePlopAPI, config: PackConfig = {}): void {
  registerPartials(plop);
  // plop.load() takes a pack's generators only when the pack says so.
  plop.setDefaultInclude({ generators: true });
  const prefix = config.prefix ?? '';
  plop.setGenerator(`${prefix}intercom`, combinedGenerator(plop, config));
  plop.setGenerator(`${prefix}intercom-backend`, backendGenerator(plop, config));
  plop.setGenerator(`${prefix}intercom-frontend`, frontendGenerator(plop, config));
  plop.setGenerator(`${prefix}intercom-doctor`, doctorGenerator(plop, config));
}
