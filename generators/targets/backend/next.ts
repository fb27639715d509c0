import { appModules, authOption, CUSTOM_AUTH, detectAuth, signOutSites, type AuthAdapter } from '../../auth.js';
import { InputError } from '../../options.js';
import type { Project } from '../../project.js';
import { bindingsOf, elementsNamed, parseModule, relativeImport, type t } from '../../syntax/javascript.js';
import { mergeNextCsp, proxyFiles } from '../next-csp.js';
import { routerOption, type Router } from '../next-router.js';
import { defineBackend, type BackendAnswers } from '../types.js';

/** The major version of next-auth the manifest asks for: `beta` is Auth.js v5, `latest` v4. */
function nextAuthMajor(project: Project): number | undefined {
  const pkg = project.packageJson;
  const range = pkg?.dependencies?.['next-auth'] ?? pkg?.devDependencies?.['next-auth'];
  if (range === undefined) return undefined;
  if (/beta/.test(range)) return 5;
  return Number(/\d+/.exec(range)?.[0] ?? 4);
}

/** The client-side sign-out both NextAuth versions export. */
const nextAuthSignOut = { modules: ['next-auth/react'], name: 'signOut' };

export const adapters: Record<string, AuthAdapter> = {
  authjs: { label: 'Auth.js v5 (next-auth@5): auth()', detect: (project) => nextAuthMajor(project) === 5, signOut: nextAuthSignOut },
  'next-auth-v4': { label: 'NextAuth.js v4: getServerSession()', detect: (project) => nextAuthMajor(project) === 4, signOut: nextAuthSignOut },
  'iron-session': { label: 'iron-session: getIronSession()', detect: (project) => project.dependsOn('iron-session') },
  clerk: {
    label: 'Clerk (@clerk/nextjs): the verified session token',
    detect: (project) => project.dependsOn('@clerk/nextjs'),
    signOut: { modules: ['@clerk/nextjs'], name: 'signOut', from: ['useClerk', 'useAuth'] },
  },
  supabase: {
    label: 'Supabase (@supabase/ssr): supabase.auth.getClaims()',
    // @supabase/ssr, not supabase-js alone: only it keeps the session in cookies a server can read.
    detect: (project) => project.dependsOn('@supabase/ssr'),
    signOut: { modules: [], name: 'signOut', member: 'signOut' },
  },
  'better-auth': {
    label: 'Better Auth: auth.api.getSession()',
    detect: (project) => project.dependsOn('better-auth'),
    signOut: {
      modules: ['better-auth/react', 'better-auth/client', 'better-auth/vue', 'better-auth/svelte', 'better-auth/solid'],
      name: 'signOut',
      from: ['createAuthClient'],
    },
  },
};

/** Per adapter: the name its user module imports from the app's own code, and where that module usually is. */
const appExports: Record<string, { name: string; usual: string }> = {
  authjs: { name: 'auth', usual: 'auth' },
  'next-auth-v4': { name: 'authOptions', usual: 'lib/auth' },
  'iron-session': { name: 'sessionOptions', usual: 'lib/session' },
  'better-auth': { name: 'auth', usual: 'lib/auth' },
};

/** Whether the app's middleware (Next 16 calls it proxy) runs clerkMiddleware(), without which Clerk's auth() throws. */
function runsClerkMiddleware(project: Project, src: string): boolean {
  return proxyFiles(src).some((file) => {
    const text = project.read(file);
    const ast = text === undefined ? undefined : parseModule(text, file);
    return ast !== undefined && bindingsOf(ast, (source) => source === '@clerk/nextjs/server').some((b) => b.imported === 'clerkMiddleware');
  });
}

/** `file:line` of each `<SignOutButton>` from Clerk: a component, so the Messenger's logout goes in its child's onClick. */
function clerkSignOutButtons(project: Project): string[] {
  return appModules(project)
    .filter((file) => file.text.includes('SignOutButton'))
    .flatMap((file) => {
      const ast = parseModule(file.text, file.path);
      if (!ast) return [];
      const names = bindingsOf(ast, (source) => source === '@clerk/nextjs')
        .filter((b) => b.imported === 'SignOutButton')
        .map((b) => b.name);
      return elementsNamed(ast, names).map(([element]) => `${file.path}:${element.loc?.start.line ?? 0}`);
    });
}

/** The publishable-key variable the app's code (not the generated module) already reads: older projects name it ANON_KEY. */
function supabaseKeyVar(project: Project, userModule: string): string {
  const reads = (name: string) => appModules(project).some((file) => file.path !== userModule && file.text.includes(name));
  return !reads('NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY') && reads('NEXT_PUBLIC_SUPABASE_ANON_KEY')
    ? 'NEXT_PUBLIC_SUPABASE_ANON_KEY'
    : 'NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY';
}

