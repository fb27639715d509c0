import { authOption, CUSTOM_AUTH, type AuthAdapter } from '../../auth.js';
import { InputError } from '../../options.js';
import { defineBackend, type BackendAnswers } from '../types.js';

/** Who is signed in, in a Nuxt app: what its server session holds. */
const adapters = {
  'nuxt-auth-utils': {
    label: 'nuxt-auth-utils: getUserSession(event)',
    detect: (project) => project.dependsOn('nuxt-auth-utils'),
  },
} satisfies Record<string, AuthAdapter>;

type Auth = keyof typeof adapters | typeof CUSTOM_AUTH;

/**
 * Why Nitro cannot serve the route from a file of that name: an empty segment or a trailing slash,
 * a dot in the file name (read as a method or environment suffix), `index` (served at the parent),
 * a `[param]`, or Nuxt's own `/_nuxt/` and `/__nuxt…` paths.
 */
function routeProblem(route: string): string | undefined {
  const segments = route.split('/').slice(1);
  if (segments.some((segment) => segment === ''))
    return `--route ${route}: Nuxt serves a path with an empty segment or a trailing slash elsewhere; use ${route.replace(/\/+/g, '/').replace(/\/$/, '') || '/api/intercom-jwt'}`;
  if (/^_?_nuxt/.test(segments[0])) return `--route ${route}: Nuxt reserves /_nuxt/ and /__nuxt… for itself; use e.g. /api/intercom-jwt`;
  const last = segments.at(-1)!;
  if (last.includes('.') || last === 'index')
    return `--route ${route}: the last segment becomes a file name, which Nitro would not serve at that path; use a name without "." that is not "index"`;
  return undefined;
}

export const nuxt = defineBackend({
  label: 'Nuxt (Nitro server route)',
  detect: (project) => project.dependsOn('nuxt'),
  // A Nuxt app with an Express server beside it still answers its routes with Nitro.
  before: ['express'],
  options: (projectOf) => [authOption(adapters, projectOf)],
  context: (project, answers: BackendAnswers & { auth: Auth }) => {
    const problem = routeProblem(answers.route);
    if (problem) throw new InputError([problem, 'Nothing was written.']);
    const typescript = project.typescript;
    const ext = typescript ? 'ts' : 'js';
    // server/api/ is served under /api/, server/routes/ at the root; Nuxt 3 and 4 both keep server/ at the root.
    const [first, ...rest] = answers.route.split('/').slice(1);
    const route = first === 'api' && rest.length ? `server/api/${rest.join('/')}` : `server/routes/${[first, ...rest].join('/')}`;
    // With CORS the file answers the preflight too, so it takes every method instead of `.get` only.
    const endpointBase = answers.allowedOrigin ? route : `${route}.get`;
    return {
      typescript,
      ext,
      endpointBase,
      endpointFile: `${endpointBase}.${ext}`,
      authUtils: answers.auth === 'nuxt-auth-utils',
      claimSyntax: { quote: '', separator: ': ', trailingComma: true, spread: '...' },
      claimExprs: { user_id: 'String(user.id)', email: 'user.email', name: 'user.name', iat: 'now', exp: 'now + TOKEN_TTL_SECONDS' },
      readAttribute: (name: string) => `user.${name}`,
      attributesReader: { fn: 'signedAttributes', user: 'user' },
      customAuth: answers.auth === CUSTOM_AUTH ? { fn: 'signedInUser' } : undefined,
    };
  },
  dependencies: () => [{ ecosystem: 'npm', name: 'jose', version: '^6.2.19' }],
  installCommand: (project) => project.addCommand(['jose']),
  wiring: (data) => [
    `Nitro serves ${data.endpointFile} at ${data.route} by its file-system routing: nothing to import.`,
    data.auth === 'nuxt-auth-utils'
      ? "The signed-in user is nuxt-auth-utils' session user (getUserSession(event).user): store it with setUserSession(event, { user: { id, email, name } }) at sign-in."
      : `Fill in signedInUser() in ${data.endpointFile}: return the signed-in user from your session. Until you do, the endpoint answers 401 and never signs.`,
  ],
});
