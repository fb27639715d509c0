// "Who is signed in": the auth libraries a backend target knows, each a small adapter behind one
// interface, chosen with --auth and detected from the manifest. A target owns its adapters (see
// authOption); `custom` is a marked function the user fills in, and until then the endpoint
// answers 401 and never signs.
import { oneOf, type Answers, type Option } from './options.js';
import type { Project } from './project.js';
import { bindingsOf, find, isCall, parseModule, type t } from './syntax/javascript.js';
import { parseSvelte, svelteNodes, svelteParser, type SvelteNode } from './syntax/svelte.js';

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
  /**
   * Functions imported from `modules` whose result holds the sign-out (`useClerk()`, `createAuthClient()`):
   * `f().signOut()`, `const { signOut } = f()`, `const c = f(); c.signOut()`, also when another module exports those.
   */
  from?: readonly string[];
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

/** The callee shape both Babel and Svelte's ESTree give. */
interface Callee {
  type: string;
  name?: string;
  object?: Callee;
  property?: Callee;
}

/** Whether a callee is the library's sign-out: a local binding of it, or `<a>.<b>.<member>` (imported or not). */
function isSignOut(callee: Callee, names: ReadonlySet<string>, signOut: SignOut): boolean {
  if (callee.type === 'Identifier') return names.has(callee.name!);
  if (callee.type !== 'MemberExpression' || callee.property?.type !== 'Identifier') return false;
  return signOut.member !== undefined && callee.property.name === signOut.member && callee.object?.type === 'MemberExpression';
}

/** `file:line` of every call of the library's sign-out in the project's JavaScript and TypeScript, found by syntax tree. */
export function signOutSites(project: Project, signOut: SignOut): string[] {
  const files = appModules(project).flatMap((file) => {
    const ast = parseModule(file.text, file.path);
    return ast ? [{ path: file.path, ast, ...holdersOf(ast, signOut) }] : [];
  });
  // What the app's modules export from `from`'s result (`export const authClient = createAuthClient()`), importable anywhere.
  const exported = { functions: new Set(files.flatMap((f) => f.exported.functions)), holders: new Set(files.flatMap((f) => f.exported.holders)) };
  const sites: string[] = [];
  for (const { path, ast, functions, holders, factories } of files) {
    for (const b of bindingsOf(ast, (source) => !signOut.modules.includes(source))) {
      if (exported.functions.has(b.imported ?? '')) functions.add(b.name);
      if (exported.holders.has(b.imported ?? '')) holders.add(b.name);
    }
    // What isSignOut leaves to modules: `holder.signOut()` and `factory().signOut()`.
    const heldSignOut = ({ callee }: t.CallExpression) => {
      if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier' || callee.property.name !== signOut.name) return false;
      const object = callee.object;
      return object.type === 'Identifier'
        ? holders.has(object.name)
        : isCall(object) && object.callee.type === 'Identifier' && factories.has(object.callee.name);
    };
    const calls = find(ast, (node): node is t.CallExpression => isCall(node) && (isSignOut(node.callee, functions, signOut) || heldSignOut(node)));
    for (const [call] of calls) sites.push(`${path}:${call.loc?.start.line ?? 0}`);
  }
  return sites;
}

/** A module's names for the sign-out (`functions`) and for objects holding it (`holders`), and which of them it exports. */
function holdersOf(ast: t.File, signOut: SignOut) {
  const imported = bindingsOf(ast, (source) => signOut.modules.includes(source));
  const functions = new Set(imported.filter((b) => b.imported === signOut.name).map((b) => b.name));
  const factories = new Set(imported.filter((b) => signOut.from?.includes(b.imported ?? '')).map((b) => b.name));
  const holders = new Set<string>();
  const exported = { functions: [] as string[], holders: [] as string[] };
  for (const [declarator, ancestors] of find(ast, (node): node is t.VariableDeclarator => node.type === 'VariableDeclarator')) {
    const init = declarator.init;
    if (!isCall(init) || init.callee.type !== 'Identifier' || !factories.has(init.callee.name)) continue;
    const isExported = ancestors.some((node) => node.type === 'ExportNamedDeclaration');
    if (declarator.id.type === 'Identifier') {
      holders.add(declarator.id.name);
      if (isExported) exported.holders.push(declarator.id.name);
    } else if (declarator.id.type === 'ObjectPattern') {
      for (const property of declarator.id.properties) {
        if (property.type !== 'ObjectProperty' || property.key.type !== 'Identifier' || property.key.name !== signOut.name) continue;
        if (property.value.type !== 'Identifier') continue;
        functions.add(property.value.name);
        if (isExported) exported.functions.push(property.value.name);
      }
    }
  }
  return { functions, factories, holders, exported };
}

