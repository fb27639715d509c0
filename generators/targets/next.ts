import type { Project } from '../project.js';
import { addImport, closingBracket, importStyle, lastImportLine, lines } from '../steps/anchors.js';
import type { FrontendTarget } from './types.js';

const routerDirs = { app: ['app', 'src/app'], pages: ['pages', 'src/pages'] } as const;
const uses = (project: Project, router: keyof typeof routerDirs) => routerDirs[router].some((dir) => project.has(dir));

/**
 * Whether `@/components/…` reaches the generated `${src}components/`: the project maps `@/*` to
 * `./*` or `./src/*` (create-next-app's default, without or with src/) in tsconfig or jsconfig.
 */
function hasAtAlias(project: Project, src: string): boolean {
  const config = project.read('tsconfig.json') ?? project.read('jsconfig.json') ?? '';
  const target = /"@\/\*"\s*:\s*\[\s*"([^"]*)\*"/.exec(config)?.[1];
  return target !== undefined && target.replace(/^\.\//, '') === src;
}

/** The root layout (App Router) or the custom App (Pages Router), in the extensions Next accepts for them. */
const entryCandidates = (src: string, appRouter: boolean) => ['tsx', 'jsx', 'js'].map((ext) => `${src}${appRouter ? 'app/layout' : 'pages/_app'}.${ext}`);

const ELEMENT = '<IntercomMessenger />';
const indentOf = (line: string) => /^[ \t]*/.exec(line)![0];

/** One level of the file's indentation: the first indented line's (JSDoc continuation lines aside), else two spaces. */
function indentStep(text: string): string {
  const line = lines(text).find((l) => /^[ \t]+\S/.test(l) && !/^[ \t]+\*/.test(l));
  return line ? indentOf(line) : '  ';
}

/** Index of the `>` that ends the JSX opening tag starting at `start` (skipping {…} and quoted attributes); -1 if malformed. */
function openingTagEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '{') {
      i = closingBracket(text, i);
      if (i === -1) return -1;
    } else if (c === '"' || c === "'") {
      i = text.indexOf(c, i + 1);
      if (i === -1) return -1;
    } else if (c === '>') return i;
    else if (c === '<') return -1;
  }
  return -1;
}

/**
 * App Router: `<IntercomMessenger />` as the first child of the one `<body …>` element. On its own
 * line, one level deeper than `<body>`, when the opening tag ends its line; a one-line
 * `<body …>{children}</body>` is opened up onto lines of its own (as create-next-app writes it);
 * any other shape (`<html><body>…</body></html>` on one line) gets the element right after the
 * opening tag. Undefined when there is not exactly one `<body>` … `</body>`.
 */
