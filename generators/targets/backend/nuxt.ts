import { createRequire } from 'node:module';
import path from 'node:path';
import { appModules, authOption, CUSTOM_AUTH, type AuthAdapter } from '../../auth.js';
import { InputError } from '../../options.js';
import type { Project } from '../../project.js';
import { find, isCall, parseModule, type t } from '../../syntax/javascript.js';
import { defineBackend, type BackendAnswers } from '../types.js';

/** Who is signed in, in a Nuxt app: what its server session holds. */
const adapters = {
  'nuxt-auth-utils': {
    label: 'nuxt-auth-utils: getUserSession(event)',
    detect: (project) => project.dependsOn('nuxt-auth-utils'),
  },
} satisfies Record<string, AuthAdapter>;

type Auth = keyof typeof adapters | typeof CUSTOM_AUTH;

interface ScriptBlock {
  content: string;
  lang?: string;
  loc: { start: { line: number } };
}
type ParseSfc = (source: string) => { descriptor: { script: ScriptBlock | null; scriptSetup: ScriptBlock | null } };

/** The app's own Vue single-file-component parser (every Nuxt app has vue); undefined when it cannot be loaded. */
function sfcParser(project: Project): ParseSfc | undefined {
  try {
    return (createRequire(path.join(project.root, 'package.json'))('vue/compiler-sfc') as { parse: ParseSfc }).parse;
  } catch {
    return undefined;
  }
}

const isUseUserSession = (node: t.Node | null | undefined) => isCall(node) && node.callee.type === 'Identifier' && node.callee.name === 'useUserSession';

/** Calls of nuxt-auth-utils' client sign-out: `clear()` destructured from `useUserSession()`, or `useUserSession().clear()`. */
function clearCalls(ast: t.File): t.CallExpression[] {
  const names = new Set<string>();
  const declarations = find(
    ast,
    (n): n is t.VariableDeclarator => n.type === 'VariableDeclarator' && isUseUserSession(n.init) && n.id.type === 'ObjectPattern',
  );
  for (const [declaration] of declarations) {
    for (const p of (declaration.id as t.ObjectPattern).properties) {
      if (p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === 'clear' && p.value.type === 'Identifier') names.add(p.value.name);
    }
  }
  const isClear = (callee: t.Node) =>
    (callee.type === 'Identifier' && names.has(callee.name)) ||
    (callee.type === 'MemberExpression' && isUseUserSession(callee.object) && callee.property.type === 'Identifier' && callee.property.name === 'clear');
  return find(ast, (n): n is t.CallExpression => isCall(n) && isClear(n.callee)).map(([call]) => call);
}

/** `file:line` of every nuxt-auth-utils `clear()` in the app's modules and the `<script>` blocks of its .vue files, found by syntax tree. */
function clearSites(project: Project): string[] {
  const parseSfc = sfcParser(project);
  const sites: string[] = [];
  for (const file of appModules(project, (name) => /\.(vue|[cm]?[jt]sx?)$/.test(name))) {
    const isVue = file.path.endsWith('.vue');
    if (isVue && !parseSfc) continue;
    let blocks: { code: string; name: string; firstLine: number }[];
    try {
      blocks = isVue
        ? (({ script, scriptSetup }) => [script, scriptSetup])(parseSfc!(file.text).descriptor)
            .filter((block): block is ScriptBlock => block !== null)
            .map((block) => ({ code: block.content, name: `script.${block.lang ?? 'js'}`, firstLine: block.loc.start.line }))
        : [{ code: file.text, name: file.path, firstLine: 1 }];
    } catch {
      continue;
    }
    for (const block of blocks) {
      const ast = parseModule(block.code, block.name);
      for (const call of ast ? clearCalls(ast) : []) sites.push(`${file.path}:${block.firstLine + (call.loc?.start.line ?? 1) - 1}`);
    }
  }
  return sites;
}

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
      signOuts: answers.auth === 'nuxt-auth-utils' ? clearSites(project) : [],
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
    ...data.signOuts.map((site) => `Before clear() at ${site}: $intercom.logout(); (const { $intercom } = useNuxtApp() in the component's setup)`),
  ],
});