/** The names a module exports: `export const x`, `export const { a, b } = f()`, `export function x`, `export { x as y }`. */
function exportedNames(ast: t.File): string[] {
  const names: string[] = [];
  const fromPattern = (node: t.LVal | t.PatternLike | t.Node): void => {
    if (node.type === 'Identifier') names.push(node.name);
    else if (node.type === 'ObjectPattern') for (const p of node.properties) fromPattern(p.type === 'RestElement' ? p.argument : p.value);
    else if (node.type === 'ArrayPattern') for (const e of node.elements) if (e) fromPattern(e);
  };
  for (const statement of ast.program.body) {
    if (statement.type !== 'ExportNamedDeclaration') continue;
    const declaration = statement.declaration;
    if (declaration?.type === 'VariableDeclaration') for (const d of declaration.declarations) fromPattern(d.id);
    else if (declaration && 'id' in declaration && declaration.id?.type === 'Identifier') names.push(declaration.id.name);
    for (const s of statement.specifiers) if (s.type === 'ExportSpecifier') names.push(s.exported.type === 'Identifier' ? s.exported.name : s.exported.value);
  }
  return names;
}

/**
 * The app's module that exports `name` (Auth.js's `auth`, NextAuth v4's `authOptions`, the iron-session
 * options), found by syntax tree; App Router routes, pages and layouts are left out: Next forbids extra exports there.
 */
function moduleExporting(project: Project, name: string): string | undefined {
  const candidates = appModules(project)
    .filter((file) => !/^(src\/)?app\/(.*\/)?(route|page|layout)\.[jt]sx?$/.test(file.path))
    .filter((file) => file.text.includes(name))
    .filter((file) => {
      const ast = parseModule(file.text, file.path);
      return ast !== undefined && exportedNames(ast).includes(name);
    })
    .map((file) => file.path);
  // The shallowest wins: auth.ts before lib/legacy/auth.ts.
  return candidates.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0];
}

/**
 * The route as a file path, or why Next cannot serve it there: an App Router folder starting with `_`
 * is private (not routed), a trailing slash is redirected away, and a Pages Router API route lives
 * under pages/api/ in a file whose name holds no dot and is not `index`.
 */
function routeProblem(route: string, router: Router): string | undefined {
  const segments = route.split('/').slice(1);
  if (segments.some((segment) => segment === ''))
    return `--route ${route}: Next.js redirects a path with an empty segment or a trailing slash; use ${route.replace(/\/+/g, '/').replace(/\/$/, '') || '/api/intercom-jwt'}`;
  const underscored = segments.find((segment) => segment.startsWith('_'));
  if (underscored)
    return `--route ${route}: Next.js does not route a folder or file whose name starts with "_" (${underscored}); pick a path without one, e.g. /api/intercom-jwt`;
  if (router === 'pages') {
    const last = segments.at(-1)!;
    if (segments[0] !== 'api' || segments.length < 2)
      return `--route ${route}: Pages Router API routes live under /api/; use e.g. /api/intercom-jwt (or --router app)`;
    if (last.includes('.') || last === 'index')
      return `--route ${route}: the last segment becomes pages${route}.ts, which Next.js would not serve at that path; use a name without "." that is not "index"`;
  }
  return undefined;
}

interface NextOwn {
  router: Router;
  auth: string;
}

