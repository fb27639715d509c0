import { authOption, componentSignOutSites, CUSTOM_AUTH, signOutSites, type AuthAdapter, type SignOut } from '../../auth.js';
import type { Project } from '../../project.js';
import { find, parseModule, type t } from '../../syntax/javascript.js';
import { defineBackend, type BackendAnswers } from '../types.js';

const HOOKS = ['src/hooks.server.ts', 'src/hooks.server.js'];

/** Whether the server hooks assign `….locals.user` (Lucia's and SvelteKit's own tutorials' convention). */
function hooksSetLocalsUser(project: Project): boolean {
  return HOOKS.some((file) => {
    const text = project.read(file);
    const ast = text === undefined ? undefined : parseModule(text, file);
    if (!ast) return false;
    const isLocalsUser = (node: t.Node) =>
      node.type === 'MemberExpression' &&
      node.property.type === 'Identifier' &&
      node.property.name === 'user' &&
      ((node.object.type === 'MemberExpression' && node.object.property.type === 'Identifier' && node.object.property.name === 'locals') ||
        (node.object.type === 'Identifier' && node.object.name === 'locals'));
    return find(ast, (n): n is t.AssignmentExpression => n.type === 'AssignmentExpression' && isLocalsUser(n.left)).length > 0;
  });
}

/** Auth.js's client-side sign-out for SvelteKit. */
const AUTHJS_SIGN_OUT: SignOut = { modules: ['@auth/sveltekit/client'], name: 'signOut' };

/** Where the page finds the Messenger: the SvelteKit frontend's IntercomMessenger.svelte exports it from its module script. */
const FROM_FRONTEND = "(import { intercom } from '$lib/IntercomMessenger.svelte')";

/** Where the app signs out with Auth.js, in modules and components, each with the Messenger logout to add before it. */
function authjsSignOuts(project: Project): string[] {
  const components = componentSignOutSites(project, AUTHJS_SIGN_OUT);
  const calls = [...signOutSites(project, AUTHJS_SIGN_OUT).map((at) => ({ at, name: 'signOut' })), ...(components ?? []).filter((c) => !c.handler)];
  const handlers = (components ?? []).filter((c) => c.handler);
  return [
    ...calls.map((c) => `Before ${c.name}() at ${c.at}: intercom.logout(); ${FROM_FRONTEND}`),
    ...handlers.map((c) => `The event handler at ${c.at} is ${c.name} itself: make it () => { intercom.logout(); ${c.name}(); } ${FROM_FRONTEND}`),
    ...(components
      ? []
      : ['Your .svelte files were not searched for signOut(): svelte/compiler could not be loaded from the app. Run npm install, then this generator again.']),
  ];
}

/** Who is signed in, in a SvelteKit app: what the server hooks put on `event.locals`. */
const adapters = {
  locals: {
    label: 'event.locals.user, set by src/hooks.server',
    detect: hooksSetLocalsUser,
    // An app that copies Auth.js's session into locals.user chose that shape itself.
    before: ['authjs'],
  },
  authjs: {
    label: 'Auth.js (@auth/sveltekit)',
    detect: (project) => project.dependsOn('@auth/sveltekit'),
    signOut: AUTHJS_SIGN_OUT,
  },
} satisfies Record<string, AuthAdapter>;

type Auth = keyof typeof adapters | typeof CUSTOM_AUTH;

export const sveltekit = defineBackend({
  label: 'SvelteKit',
  detect: (project) => project.dependsOn('@sveltejs/kit'),
  // A SvelteKit app with a custom Express server still answers its routes with SvelteKit.
  before: ['express'],
  options: (projectOf) => [authOption(adapters, projectOf)],
  context: (project, answers: BackendAnswers & { auth: Auth }) => {
    const typescript = project.typescript;
    const ext = typescript ? 'ts' : 'js';
    // File-system routing: the folder is the route.
    const routeDir = `src/routes/${answers.route.split('/').filter(Boolean).join('/')}/`;
    return {
      typescript,
      ext,
      routeDir,
      authjs: answers.auth === 'authjs',
      locals: answers.auth === 'locals',
      endpointFile: `${routeDir}+server.${ext}`,
      claimSyntax: { quote: '', separator: ': ', trailingComma: true, spread: '...' },
      claimExprs: { user_id: 'String(user.id)', email: 'user.email', name: 'user.name', iat: 'now', exp: 'now + TOKEN_TTL_SECONDS' },
      readAttribute: (name: string) => `user.${name}`,
      attributesReader: { fn: 'signedAttributes', user: 'user' },
    };
  },
  dependencies: () => [{ ecosystem: 'npm', name: 'jose', version: '^6.2.19' }],
  installCommand: (project) => project.addCommand(['jose']),
  authNotes: (project, data) => (data.auth === 'authjs' ? authjsSignOuts(project) : []),
  wiring: (data) => [
    `SvelteKit serves ${data.endpointFile} at ${data.route} by its file-system routing: nothing to import.`,
    ...(data.auth === 'locals'
      ? ['The signed-in user is event.locals.user: set it in the handle hook of src/hooks.server (with id, email and name).']
      : data.auth === 'authjs'
        ? [
            "The signed-in user is Auth.js's session user (await event.locals.auth()). Auth.js leaves the id out of the session: add",
            '  callbacks: { session: ({ session, token }) => ({ ...session, user: { ...session.user, id: token.sub } }) }',
            'to SvelteKitAuth({ … }) (with a database session: user.id), or the endpoint answers 401.',
          ]
        : [
            `Fill in signedInUser() in ${data.endpointFile}: return the signed-in user from your session.`,
            'Until you do, the endpoint answers 401 and never signs.',
          ]),
  ],
});
