import path from 'node:path';
import type { Project } from '../project.js';
import { addImport, importStyle } from '../steps/anchors.js';
import type { FrontendTarget } from './types.js';

/** Where create-vite (main) and Create React App (index) put the root; the one calling createRoot( wins. */
const ENTRIES = ['main', 'index'].flatMap((name) => ['tsx', 'jsx', 'ts', 'js'].flatMap((ext) => [`src/${name}.${ext}`, `${name}.${ext}`]));
/** react-router's component routers; a data router (RouterProvider) leaves no anchor in the entry. */
const ROUTERS = ['BrowserRouter', 'HashRouter', 'MemoryRouter'];
const APP_ELEMENT = /<App(?:\s[^<>]*?)?\s*\/>/g;

const relativeImport = (from: string, to: string) => {
  const relative = path.posix.relative(path.posix.dirname(from), to);
  return relative.startsWith('.') ? relative : `./${relative}`;
};

/** The argument of the root's .render( call after createRoot(, as [start, end) offsets. */
function renderArgument(text: string): [number, number] | undefined {
  const root = text.search(/\bcreateRoot\(/);
  if (root === -1) return undefined;
  const render = /\.render\(/g;
  render.lastIndex = root;
  const match = render.exec(text);
  if (!match) return undefined;
  const start = match.index + match[0].length;
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return [start, i];
  }
  return undefined;
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/**
 * `<App />` wrapped in `<IntercomProvider>`, on lines of their own when `<App />` has its own line
 * (indented one step deeper, as the file indents), else inline. Undefined without a safe anchor:
 * no single `<App />` in the render call, a RouterProvider, or (with a router library) an `<App />`
 * that is not inside a component router rendered right there.
 */
function wrapApp(text: string, routed: boolean): string | undefined {
  const call = renderArgument(text);
  if (!call) return undefined;
  const [start, end] = call;
  const body = text.slice(start, end);
  if (/\bRouterProvider\b/.test(body)) return undefined;
  const apps = [...body.matchAll(APP_ELEMENT)];
  if (apps.length !== 1) return undefined;
  const element = apps[0][0];
  const at = start + apps[0].index!;
  if (routed) {
    const before = text.slice(start, at);
    const after = text.slice(at + element.length, end);
    const inside = ROUTERS.some(
      (name) => count(before, new RegExp(`<${name}\\b[^<>]*[^/]>|<${name}>`, 'g')) > count(before, new RegExp(`</${name}>`, 'g')) && after.includes(`</${name}>`),
    );
    if (!inside) return undefined;
  }
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const newline = text.indexOf('\n', at);
  const lineEnd = newline === -1 ? text.length : newline;
  const line = text.slice(lineStart, lineEnd);
  const ownLine = new RegExp(`^[ \\t]*${element.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(,?)[ \\t]*$`).exec(line);
  if (!ownLine) return `${text.slice(0, at)}<IntercomProvider>${element}</IntercomProvider>${text.slice(at + element.length)}`;
  const indent = /^[ \t]*/.exec(line)![0];
  const previous = text.slice(0, lineStart).split('\n').reverse().find((l) => l.trim() !== '') ?? '';
  const outer = /^[ \t]*/.exec(previous)![0];
  const step = indent.length > outer.length && indent.startsWith(outer) ? indent.slice(outer.length) : indent.includes('\t') ? '\t' : '  ';
  const wrapped = [`${indent}<IntercomProvider>`, `${indent}${step}${element}`, `${indent}</IntercomProvider>${ownLine[1]}`].join('\n');
  return `${text.slice(0, lineStart)}${wrapped}${text.slice(lineEnd)}`;
}

export const react: FrontendTarget = {
  label: 'React',
  detect: (project) => project.dependsOn('react') && !project.dependsOn('next'),
  context: (project: Project) => {
    const typescript = project.typescript;
    const routerModule = ['react-router-dom', 'react-router'].find((name) => project.dependsOn(name));
    const dir = project.has('src') ? 'src/intercom' : 'intercom';
    const entry = project.findFile(ENTRIES, /\bcreateRoot\(/);
    const shownEntry = entry ?? `${project.has('src') ? 'src/' : ''}main.${typescript ? 'tsx' : 'jsx'}`;
    return {
      typescript,
      ext: typescript ? 'ts' : 'js',
      jsx: typescript ? 'tsx' : 'jsx',
      routerModule,
      dir,
      entry,
      shownEntry,
      dataRouter: /\bRouterProvider\b|\bcreate(Browser|Hash|Memory)Router\(/.test((entry && project.read(entry)) ?? ''),
      providerImport: relativeImport(shownEntry, `${dir}/IntercomProvider`),
    };
  },
  core: (data) => `${data.dir}/messenger.${data.ext}`,
  // The hook has a file of its own: Fast Refresh (and its lint rule) wants component files to export only components.
  files: (data) => [
    { template: 'frontend/react/intercom/IntercomProvider.[jsx].hbs', to: `${data.dir}/IntercomProvider.${data.jsx}` },
    { template: 'frontend/react/intercom/useIntercom.[ext].hbs', to: `${data.dir}/useIntercom.${data.ext}` },
  ],
  wire(plan, _project, data) {
    const file = data.entry as string | undefined;
    if (!file) return undefined;
    const text = plan.read(file)!;
    if (/<IntercomProvider\b/.test(text)) return { file, note: `${file} already renders <IntercomProvider>` };
    const wrapped = wrapApp(text, Boolean(data.routerModule));
    if (wrapped === undefined) return undefined;
    const { quote: q, semicolon } = importStyle(text);
    const importLine = `import { IntercomProvider } from ${q}${data.providerImport}${q}${semicolon ? ';' : ''}`;
    const edited = /\bimport\s*\{[^}]*\bIntercomProvider\b/.test(wrapped) ? wrapped : addImport(wrapped, importLine, 'js');
    plan.edit(file, () => edited);
    return { file, note: `${file}: imports IntercomProvider and renders <App /> inside it${data.routerModule ? ', within the router' : ''}` };
  },
  wiring: (data) => {
    const importLine = `import { IntercomProvider } from '${data.providerImport}';`;
    const reason = `it reads ${data.routerModule}'s useLocation(), so it must render inside the router`;
    return [
      data.dataRouter
        ? `In ${data.shownEntry}, where createBrowserRouter lists the routes: ${importLine} then wrap the root route's element in it, e.g. { path: '/', element: <IntercomProvider><Root /></IntercomProvider>, children: [...] } (${reason}).`
        : data.routerModule
          ? `In the file that renders your <BrowserRouter> (${data.shownEntry} or App): ${importLine} (path relative to ${data.shownEntry}) then render it inside the router, around everything else: <BrowserRouter><IntercomProvider>...</IntercomProvider></BrowserRouter>; with createBrowserRouter, in the root route's element instead (${reason}).`
          : `In ${data.shownEntry}: ${importLine} then wrap the root element: <IntercomProvider><App /></IntercomProvider>.`,
    ];
  },
  usage: () => [
    `In a component: import { useIntercom } from './intercom/useIntercom'; const { login, logout } = useIntercom(); call login() after sign-in and logout() before you clear the session.`,
  ],
};