/** The app's own Svelte components. */
export const appComponents = (project: Project) =>
  project.sourceFiles({ skipDirs: SKIPPED, maxBytes: 512 * 1024, include: (name) => name.endsWith('.svelte') });

/** A sign-out in a component: a call, or an event handler that is the sign-out function itself (`onclick={signOut}`). */
export interface ComponentSignOut {
  /** `file:line`. */
  at: string;
  handler: boolean;
  /** The name the component imports the sign-out as. */
  name: string;
}

/** The names a component's scripts import the sign-out as (`import { signOut as out } from …`). */
function importedSignOut(nodes: SvelteNode[], signOut: SignOut): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) {
    const source = (node.source as { value?: unknown } | undefined)?.value;
    if (node.type !== 'ImportDeclaration' || typeof source !== 'string' || !signOut.modules.includes(source)) continue;
    for (const spec of node.specifiers as { type: string; imported?: { name?: string; value?: string }; local: { name: string } }[]) {
      if (spec.type === 'ImportSpecifier' && (spec.imported?.name ?? spec.imported?.value) === signOut.name) names.add(spec.local.name);
    }
  }
  return names;
}

/** The expressions an event attribute or directive runs: `onclick={…}` (Svelte 5), `on:click={…}` (legacy syntax, Svelte 4's tree too). */
function handlerExpressions(node: SvelteNode): Callee[] {
  if (node.type === 'OnDirective' || node.type === 'EventHandler') return node.expression ? [node.expression as Callee] : [];
  if (node.type !== 'Attribute' || !String(node.name).startsWith('on')) return [];
  const values = Array.isArray(node.value) ? node.value : [node.value];
  return values.flatMap((value) => ((value as { expression?: Callee } | null)?.expression ? [(value as { expression: Callee }).expression] : []));
}

/**
 * The library's sign-out in the app's .svelte components, parsed by the app's own svelte/compiler:
 * calls in their scripts and markup, and event handlers that are the function itself. Undefined
 * when the app has components but its svelte/compiler cannot be loaded (not installed yet).
 */
export function componentSignOutSites(project: Project, signOut: SignOut): ComponentSignOut[] | undefined {
  const components = appComponents(project);
  if (!components.length) return [];
  const parse = svelteParser(project.root);
  if (!parse) return undefined;
  const sites: ComponentSignOut[] = [];
  for (const file of components) {
    const root = parseSvelte(parse, file.text);
    if (!root) continue;
    const nodes = [...svelteNodes(root)];
    const names = importedSignOut(nodes, signOut);
    const lineOf = (node: SvelteNode) => file.text.slice(0, node.start).split('\n').length;
    const found: { line: number; handler: boolean; name: string }[] = [];
    for (const node of nodes) {
      const callee = node.callee as Callee | undefined;
      if (node.type === 'CallExpression' && isSignOut(callee!, names, signOut))
        found.push({ line: lineOf(node), handler: false, name: callee!.name ?? signOut.member ?? signOut.name });
      const handler = handlerExpressions(node).find((expression) => expression.type === 'Identifier' && names.has(expression.name!));
      if (handler) found.push({ line: lineOf(node), handler: true, name: handler.name! });
    }
    found.sort((a, b) => a.line - b.line);
    sites.push(...found.map(({ line, handler, name }) => ({ at: `${file.path}:${line}`, handler, name })));
  }
  return sites;
}
