// "Who is signed in": the auth libraries a backend target knows, each a small adapter behind one
// interface, chosen with --auth and detected from the manifest. A target owns its adapters (see
// authOption); `custom` is a marked function the user fills in, and until then the endpoint
// answers 401 and never signs.
import { oneOf, type Answers, type Option } from './options.js';
import type { Project } from './project.js';
import { bindingsOf, find, isCall, parseModule, type t } from './syntax/javascript.js';

/** The adapter that reads no library: a marked function, answering 401 until it is filled in. */
export const CUSTOM_AUTH = 'custom';

/** Where an app calls its auth library's sign-out: the Messenger must log out just before. */
export interface SignOut {
  /** Module specifiers the function is imported from (`next-auth/react`, `@clerk/nextjs`). */
  modules: readonly string[];
  /** The imported name (`signOut`). */
  name: string;
  /** Also matches `<a>.<b>.<member>(…)`, imported or not: `supabase.auth.signOut()`. */
  member?: string;
}

export interface AuthAdapter {
  label: string;
  /** True when the project uses this library, from its manifest. */
  detect(project: Project): boolean;
  /** Ids of adapters this one wins over when both match (Auth.js v5 over v4). */
  before?: readonly string[];
  signOut?: SignOut;
}

/** The adapters the project's manifest names, less those another match wins over. */
export function detectAuth(adapters: Record<string, AuthAdapter>, project: Project): string[] {
  const found = Object.keys(adapters).filter((id) => adapters[id].detect(project));
  return found.filter((id) => !found.some((other) => adapters[other].before?.includes(id)));
}

/**
 * The `--auth` option of a backend target: its adapters and `custom`; the default is the one
 * library the manifest names, else `custom` (several found: the first, and the summary says so).
 */
export function authOption(adapters: Record<string, AuthAdapter>, projectOf: (answers: Answers) => Project): Option {
  const choices = [...Object.keys(adapters), CUSTOM_AUTH];
  return {
    name: 'auth',
    message: 'How the app knows who is signed in',
    kind: 'list',
    choices,
    default: (answers) => detectAuth(adapters, projectOf(answers))[0] ?? CUSTOM_AUTH,
    validate: oneOf(choices),
  };
}

const SKIPPED = new Set(['node_modules', '.git', '.next', '.nuxt', '.output', '.svelte-kit', 'dist', 'build', 'coverage', 'out', 'public']);

const isModule = (name: string) => /\.[cm]?[jt]sx?$/.test(name);

/** The app's own JavaScript and TypeScript modules, or the files `include` names (declarations, dependencies and build output left out). */
export const appModules = (project: Project, include: (name: string) => boolean = isModule) =>
  project.sourceFiles({ skipDirs: SKIPPED, maxBytes: 512 * 1024, include: (name) => include(name) && !name.endsWith('.d.ts') });

/** `file:line` of every call of the library's sign-out in the project's JavaScript and TypeScript, found by syntax tree. */
export function signOutSites(project: Project, signOut: SignOut): string[] {
  const sites: string[] = [];
  for (const file of appModules(project)) {
    const ast = parseModule(file.text, file.path);
    if (!ast) continue;
    const names = new Set(
      bindingsOf(ast, (source) => signOut.modules.includes(source))
        .filter((b) => b.imported === signOut.name)
        .map((b) => b.name),
    );
    const calls = find(ast, (node): node is t.CallExpression => {
      if (!isCall(node)) return false;
      const callee = node.callee;
      if (callee.type === 'Identifier') return names.has(callee.name);
      if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return false;
      return signOut.member !== undefined && callee.property.name === signOut.member && callee.object.type === 'MemberExpression';
    });
    for (const [call] of calls) sites.push(`${file.path}:${call.loc?.start.line ?? 0}`);
  }
  return sites;
}
