// The target registry: every framework this pack installs into, as one typed table per side.
// Generators read it and hold no per-framework branches; the ids come from the tables' keys.
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

/** In the order they are offered. */
const backendTable = { express, flask, django, php, rails };
const frontendTable = { react, next, vue, angular, ember, vanilla };

export type BackendId = keyof typeof backendTable;
export type FrontendId = keyof typeof frontendTable;

export const backends: Record<BackendId, BackendTarget> = backendTable;
export const frontends: Record<FrontendId, FrontendTarget> = frontendTable;

export const backendIds = Object.keys(backends) as BackendId[];
export const frontendIds = Object.keys(frontends) as FrontendId[];

/** Intercom's data-hosting regions and the api_base each needs (none for the US). */
export const regions = {
  us: undefined,
  eu: 'https://api-iam.eu.intercom.io',
  au: 'https://api-iam.au.intercom.io',
} as const;