export const next = defineBackend({
  label: 'Next.js (route handler)',
  detect: (project) => project.dependsOn('next'),
  options: (projectOf) => [
    // Not asked: the folders decide, and `intercom` asks the Next.js frontend's --router once for both halves.
    { ...routerOption(projectOf), flagOnly: true },
    authOption(adapters, projectOf),
  ],
  context: (project, answers: BackendAnswers & NextOwn) => {
    const { router, auth } = answers;
    const problem = routeProblem(answers.route, router);
    if (problem) throw new InputError([problem, 'Nothing was written.']);
    const typescript = project.typescript;
    const ext = typescript ? 'ts' : 'js';
    // Next's own convention: with src/app or src/pages, everything else lives under src/ too.
    const src = project.has('src/app') || project.has('src/pages') ? 'src/' : '';
    const appRouter = router === 'app';
    const routeFile = appRouter ? `app${answers.route}/route` : `pages${answers.route}`;
    const endpointFile = `${src}${routeFile}.${ext}`;
    const userModule = `${src}lib/intercom-user.${ext}`;
    if (appRouter && project.findFile(['tsx', 'jsx', 'ts', 'js'].map((e) => `${src}app${answers.route}/page.${e}`))) {
      throw new InputError([
        `--route ${answers.route}: ${src}app${answers.route}/ already holds a page, and Next.js refuses a page and a route handler in one folder; pick another --route. Nothing was written.`,
      ]);
    }
    const own = appExports[auth] as (typeof appExports)[string] | undefined;
    const found = own ? moduleExporting(project, own.name) : undefined;
    const adapter = adapters[auth];
    return {
      typescript,
      ext,
      src,
      routeFile,
      appRouter,
      endpointFile,
      userModule,
      userImport: relativeImport(endpointFile, userModule.replace(/\.[jt]s$/, '')),
      auth,
      adapter: { [auth.replace(/-/g, '_')]: true } as Record<string, boolean>,
      // Pages Router: the libraries that may write a cookie (a renewed session) need the response.
      userNeedsRes: !appRouter && ['authjs', 'next-auth-v4', 'iron-session', 'supabase'].includes(auth),
      readsCookies: auth === 'iron-session' || auth === 'supabase',
      nextAuth: auth === 'authjs' || auth === 'next-auth-v4',
      authLabel: adapter?.label ?? 'none: a function for you to fill in',
      appModule: own && { name: own.name, file: found, specifier: relativeImport(userModule, (found ?? `${src}${own.usual}`).replace(/\.[cm]?[jt]sx?$/, '')) },
      signOuts: adapter?.signOut ? signOutSites(project, adapter.signOut) : [],
      otherAuths: detectAuth(adapters, project).filter((id) => id !== auth),
      clerkMiddlewareMissing: auth === 'clerk' && !runsClerkMiddleware(project, src),
      signOutButtons: auth === 'clerk' ? clerkSignOutButtons(project) : [],
      supabaseKeyVar: auth === 'supabase' ? supabaseKeyVar(project, userModule) : undefined,
      userRerun: `npx plop intercom-backend -- --framework next --router ${router} --auth ${auth}`,
      claimSyntax: { quote: '', separator: ': ', trailingComma: true, spread: '...' },
      claimExprs: { user_id: 'String(user.id)', email: 'user.email', name: 'user.name', iat: 'now', exp: 'now + TOKEN_TTL_SECONDS' },
      readAttribute: (name: string) => `user.${name}`,
      attributesReader: { fn: 'signedAttributes', user: 'user' },
    } as const;
  },
  dependencies: (data) => [
    { ecosystem: 'npm', name: 'jsonwebtoken', version: '^9.0.2' },
    ...(data.typescript ? [{ ecosystem: 'npm' as const, name: '@types/jsonwebtoken', version: '^9.0.6', dev: true }] : []),
  ],
  installCommand: (project, data) =>
    [project.addCommand(['jsonwebtoken']), data.typescript ? project.addCommand(['@types/jsonwebtoken'], true) : ''].filter(Boolean).join(' && '),
  // File-system routing: the route file is the wiring.
  csp: {
    merge: (plan, _project, data) => mergeNextCsp(plan, data.region, data.src),
    where:
      "Next.js: send them in a Content-Security-Policy header from next.config's headers() ({ source: '/(.*)', headers: [{ key: 'Content-Security-Policy', value: … }] }), or from proxy.ts (middleware.ts before Next 16) with a nonce, as Next's CSP guide does, each directive beside your own sources",
  },
  wiring: (data) => [
    `${data.endpointFile} answers GET ${data.route} itself (Next.js routes by file path): nothing to register.`,
    data.auth === CUSTOM_AUTH
      ? `Fill in signedInUser() in ${data.userModule}: it returns null until you do, so ${data.route} answers 401 and never signs a token.`
      : `${data.userModule}: signedInUser() reads the signed-in user with ${data.authLabel}.`,
    ...(data.appModule?.file
      ? [`It imports ${data.appModule.name} from ${data.appModule.file}.`]
      : data.appModule
        ? [`No module of yours exports ${data.appModule.name}: export it, or fix the marked import in ${data.userModule}.`]
        : []),
    ...(data.nextAuth
      ? ['The session must carry the user id: in your NextAuth callbacks, session({ session, token }) { session.user.id = token.sub; return session; }.']
      : []),
    ...(data.auth === 'clerk'
      ? [
          'Clerk puts no email or name in its session token: add them under Sessions → Customize session token, with any attributes under metadata: {"email": "{{user.primary_email_address}}", "name": "{{user.full_name}}", "metadata": "{{user.public_metadata}}"}. They are read from the verified token, not with currentUser(), which calls Clerk\'s API on every request.',
          ...(data.clerkMiddlewareMissing
            ? [
                `No ${data.src}proxy.ts or ${data.src}middleware.ts of yours runs clerkMiddleware(), and Clerk's auth() throws without it: add one (export default clerkMiddleware(), with the matcher from Clerk's quickstart, which includes /api).`,
              ]
            : []),
        ]
      : []),
    ...(data.supabaseKeyVar
      ? [
          `It reads NEXT_PUBLIC_SUPABASE_URL and ${data.supabaseKeyVar}, as your Supabase clients do; signed attributes come from the token's app_metadata, which only your server can write (never user_metadata, which the user can).`,
        ]
      : []),
    ...(data.otherAuths.length
      ? [`The project also uses ${data.otherAuths.join(', ')}: signedInUser() reads ${data.auth}; pass --auth ${data.otherAuths[0]} for the other.`]
      : []),
    ...data.signOuts.map((site) => `Before signOut() at ${site}: await intercom.logout(); (from the Intercom frontend component)`),
    // SignOutButton awaits its child's onClick before it signs out.
    ...data.signOutButtons.map((site) => `<SignOutButton> at ${site}: give its child onClick={() => intercom.logout()}, which Clerk awaits before signing out`),
  ],
});
