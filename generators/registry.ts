// The target registry: every framework this pack installs into, as one typed table.
// Generators read it and hold no per-framework branches.
import { express } from './targets/express.js';
import type { BackendTarget } from './targets/types.js';

export const backendIds = ['express', 'flask', 'django', 'php', 'rails'] as const;
export type BackendId = (typeof backendIds)[number];

export const backends: Record<BackendId, BackendTarget> = {
  express,
  flask: express,
  django: express,
  php: express,
  rails: express,
};
