// What every check returns, and what the checks share: the resolved flags and the secret.
import type { regions } from '../registry.js';

export type Status = 'PASS' | 'WARN' | 'FAIL' | 'SKIP';

export interface CheckResult {
  /** Stable id for CI, e.g. "token.exp". */
  id: string;
  status: Status;
  message: string;
  /** One line that says what to do; empty when there is nothing to do. */
  fix: string;
}

export const pass = (id: string, message: string): CheckResult => ({ id, status: 'PASS', message, fix: '' });
export const warn = (id: string, message: string, fix: string): CheckResult => ({ id, status: 'WARN', message, fix });
export const fail = (id: string, message: string, fix: string): CheckResult => ({ id, status: 'FAIL', message, fix });
export const skip = (id: string, message: string, fix = ''): CheckResult => ({ id, status: 'SKIP', message, fix });

export type Region = keyof typeof regions;

export interface DoctorOptions {
  /** The running app, e.g. http://localhost:3000. */
  url: string;
  jwtEndpoint: string;
  cookie: string;
  /** Extra request headers for the signed-in request, from --header "Name: value". */
  headers: Record<string, string>;
  workspaceId: string;
  region?: Region;
  /** The frontend's origin: CORS is checked for it, and the page is loaded from it. */
  origin: string;
  secretEnvVar: string;
  /** The secret's value, from the environment or <dir>/.env; never printed. */
  secret?: string;
  /** Where the secret was found, for messages ("the environment", "./.env"). */
  secretSource?: string;
  /** The project to scan; empty to skip the scan. */
  dir: string;
}

export const endpointUrl = (options: DoctorOptions) => new URL(options.jwtEndpoint, options.url).href;

/** Cookie and --header values: what makes a request "signed in". */
export function authHeaders(options: DoctorOptions): Record<string, string> {
  return { ...options.headers, ...(options.cookie ? { Cookie: options.cookie } : {}) };
}

export const signedIn = (options: DoctorOptions) => Object.keys(authHeaders(options)).length > 0;
