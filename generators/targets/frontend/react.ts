import path from 'node:path';
import type { Project } from '../../project.js';
import {
  bindingsOf,
  calleeName,
  elementsNamed,
  endsWithSemicolon,
  find,
  importAfter,
  importStatements,
  isCall,
  meaningfulChildren,
  parseModule,
  pointsAt,
  quoteOf,
  type Insertion,
  type t,
  usesSemicolons,
  wireModule,
  wrapRange,
  relativeImport,
} from '../../syntax/javascript.js';
import { defineFrontend } from '../types.js';

/** Where create-vite (main) and Create React App (index) put the root; the one calling createRoot( wins. */
const ENTRIES = ['main', 'index'].flatMap((name) => ['tsx', 'jsx', 'ts', 'js'].flatMap((ext) => [`src/${name}.${ext}`, `${name}.${ext}`]));
const ROUTER_MODULES = ['react-router-dom', 'react-router'];
/** react-router's component routers, and its data routers' factories. */
const ROUTERS = ['BrowserRouter', 'HashRouter', 'MemoryRouter'];
const DATA_ROUTERS = ['createBrowserRouter', 'createHashRouter', 'createMemoryRouter'];

/** The JSX the entry renders: `createRoot(…).render(x)`, `root.render(x)`, `ReactDOM.render(x, …)` (React 17), `hydrateRoot(…, x)`. */
function renderedJsx(ast: t.File): t.Node | undefined {
  const roots = new Set(
    find(ast, (n): n is t.VariableDeclarator => n.type === 'VariableDeclarator' && isCall(n.init) && calleeName(n.init) === 'createRoot').flatMap(([d]) =>
      d.id.type === 'Identifier' ? [d.id.name] : [],
    ),
  );
  const reactDom = new Set(bindingsOf(ast, (source) => source === 'react-dom').map((b) => b.name));
  const rendered = find(ast, isCall).flatMap(([call]) => {
    const name = calleeName(call);
    const callee = call.callee;
    if (name === 'hydrateRoot') return [call.arguments[1]];
    if (name !== 'render') return [];
    if (callee.type === 'Identifier') return reactDom.has(callee.name) ? [call.arguments[0]] : [];
    if (callee.type !== 'MemberExpression') return [];
    const object = callee.object;
    const fromRoot =
      (isCall(object) && calleeName(object) === 'createRoot') || (object.type === 'Identifier' && (roots.has(object.name) || reactDom.has(object.name)));
    return fromRoot ? [call.arguments[0]] : [];
  });
  return rendered.length === 1 && rendered[0] ? rendered[0] : undefined;
}

const OPEN = '<IntercomMessenger>';
const CLOSE = '</IntercomMessenger>';

/** The element wrapped in <IntercomMessenger>, in the file's layout. */
const wrapElement = (ast: t.File, text: string, element: t.Node, ancestors: t.Node[]) =>
  wrapRange(
    ast,
    text,
    element.start!,
    element.end!,
    OPEN,
    CLOSE,
    [...ancestors].reverse().find((a) => a.type === 'JSXElement' || a.type === 'JSXFragment' || a.type === 'CallExpression' || a.type === 'ObjectProperty') ??
      element,
  );

/**
 * Where <IntercomMessenger> goes in a file of a react-router app (it reads useLocation(), so it
 * must render inside the router): around the children of the one component router (<BrowserRouter>…),
 * else around the element of the one root route given to createBrowserRouter([…]).
 */
function insideRouter(ast: t.File, text: string): Insertion[] | undefined {
  const routerNames = bindingsOf(ast, (source) => ROUTER_MODULES.includes(source));
  const components = routerNames.filter((b) => ROUTERS.includes(b.imported ?? '')).map((b) => b.name);
  const routers = elementsNamed(ast, components);
  if (routers.length > 1) return undefined;
  if (routers.length === 1) {
    const [router] = routers[0];
    const inside = meaningfulChildren(router);
    if (!inside.length) return undefined;
    return wrapRange(ast, text, inside[0].start!, inside.at(-1)!.end!, OPEN, CLOSE, router);
  }
  const factories = routerNames.filter((b) => DATA_ROUTERS.includes(b.imported ?? '')).map((b) => b.name);
  const created = find(ast, (n): n is t.CallExpression => isCall(n) && n.callee.type === 'Identifier' && factories.includes(n.callee.name));
  if (created.length !== 1) return undefined;
  const [routes] = created[0][0].arguments;
  if (routes?.type !== 'ArrayExpression' || routes.elements.length !== 1 || routes.elements[0]?.type !== 'ObjectExpression') return undefined;
  const element = routes.elements[0].properties.find(
    (p): p is t.ObjectProperty => p.type === 'ObjectProperty' && !p.computed && p.key.type === 'Identifier' && p.key.name === 'element',
  );
  if (!element || (element.value.type !== 'JSXElement' && element.value.type !== 'JSXFragment')) return undefined;
  return wrapElement(ast, text, element.value, [element]);
}

/** Without a router library: the root component's one element in the rendered JSX, wrapped. */
function wrapRoot(ast: t.File, text: string, name: string): Insertion[] | undefined {
  const rendered = renderedJsx(ast);
  const apps = rendered ? elementsNamed(rendered, [name]) : [];
  return apps.length === 1 ? wrapElement(ast, text, apps[0][0], apps[0][1]) : undefined;
}

