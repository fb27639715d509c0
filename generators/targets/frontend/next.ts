import type { Project } from '../../project.js';
import {
  bindingsOf,
  elementsNamed,
  endsWithSemicolon,
  importAfter,
  importStatements,
  indentAt,
  indentUnit,
  lineEnd,
  lineStart,
  meaningfulChildren,
  lineEnding,
  pointsAt,
  quoteOf,
  reindent,
  startsLine,
  type Insertion,
  type t,
  usesSemicolons,
  wireModule,
} from '../../syntax/javascript.js';
import { routerDirs, routerOption, uses, type Router } from '../next-router.js';
import { defineFrontend, type FrontendAnswers } from '../types.js';

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

/**
 * App Router: `<IntercomMessenger />` as the first child of the one `<body>` element. On a line of
 * its own, indented like the children (or one level deeper than `<body>`), when the opening tag
 * ends its line; a one-line `<body …>{children}</body>` alone on its line is opened up onto lines
 * of its own (as create-next-app writes it); any other shape gets the element right after the
 * opening tag.
 */
function renderInBody(ast: t.File, text: string): Insertion[] | undefined {
  const bodies = elementsNamed(ast, ['body']);
  if (bodies.length !== 1) return undefined;
  const [body] = bodies[0];
  const { openingElement: opening, closingElement: closing } = body;
  if (!closing) return undefined;
  const eol = lineEnding(text);
  const indent = indentAt(text, body.start!);
  const step = indentUnit(text);
  if (text.slice(opening.end!, lineEnd(text, opening.end!)).trim() === '') {
    const first = meaningfulChildren(body)[0];
    const childIndent =
      first && startsLine(text, first.start!) && indentAt(text, first.start!).length > indent.length ? indentAt(text, first.start!) : indent + step;
    return [{ at: lineEnd(text, opening.end!), text: `${eol}${childIndent}${ELEMENT}` }];
  }
  const alone =
    startsLine(text, body.start!) && text.slice(body.end!, lineEnd(text, body.end!)).trim() === '' && !text.slice(body.start!, body.end!).includes('\n');
  if (alone) {
    const content = text.slice(opening.end!, closing.start!).trim();
    const lines = [`${indent}${step}${ELEMENT}`, ...(content ? [`${indent}${step}${content}`] : []), indent];
    return [{ at: opening.end!, end: closing.start!, text: `${eol}${lines.join(eol)}` }];
  }
  return [{ at: opening.end!, text: ELEMENT }];
}

/**
 * Pages Router: `<IntercomMessenger />` rendered beside the one `<Component {...pageProps} />`: a
 * sibling just before it when it sits among JSX children (a layout, a provider); otherwise what
 * the App returns (`<Component … />` itself, or `getLayout(<Component … />)`) becomes the second
 * child of a fragment whose first is the Messenger, so a per-page layout never remounts it.
 */
function renderBesideComponent(ast: t.File, text: string): Insertion[] | undefined {
  const found = elementsNamed(ast, ['Component']);
  if (found.length !== 1) return undefined;
  const [component, ancestors] = found[0];
  const parent = ancestors.at(-1)!;
  if (parent.type === 'JSXElement' || parent.type === 'JSXFragment') {
    if (!startsLine(text, component.start!)) return [{ at: component.start!, text: ELEMENT }];
    return [{ at: lineStart(text, component.start!), text: `${indentAt(text, component.start!)}${ELEMENT}${lineEnding(text)}` }];
  }
  const returned = [...ancestors].reverse().find((a): a is t.ReturnStatement => a.type === 'ReturnStatement');
  const page = returned?.argument;
  if (!returned || !page) return undefined;
  const eol = lineEnding(text);
  const step = indentUnit(text);
  const child = (indent: string) =>
    `${indent}${step}${page.type === 'JSXElement' ? '' : '{'}${reindent(ast, text, page.start!, page.end!, step)}${page.type === 'JSXElement' ? '' : '}'}`;
  if (startsLine(text, page.start!)) {
    // return ( on its own line: the fragment takes the page's lines.
    const indent = indentAt(text, page.start!);
    return [{ at: page.start!, end: page.end!, text: ['<>', `${indent}${step}${ELEMENT}`, child(indent), `${indent}</>`].join(eol) }];
  }
  const indent = indentAt(text, returned.start!);
  const inner = indent + step;
  const fragment = ['(', `${inner}<>`, `${inner}${step}${ELEMENT}`, child(inner), `${inner}</>`, `${indent})`].join(eol);
  return [{ at: page.start!, end: page.end!, text: fragment }];
}

/** Wired: IntercomMessenger is imported from the generated component and rendered. */
const rendersMessenger = (ast: t.File) =>
  bindingsOf(ast, (source) => pointsAt(source, 'intercom-messenger')).some((b) => b.name === 'IntercomMessenger') &&
  elementsNamed(ast, ['IntercomMessenger']).length > 0;

/** The import after the file's imports; in a file without imports, at the top (after 'use client') with a blank line. */
function messengerImport(ast: t.File, text: string, from: string): Insertion[] {
  if (bindingsOf(ast, (source) => pointsAt(source, 'intercom-messenger')).some((b) => b.name === 'IntercomMessenger')) return [];
  const imports = importStatements(ast);
  const q = quoteOf(ast, text);
  const last = imports.at(-1);
  const semicolon = (last ? endsWithSemicolon(text, last) : usesSemicolons(ast, text)) ? ';' : '';
  return [importAfter(ast, text, imports, `import { IntercomMessenger } from ${q}${from}${q}${semicolon}`)];
}

export const next = defineFrontend({
  label: 'Next.js',
  // Next apps depend on react too: where both match, Next wins.
  detect: (project) => project.dependsOn('next'),
  before: ['react'],
  options: (projectOf) => [routerOption(projectOf)],
  context: (project, answers: FrontendAnswers & { router: Router }) => {
    const typescript = project.typescript;
    const { router } = answers;
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
  corePath: (data) => `${data.src}lib/intercom.${data.ext}`,
  check: (project, { router }) => {
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
    const file = data.entry;
    if (!file) return undefined;
    const text = plan.read(file)!;
    const result = wireModule(file, text, rendersMessenger, (ast) => {
      const rendered = data.appRouter ? renderInBody(ast, text) : renderBesideComponent(ast, text);
      return rendered && [...rendered, ...messengerImport(ast, text, data.importFrom)];
    });
    if (result === 'already') return { file, note: `${file} already renders <IntercomMessenger />` };
    if (result === undefined) return undefined;
    plan.edit(file, () => result);
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
    `In client components: import { intercom } from ${data.src}components/intercom-messenger.${data.jsx}; call intercom.login() after sign-in and intercom.logout() before you clear the session.`,
  ],
});
