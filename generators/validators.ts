// Input rules shared by the generators. Each returns an error sentence or undefined.
import { attributeNames, MAX_TTL_SECONDS, MIN_TTL_SECONDS, reservedClaims } from './contract.js';

export function envVarName(value: string): string | undefined {
  return /^[A-Z_][A-Z0-9_]*$/.test(value)
    ? undefined
    : `"${value}" is not an environment variable name: use capital letters, digits and underscores, e.g. INTERCOM_IDENTITY_SECRET`;
}

export function routePath(value: string): string | undefined {
  if (!value.startsWith('/')) return `"${value}" must start with "/", e.g. /api/intercom-jwt`;
  if (/\s/.test(value)) return `"${value}" must not contain spaces`;
  if (!/^\/[A-Za-z0-9\-._~/]*$/.test(value)) return `"${value}" may only hold letters, digits, "-", "_", "." and "/"`;
  // PHP turns the route into a file path: "." and ".." segments would escape the docroot.
  if (value.split('/').some((segment) => segment === '.' || segment === '..')) return `"${value}" must not contain "." or ".." segments`;
  if (value === '/') return `"${value}" is the site root; use a path such as /api/intercom-jwt`;
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

export const WORKSPACE_ID_HINT =
  'The workspace ID is on the Messenger install page in Intercom, and in the URL of any Intercom page: https://app.intercom.com/a/apps/<workspace id>/…';

export function workspaceId(value: string): string | undefined {
  if (/\s/.test(value)) return `"${value}" contains whitespace; a workspace ID is one word of letters and digits`;
  const fromUrl = /\/a\/apps\/([A-Za-z0-9]+)/.exec(value);
  if (fromUrl) return `"${value}" is a URL; the workspace ID in it is "${fromUrl[1]}"`;
  if (/[:/.]/.test(value)) return `"${value}" looks like a URL or a path, not a workspace ID`;
  if (value.length > 32 || (value.length >= 24 && /[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value))) {
    return `that value looks like a secret, not a workspace ID (workspace IDs are short, e.g. abc12345). Never put the Identity Verification secret in frontend code`;
  }
  if (!/^[A-Za-z0-9]{4,32}$/.test(value)) return `"${value}" is not a workspace ID: use 4 to 32 letters and digits`;
  return undefined;
}

/** A same-origin path, or an absolute http(s) URL when the API lives on another origin. */
export function endpoint(value: string): string | undefined {
  if (value.startsWith('/')) return routePath(value.split('?')[0]);
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return undefined;
  } catch {
    /* reported below */
  }
  return `"${value}" must be a path such as /api/intercom-jwt, or an absolute URL such as https://api.example.com/api/intercom-jwt`;
}

/** A URL path for --basePath: starts with /, plain segments only (the trailing / is added). */
export function basePath(value: string): string | undefined {
  return /^\/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*\/?)*$/.test(value) && !/\/\.\.?(\/|$)/.test(value)
    ? undefined
    : `"${value}" must be a URL path that starts with /, without spaces, query or . and .. segments`;
}

/** --attributes: Intercom attribute names (lowercase identifiers), each once, none of the claims the endpoint writes itself. */
export function attributeList(value: string): string | undefined {
  const names = attributeNames(value);
  const invalid = names.filter((name) => !/^[a-z][a-z0-9_]*$/.test(name));
  if (invalid.length) {
    return `${invalid.map((name) => `"${name}"`).join(', ')} ${invalid.length === 1 ? 'is not an attribute name' : 'are not attribute names'}: use lowercase letters, digits and underscores, starting with a letter, separated by commas, e.g. phone,company_id,plan`;
  }
  const reserved = names.filter((name) => reservedClaims.includes(name));
  if (reserved.length) return `${reserved.join(', ')} ${reserved.length === 1 ? 'is' : 'are'} already signed by the endpoint (${reservedClaims.join(', ')}); list only further attributes`;
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (repeated.length) return `${[...new Set(repeated)].join(', ')} appears more than once; list each attribute once`;
  return undefined;
}