/** Wired: IntercomMessenger is imported from the generated file and rendered. */
const rendersMessenger = (ast: t.File) =>
  bindingsOf(ast, (source) => pointsAt(source, 'IntercomMessenger')).some((b) => b.name === 'IntercomMessenger') &&
  elementsNamed(ast, ['IntercomMessenger']).length > 0;

/** The IntercomMessenger import added to the file's imports, in their style (unless it is there). */
function addMessengerImport(ast: t.File, text: string, from: string): Insertion[] {
  if (bindingsOf(ast, (source) => pointsAt(source, 'IntercomMessenger')).some((b) => b.name === 'IntercomMessenger')) return [];
  const imports = importStatements(ast);
  const q = quoteOf(ast, text);
  const last = imports.at(-1);
  const semicolon = (last ? endsWithSemicolon(text, last) : usesSemicolons(ast, text)) ? ';' : '';
  return [importAfter(ast, text, imports, `import { IntercomMessenger } from ${q}${from}${q}${semicolon}`)];
}

/** The component the entry renders as its root, imported from a file of the project (`./App`). */
function rootComponent(ast: t.File, project: Project, entry: string): { name: string; file?: string } {
  const app = bindingsOf(ast, (source) => source.startsWith('.') && pointsAt(source, 'App')).find((b) => b.imported === 'default');
  if (!app || app.statement.type !== 'ImportDeclaration') return { name: 'App' };
  const base = path.posix.join(path.posix.dirname(entry), app.statement.source.value);
  const file = project.findFile([base, ...['tsx', 'jsx', 'ts', 'js'].map((ext) => `${base.replace(/\.[jt]sx?$/, '')}.${ext}`)]);
  return { name: app.name, file };
}

export const react = defineFrontend({
  label: 'React',
  detect: (project) => project.dependsOn('react'),
  context: (project: Project) => {
    const typescript = project.typescript;
    const routerModule = ['react-router-dom', 'react-router'].find((name) => project.dependsOn(name));
    const dir = project.has('src') ? 'src/intercom' : 'intercom';
    const entry = ENTRIES.find((file) => {
      const text = project.read(file);
      const ast = text === undefined ? undefined : parseModule(text, file);
      return ast !== undefined && renderedJsx(ast) !== undefined;
    });
    const entryAst = entry === undefined ? undefined : parseModule(project.read(entry)!, entry);
    const shownEntry = entry ?? `${project.has('src') ? 'src/' : ''}main.${typescript ? 'tsx' : 'jsx'}`;
    return {
      typescript,
      ext: typescript ? 'ts' : 'js',
      jsx: typescript ? 'tsx' : 'jsx',
      routerModule,
      dir,
      entry,
      shownEntry,
      dataRouter:
        entryAst !== undefined &&
        bindingsOf(entryAst, (source) => ROUTER_MODULES.includes(source)).some((b) => [...DATA_ROUTERS, 'RouterProvider'].includes(b.imported ?? '')),
      messengerImport: relativeImport(shownEntry, `${dir}/IntercomMessenger`),
    };
  },
  // `intercom` has a file of its own (the folder's index): Fast Refresh (and its lint rule) wants component files to export only components.
  corePath: (data) => `${data.dir}/messenger.${data.ext}`,
  wire(plan, project, data) {
    const entry = data.entry;
    if (!entry) return undefined;
    const text = plan.read(entry)!;
    const ast = parseModule(text, entry)!;
    const routed = Boolean(data.routerModule);
    const root = rootComponent(ast, project, entry);
    const messengerFrom = (file: string) => relativeImport(file, `${data.dir}/IntercomMessenger`);
    // With react-router, the router may be in the root component's file (App) rather than the entry.
    const files = routed && root.file ? [entry, root.file] : [entry];
    for (const file of files) {
      const source = plan.read(file)!;
      const result = wireModule(file, source, rendersMessenger, (tree) => {
        const placed = routed ? insideRouter(tree, source) : wrapRoot(tree, source, root.name);
        return placed && [...placed, ...addMessengerImport(tree, source, messengerFrom(file))];
      });
      if (result === 'already') return { file, note: `${file} already renders <IntercomMessenger>` };
      if (result === undefined) continue;
      plan.edit(file, () => result);
      return { file, note: `${file}: imports IntercomMessenger and renders ${routed ? 'it inside the router' : `<${root.name} /> inside it`}` };
    }
    return undefined;
  },
  wiring: (data) => {
    const importLine = `import { IntercomMessenger } from '${data.messengerImport}';`;
    const reason = `it reads ${data.routerModule}'s useLocation(), so it must render inside the router`;
    return [
      data.dataRouter
        ? `In ${data.shownEntry}, where createBrowserRouter lists the routes: ${importLine} then wrap the root route's element in it, e.g. { path: '/', element: <IntercomMessenger><Root /></IntercomMessenger>, children: [...] } (${reason}).`
        : data.routerModule
          ? `In the file that renders your <BrowserRouter> (${data.shownEntry} or App): ${importLine} (path relative to ${data.shownEntry}) then render it inside the router, around everything else: <BrowserRouter><IntercomMessenger>...</IntercomMessenger></BrowserRouter>; with createBrowserRouter, in the root route's element instead (${reason}).`
          : `In ${data.shownEntry}: ${importLine} then wrap the root element: <IntercomMessenger><App /></IntercomMessenger>.`,
    ];
  },
  usage: () => [
    `In a component: import { intercom } from './intercom'; call intercom.login() after sign-in and intercom.logout() before you clear the session.`,
  ],
});
