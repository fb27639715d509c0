// The target registry: every framework this pack installs into, as one typed table.
// Generators read it and hold no per-framework branches.
import { angular } from './targets/angular.js';
import { django } from './targets/django.js';
import { ember } from './targets/ember.js';
import { express } from './targets/express.js';
import { flask } from './targets/flask.js';
import { next } from './targets/next.js';
import { php } from './targets/php.js';
import { rails } from './targets/rails.js';
import { react } from './targets/react.js';
import type { BackendTarget, FrontendTarget } from './targets/types.js';
import { vanilla } from './targets/vanilla.js';
import { vue } from './targets/vue.js';

export const backendIds = ['express', 'flask', 'django', 'php', 'rails'] as const;
export type BackendId = (typeof backendIds)[number];

export const backends: Record<BackendId, BackendTarget> = {
  express,
  flask,
  django,
  php,
  rails,
};

export const frontendIds = ['react', 'next', 'vue', 'angular', 'ember', 'vanilla'] as const;
export type FrontendId = (typeof frontendIds)[number];

export const frontends: Record<FrontendId, FrontendTarget> = {
  react,
  next,
  vue,
  angular,
  ember,
  vanilla,
};

/** Intercom's data-hosting regions and the api_base each needs (none for the US). */
export const regions = {
  us: undefined,
  eu: 'https://api-iam.eu.intercom.io',
  au: 'https://api-iam.au.intercom.io',
} as const;
