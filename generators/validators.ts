// Input rules shared by the generators. Each returns an error sentence or undefined.
import { MAX_TTL_SECONDS, MIN_TTL_SECONDS } from './contract.js';

export function envVarName(value: string): string | undefined {
  return /^[A-Z_][A-Z0-9_]*$/.test(value)
    ? undefined
    : `"${value}" is not an environment variable name: use capital letters, digits and underscores, e.g. INTERCOM_IDENTITY_SECRET`;
}

export function routePath(value: string): string | undefined {
  if (!value.startsWith('/')) return `"${value}" must start with "/", e.g. /api/intercom-jwt`;
  if (/\s/.test(value)) return `"${value}" must not contain spaces`;
  if (!/^\/[A-Za-z0-9\-._~/]*$/.test(value)) return `"${value}" may only hold letters, digits, "-", "_", "." and "/"`;
  return undefined;
}

export function ttlSeconds(value: string): string | undefined {
  if (!/^\d+$/.test(value)) return `"${value}" is not a whole number of seconds`;
  const ttl = Number(value);
  if (ttl < MIN_TTL_SECONDS || ttl > MAX_TTL_SECONDS) {
    return `${ttl} is out of range: use ${MIN_TTL_SECONDS} to ${MAX_TTL_SECONDS} seconds (Intercom recommends short-lived tokens; 7200 is two hours)`;
  }
  return undefined;
}

/** An exact origin: https://host[:port], or http only for localhost; no path, no wildcard. */
export function origin(value: string): string | undefined {
  if (value === '') return undefined;
  const problem = `"${value}" is not an exact origin: use scheme://host[:port] with no path or wildcard, e.g. https://app.example.com`;
  if (value.includes('*')) return `${problem} ("*" would let any site read your users' tokens)`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return problem;
  }
  if (url.origin !== value) return problem;
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    return `"${value}" must use https (http is accepted only for localhost)`;
  }
  return undefined;
}