function renderInBody(text: string): string | undefined {
  const opens = [...text.matchAll(/<body\b/g)];
  const closes = [...text.matchAll(/<\/body\s*>/g)];
  if (opens.length !== 1 || closes.length !== 1) return undefined;
  const start = opens[0].index!;
  const end = openingTagEnd(text, start);
  if (end === -1 || text[end - 1] === '/') return undefined;
  const close = closes[0].index!;
  const closeEnd = close + closes[0][0].length;
  if (close < end) return undefined;
  const lineStart = text.lastIndexOf('\n', start) + 1;
  const newline = text.indexOf('\n', end);
  const lineEnd = newline === -1 ? text.length : newline;
  const indent = indentOf(text.slice(lineStart));
  const step = indentStep(text);
  const after = text.slice(end + 1, lineEnd);

  if (after.trim() === '') {
    // The children start on the next line: the element goes first, indented like them when they are deeper.
    const next = text.slice(lineEnd + 1).split('\n').find((l) => l.trim() !== '') ?? '';
    const childIndent = indentOf(next).length > indent.length && indentOf(next).startsWith(indent) && !next.trim().startsWith('</body') ? indentOf(next) : indent + step;
    return `${text.slice(0, lineEnd)}\n${childIndent}${ELEMENT}${text.slice(lineEnd)}`;
  }
  const ownLine = text.slice(lineStart, start).trim() === '' && close < lineEnd && text.slice(closeEnd, lineEnd).trim() === '';
  if (ownLine) {
    const content = text.slice(end + 1, close).trim();
    const opened = [text.slice(lineStart, end + 1), `${indent}${step}${ELEMENT}`, ...(content ? [`${indent}${step}${content}`] : []), `${indent}${text.slice(close, closeEnd)}`];
    return `${text.slice(0, lineStart)}${opened.join('\n')}${text.slice(closeEnd)}`;
  }
  return `${text.slice(0, end + 1)}${ELEMENT}${text.slice(end + 1)}`;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Pages Router: `<IntercomMessenger />` rendered just before the one `<Component {...pageProps} />`.
 * Three shapes: `return <Component {...pageProps} />;` (create-next-app) and `return (` around it
 * alone become a fragment; a `<Component … />` alone on its line between JSX siblings or inside a
 * wrapper gets the element on the line before. Anything else (a getLayout call, an arrow's body, …)
 * has no safe anchor.
 */
function renderBesideComponent(text: string): string | undefined {
  const found = [...text.matchAll(/<Component\s+\{\s*\.\.\.pageProps\s*\}\s*\/>/g)];
  if (found.length !== 1) return undefined;
  const element = found[0][0];
  const all = lines(text);
  const at = text.slice(0, found[0].index!).split('\n').length - 1;
  const line = all[at];
  const step = indentStep(text);
  const returned = new RegExp(`^([ \\t]*)return\\s+${escape(element)}[ \\t]*(;?)[ \\t]*$`).exec(line);
  if (returned) {
    const [, indent, semicolon] = returned;
    const inner = indent + step;
    all.splice(at, 1, `${indent}return (`, `${inner}<>`, `${inner}${step}${ELEMENT}`, `${inner}${step}${element}`, `${inner}</>`, `${indent})${semicolon}`);
    return all.join('\n');
  }
  if (!new RegExp(`^[ \\t]*${escape(element)}[ \\t]*$`).test(line)) return undefined;
  const indent = indentOf(line);
  const previous = all.slice(0, at).reverse().find((l) => l.trim() !== '')?.trim() ?? '';
  const next = all.slice(at + 1).find((l) => l.trim() !== '')?.trim() ?? '';
  if (/(^|\breturn\s*|=>\s*)\($/.test(previous) && next.startsWith(')')) {
    all.splice(at, 1, `${indent}<>`, `${indent}${step}${ELEMENT}`, `${indent}${step}${element}`, `${indent}</>`);
    return all.join('\n');
  }
  if (previous.endsWith('>') && !previous.endsWith('=>') && next.startsWith('<')) {
    all.splice(at, 0, `${indent}${ELEMENT}`);
    return all.join('\n');
  }
  return undefined;
}

/**
 * Adds the import after the last import; in a file without imports, at the top (after a leading
 * 'use client' directive) with a blank line before the code.
 */
function withImport(text: string, importLine: string): string {
  if (/\bimport\s*\{[^}]*\bIntercomMessenger\b[^}]*\}\s*from\b/.test(text)) return text;
  if (lastImportLine(text, 'js') !== -1) return addImport(text, importLine, 'js');
  const directive = /^(['"])use (client|strict)\1;?[ \t]*\n(?:[ \t]*\n)?/.exec(text)?.[0] ?? '';
  const blank = directive && !directive.endsWith('\n\n') ? '\n' : '';
  return `${directive}${blank}${importLine}\n\n${text.slice(directive.length)}`;
}

export const next: FrontendTarget = {
  label: 'Next.js',
  // Next apps depend on react too: the React target leaves them to this one.
  detect: (project) => project.dependsOn('next'),
  context: (project, answers) => {
    const typescript = project.typescript;
    const router = answers.router ?? 'app';
    // Next's own convention: with src/app or src/pages, everything else lives under src/ too.
    const src = project.has('src/app') || project.has('src/pages') ? 'src/' : '';
    const jsx = typescript ? 'tsx' : 'js';
    const entry = project.findFile(entryCandidates(src, router === 'app'));
    return {
      typescript,
      ext: typescript ? 'ts' : 'js',
      jsx,
      appRouter: router === 'app',
      src,
      entry,
      shownEntry: entry ?? `${src}${router === 'app' ? 'app/layout' : 'pages/_app'}.${jsx}`,
      importFrom: hasAtAlias(project, src) ? '@/components/intercom-messenger' : '../components/intercom-messenger',
    };
  },
  core: (data) => `${data.src}lib/intercom.${data.ext}`,
  files: (data) => [{ template: 'frontend/next/components/intercom-messenger.[jsx].hbs', to: `${data.src}components/intercom-messenger.${data.jsx}` }],
  check: (project, answers) => {
    const router = answers.router ?? 'app';
    const other = router === 'app' ? 'pages' : 'app';
    if (uses(project, router) || !uses(project, other)) return [];
    const [dir, srcDir] = routerDirs[router];
    const found = routerDirs[other].find((d) => project.has(d));
    return [
      `--router ${router}: this project has no ${dir}/ or ${srcDir}/ folder; it uses the ${other === 'app' ? 'App' : 'Pages'} Router (${found}/). ` +
        `Pass -- --router ${other}, or leave --router out to use the router the project has.`,
    ];
  },
  // The root layout or pages/_app renders <IntercomMessenger /> once; a missing _app is not created.
  wire(plan, _project, data) {
    const file = data.entry as string | undefined;
    if (!file) return undefined;
    const text = plan.read(file)!;
    if (/<IntercomMessenger\b/.test(text)) return { file, note: `${file} already renders <IntercomMessenger />` };
    // A file written with CRLF throughout is edited as LF and written back with CRLF.
    const crlf = text.includes('\r\n') && !/(^|[^\r])\n/.test(text);
    const source = crlf ? text.replace(/\r\n/g, '\n') : text;
    const rendered = data.appRouter ? renderInBody(source) : renderBesideComponent(source);
    if (rendered === undefined) return undefined;
    const { quote: q, semicolon } = importStyle(source);
    const edited = withImport(rendered, `import { IntercomMessenger } from ${q}${data.importFrom}${q}${semicolon ? ';' : ''}`);
    plan.edit(file, () => (crlf ? edited.replace(/\n/g, '\r\n') : edited));
    return {
      file,
      note: data.appRouter
        ? `${file}: imports IntercomMessenger and renders it first inside <body>`
        : `${file}: imports IntercomMessenger and renders it next to <Component {...pageProps} />`,
    };
  },
  wiring: (data) => {
    const component = `import { IntercomMessenger } from '${data.importFrom}';`;
    return [
      data.appRouter
        ? `In ${data.shownEntry}, after the imports: ${component} then render <IntercomMessenger /> once, as the first child of <body>: <body …><IntercomMessenger />{children}</body>`
        : `In ${data.shownEntry} (create it if your app has none), after the imports: ${component} then render it next to the page: return (<><IntercomMessenger /><Component {...pageProps} /></>);`,
    ];
  },
  usage: (data) => [
    `In client components: const { login, logout } = useIntercom() (exported by ${data.src}components/intercom-messenger.${data.jsx}); call login() after sign-in and logout() before you clear the session.`,
  ],
};
