// Input rules shared by the generators. Each returns an error sentence or undefined.
import { attributeNames, MAX_TTL_SECONDS, MIN_TTL_SECONDS, reservedClaims } from './contract.js';

/** Prefixes that bundlers (Next, Vite, Create React App, Nuxt, SvelteKit/Astro, Expo, Gatsby) inline into browser code. */
export const PUBLIC_ENV_PREFIXES = ['NEXT_PUBLIC_', 'VITE_', 'REACT_APP_', 'NUXT_PUBLIC_', 'PUBLIC_', 'EXPO_PUBLIC_', 'GATSBY_'] as const;

export const publicEnvPrefix = (name: string) => PUBLIC_ENV_PREFIXES.find((prefix) => name.startsWith(prefix));

/** The name of the variable that holds the identity secret. */
export function envVarName(value: string): string | undefined {
  if (!/^[A-Z_][A-Z0-9_]*$/.test(value)) {
    return `"${value}" is not an environment variable name: use capital letters, digits and underscores, e.g. INTERCOM_IDENTITY_SECRET`;
  }
  const prefix = publicEnvPrefix(value);
  if (prefix) {
    return `"${value}" starts with ${prefix}, which bundlers copy into the browser bundle: the identity secret would be public. Use a server-only name such as INTERCOM_IDENTITY_SECRET`;
  }
  return undefined;
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

const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
/** scheme://host[:port] where the host is letters, digits, dots and dashes (or [::1]). */
const ORIGIN = /^(https?):\/\/([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[::1\])(?::(\d{1,5}))?/;

/** https, or http only for localhost: a token fetched over plain http can be read on the way. */
function secureScheme(scheme: string, host: string): boolean {
  return scheme === 'https' || (scheme === 'http' && LOCAL_HOSTS.includes(host.toLowerCase()));
}

/** An exact origin: https://host[:port], or http only for localhost; no path, no wildcard. */
export function origin(value: string): string | undefined {
  if (value === '') return undefined;
  const problem = `"${value}" is not an exact origin: use scheme://host[:port] with no path or wildcard, e.g. https://app.example.com`;
  if (value.includes('*')) return `${problem} ("*" would let any site read your users' tokens)`;
  const match = ORIGIN.exec(value);
  if (!match || match[0] !== value) return `${problem}; the host may hold only letters, digits, dots and dashes`;
  // The browser's Origin header drops a default port and lowercases the host: it must match exactly.
  if (new URL(value).origin !== value) return problem;
  if (!secureScheme(match[1], match[2])) return `"${value}" must use https (http is accepted only for localhost)`;
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

/** A same-origin path, or an https URL (http only for localhost) when the API lives on another origin. */
/** A path on the app's own origin, rather than a URL ("//host/x" is protocol-relative: another site). */
export const isPath = (value: string) => value.startsWith('/') && !value.startsWith('//');

export function endpoint(value: string): string | undefined {
  const usage = `"${value}" must be a path such as /api/intercom-jwt, or an https URL such as https://api.example.com/api/intercom-jwt`;
  let rest = value;
  if (!isPath(value)) {
    const match = ORIGIN.exec(value);
    if (!match || (match[3] !== undefined && Number(match[3]) > 65535)) return usage;
    if (!secureScheme(match[1], match[2])) return `"${value}" must use https (http is accepted only for localhost)`;
    rest = value.slice(match[0].length);
    if (rest !== '' && !rest.startsWith('/')) return usage;
  }
  const queryAt = rest.indexOf('?');
  const [pathname, query] = queryAt === -1 ? [rest, ''] : [rest.slice(0, queryAt), rest.slice(queryAt)];
  // The query lands in generated code too: plain characters only.
  if (!/^(\?[A-Za-z0-9\-._~=&%+]*)?$/.test(query)) return `"${value}" has a query with characters other than letters, digits and - . _ ~ = & % +`;
  const problem = routePath(pathname);
  return problem && `"${value}": the path ${problem.replace(/^"[^"]*" /, '')}`;
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
  if (reserved.length)
    return `${reserved.join(', ')} ${reserved.length === 1 ? 'is' : 'are'} already signed by the endpoint (${reservedClaims.join(', ')}); list only further attributes`;
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (repeated.length) return `${[...new Set(repeated)].join(', ')} appears more than once; list each attribute once`;
  return undefined;
}

/** A CSS hex colour: the only form written into the facade's style. */
export function hexColor(value: string): string | undefined {
  return /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(value) ? undefined : `"${value}" is not a hex colour: pass #rgb or #rrggbb, e.g. #0071b2`;
}
