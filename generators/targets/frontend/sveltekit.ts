import {
  bindingsOf,
  endsWithSemicolon,
  importStatements,
  indentAt,
  indentUnit,
  lineEnding,
  parseModule,
  quoteOf,
  startsLine,
  statementAfter,
  statementBefore,
  type Insertion,
  usesSemicolons,
} from '../../syntax/javascript.js';
import { applyInsertions } from '../../syntax/insert.js';
import { parseSvelte, svelteParser } from '../../syntax/svelte.js';
import { defineFrontend } from '../types.js';

const LAYOUT = 'src/routes/+layout.svelte';
const COMPONENT = 'IntercomMessenger';
const FROM = '$lib/IntercomMessenger.svelte';
const ELEMENT = `<${COMPONENT} />`;

/** The parts of Svelte 5's modern syntax tree that the wiring reads. */
interface SvelteNode {
  type: string;
  start: number;
  end: number;
  name?: string;
  data?: string;
  [key: string]: unknown;
}
interface SvelteRoot {
  fragment: { nodes: SvelteNode[] };
  instance: { start: number; end: number; content: { start: number; end: number }; attributes: { name: string }[] } | null;
  module: { start: number; end: number } | null;
}
/** Every node of the markup, nested blocks and elements included. */
function* markup(nodes: SvelteNode[]): Generator<SvelteNode> {
  for (const node of nodes) {
    yield node;
    for (const value of Object.values(node)) {
      const fragments = Array.isArray(value) ? value : [value];
      for (const fragment of fragments) {
        if (fragment && typeof fragment === 'object' && Array.isArray((fragment as { nodes?: unknown }).nodes))
          yield* markup((fragment as { nodes: SvelteNode[] }).nodes);
      }
    }
  }
}

/** The instance script's text, parsed by Babel for what the JavaScript wiring helpers read (imports, quotes, semicolons). */
function instanceScript(root: SvelteRoot, text: string, typescript: boolean) {
  if (!root.instance) return undefined;
  const { start, end } = root.instance.content;
  const code = text.slice(start, end);
  const ts = typescript || root.instance.attributes.some((a) => a.name === 'lang');
  const ast = parseModule(code, ts ? 'layout.ts' : 'layout.js');
  return ast && { ast, code, offset: start };
}

/** Wired: the instance script imports the component by its default export, and the markup renders it. */
function rendersMessenger(root: SvelteRoot, text: string, typescript: boolean): boolean {
  const script = instanceScript(root, text, typescript);
  const imported = script && bindingsOf(script.ast, (source) => source === FROM).find((b) => b.imported === 'default');
  return imported !== undefined && [...markup(root.fragment.nodes)].some((node) => node.type === 'Component' && node.name === imported.name);
}

/**
 * The import, after the instance script's imports (a new instance script when the layout has none),
 * and `<IntercomMessenger />` at the top level of the markup, before its first node: outside every
 * block and element, so it is rendered once for as long as the root layout lives.
 */
function wireLayout(root: SvelteRoot, text: string, typescript: boolean): Insertion[] | undefined {
  const eol = lineEnding(text);
  const first = root.fragment.nodes.find((node) => node.type !== 'Text' || (node.data ?? '').trim() !== '');
  const element: Insertion = !first
    ? { at: text.length, text: `${text.endsWith('\n') ? '' : eol}${eol}${ELEMENT}${eol}` }
    : startsLine(text, first.start)
      ? { at: first.start - indentAt(text, first.start).length, text: `${indentAt(text, first.start)}${ELEMENT}${eol}` }
      : { at: first.start, text: ELEMENT };
  if (!root.instance) {
    const script = `<script${typescript ? ' lang="ts"' : ''}>${eol}${step(text)}import ${COMPONENT} from '${FROM}';${eol}</script>${eol}${eol}`;
    // After a module script at the top, else at the very top.
    const at = root.module && root.module.start === 0 ? root.module.end : 0;
    return [at ? { at, text: `${eol}${eol}${script.trimEnd()}` } : { at: 0, text: script }, element];
  }
  const script = instanceScript(root, text, typescript);
  if (!script) return undefined;
  const { ast, code, offset } = script;
  const imports = importStatements(ast);
  const last = imports.at(-1);
  const q = quoteOf(ast, code);
  const semicolon = (last ? endsWithSemicolon(code, last) : usesSemicolons(ast, code)) ? ';' : '';
  const line = `import ${COMPONENT} from ${q}${FROM}${q}${semicolon}`;
  const firstStatement = ast.program.body[0];
  const inScript: Insertion = last
    ? statementAfter(ast, code, last, line)
    : firstStatement
      ? statementBefore(code, firstStatement, `${line}${lineEnding(code)}`)
      : { at: 0, text: `${eol}${step(text)}${line}${eol}` };
  return [{ ...inScript, at: inScript.at + offset }, element];
}

/** One level of the layout's indentation; a tab where nothing is indented yet (sv create's Prettier setting). */
const step = (text: string) => (/^[ \t]+\S/m.test(text) ? indentUnit(text) : '\t');

/** A new root layout that renders the Messenger and the page (Svelte 5's children snippet). */
const newLayout = (typescript: boolean) =>
  [
    `<script${typescript ? ' lang="ts"' : ''}>`,
    `\timport ${COMPONENT} from '${FROM}';`,
    '',
    '\tlet { children } = $props();',
    '</script>',
    '',
    ELEMENT,
    '',
    '{@render children()}',
    '',
  ].join('\n');

export const sveltekit = defineFrontend({
  label: 'SvelteKit',
  detect: (project) => project.dependsOn('@sveltejs/kit'),
  // A SvelteKit app may depend on another framework too (a React component library, say): SvelteKit is the app.
  before: ['react', 'next', 'vue', 'angular', 'ember', 'vanilla'],
  context: (project) => {
    const typescript = project.typescript;
    return { typescript, ext: typescript ? ('ts' as const) : ('js' as const) };
  },
  corePath: (data) => `src/lib/intercom.${data.ext}`,
  wire(plan, project, data) {
    const text = plan.read(LAYOUT);
    if (text === undefined) {
      plan.edit(LAYOUT, () => newLayout(data.typescript));
      return { file: LAYOUT, note: `${LAYOUT} was created: it renders ${ELEMENT} and the page` };
    }
    const parse = svelteParser(project.root);
    const root = parse && parseSvelte<SvelteRoot>(parse, text);
    if (!parse || !root) return undefined;
    if (rendersMessenger(root, text, data.typescript)) return { file: LAYOUT, note: `${LAYOUT} already renders ${ELEMENT}` };
    const insertions = wireLayout(root, text, data.typescript);
    if (!insertions) return undefined;
    const edited = applyInsertions(text, insertions);
    // Kept only when the edited layout parses and is then found wired.
    const after = parseSvelte<SvelteRoot>(parse, edited);
    if (!after || !rendersMessenger(after, edited, data.typescript)) return undefined;
    plan.edit(LAYOUT, () => edited);
    return { file: LAYOUT, note: `${LAYOUT}: imports ${COMPONENT} and renders it once, before the layout's markup` };
  },
  wiring: () => [
    `In ${LAYOUT}, in its <script>: import ${COMPONENT} from '${FROM}';`,
    `then render ${ELEMENT} once, at the top level of the markup (outside any {#if} or element), e.g. just before {@render children()}.`,
  ],
  usage: () => [`In a component: import { intercom } from '${FROM}'; call intercom.login() after sign-in and intercom.logout() before you clear the session.`],
});
