// --csp on Django with django-csp (3.x settings): the Messenger's sources merged into the
// `CSP_<DIRECTIVE>` tuples of settings.py through tree-sitter's Python tree, a missing directive
// added from CSP_DEFAULT_SRC, and django-csp's middleware added to MIDDLEWARE when it is missing.
import { cspMerges, type CspMerged, type DirectiveMerge } from '../csp.js';
import type { Plan } from '../steps/plan.js';
import { keepIfParses } from '../syntax/guard.js';
import { applyInsertions, indentAt, lineEnding, type Insertion } from '../syntax/insert.js';
import { expressionOf, python, quoteOf, statements, stringValue } from '../syntax/python.js';
import type { Node } from '../syntax/tree-sitter.js';
import type { FrontendAnswers } from './types.js';

type Region = FrontendAnswers['region'];

const MIDDLEWARE = 'csp.middleware.CSPMiddleware';
/** django-csp sends default-src 'self' unless CSP_DEFAULT_SRC says otherwise; every other directive only when set. */
const DEFAULT_SRC = ["'self'"];
/** Black's line length, which Django's own code follows. */
const WIDTH = 88;

const settingName = (directive: string) => `CSP_${directive.toUpperCase().replaceAll('-', '_')}`;

/** The module-level `NAME = value` assignments of the settings, by name (the last one wins, as in Python). */
function assignments(root: Node): Map<string, { statement: Node; value: Node }> {
  const found = new Map<string, { statement: Node; value: Node }>();
  for (const statement of statements(root)) {
    const expression = expressionOf(statement);
    const left = expression?.type === 'assignment' ? expression.childForFieldName('left') : null;
    const value = expression?.childForFieldName('right');
    if (left?.type === 'identifier' && value) found.set(left.text, { statement, value });
  }
  return found;
}

const elementsOf = (sequence: Node) => sequence.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
const isSequence = (node: Node) => node.type === 'tuple' || node.type === 'list';

/** Items appended to a tuple or list: one a line when its items are, or when its line would pass the width. */
function appendItems(text: string, sequence: Node, items: string[], statementStart: number): Insertion {
  const eol = lineEnding(text);
  const elements = elementsOf(sequence);
  const last = elements.at(-1);
  if (last && text.slice(sequence.startIndex, last.startIndex).includes('\n')) {
    const indent = indentAt(text, last.startIndex);
    return { at: last.endIndex, text: items.map((item) => `,${eol}${indent}${item}`).join('') };
  }
  const all = [...elements.map((element) => element.text), ...items];
  const [open, close] = sequence.type === 'list' ? ['[', ']'] : ['(', ')'];
  const inline = `${open}${all.join(', ')}${close}`;
  const indent = indentAt(text, statementStart);
  const before = sequence.startIndex - text.lastIndexOf('\n', sequence.startIndex) - 1;
  if (before + inline.length <= WIDTH) return { at: sequence.startIndex, end: sequence.endIndex, text: inline };
  return {
    at: sequence.startIndex,
    end: sequence.endIndex,
    text: `${open}${eol}${all.map((item) => `${indent}    ${item},`).join(eol)}${eol}${indent}${close}`,
  };
}

/** A new `NAME = (…)` setting, inline when it fits, else one item a line (Black's layout). */
function setting(name: string, items: string[], eol: string): string {
  const inline = `${name} = (${items.join(', ')})`;
  return inline.length <= WIDTH ? inline : `${name} = (${eol}${items.map((item) => `    ${item},`).join(eol)}${eol})`;
}

interface Found {
  merges: DirectiveMerge[];
  insertions: Insertion[];
  middleware: boolean;
}

/** What the settings lack and the insertions that add it; undefined when they cannot be read safely. */
function plan(text: string, region: Region): Found | undefined {
  const tree = python.parse(text);
  try {
    const root = tree.rootNode;
    if (root.hasError) return undefined;
    const settings = assignments(root);
    // django-csp 4 reads one CONTENT_SECURITY_POLICY dict instead of these settings.
    if (settings.has('CONTENT_SECURITY_POLICY')) return undefined;
    const middleware = settings.get('MIDDLEWARE');
    if (!middleware || !isSequence(middleware.value)) return undefined;
    const own = [...settings].filter(([name]) => name.startsWith('CSP_'));
    const policy = new Map<string, (string | undefined)[]>([['default-src', DEFAULT_SRC]]);
    for (const [name, { value }] of own) {
      const directive = name.slice(4).toLowerCase().replaceAll('_', '-');
      if (value.type === 'none') policy.delete(directive);
      else policy.set(directive, isSequence(value) ? elementsOf(value).map(stringValue) : [undefined]);
    }
    const q = quoteOf(root);
    const write = (source: string) => (source.includes(q) ? `${q === '"' ? "'" : '"'}${source}${q === '"' ? "'" : '"'}` : `${q}${source}${q}`);
    const eol = lineEnding(text);
    const merges = cspMerges(policy, region);
    const insertions: Insertion[] = [];
    const added: string[] = [];
    for (const { directive, add, from } of merges) {
      const items = add.map(write);
      const current = settings.get(settingName(directive));
      if (current && !isSequence(current.value)) return undefined;
      if (current) insertions.push(appendItems(text, current.value, items, current.statement.startIndex));
      else {
        const start = settings.get(settingName(from ?? directive));
        const sources = start ? elementsOf(start.value).map((element) => element.text) : DEFAULT_SRC.map(write);
        added.push(setting(settingName(directive), [...sources, ...items], eol));
      }
    }
    const listed = elementsOf(middleware.value).some((element) => stringValue(element) === MIDDLEWARE);
    if (!listed) insertions.push(appendItems(text, middleware.value, [write(MIDDLEWARE)], middleware.statement.startIndex));
    if (added.length) {
      const last = own.at(-1)?.[1].statement;
      const lines = last ? added : ['# Content-Security-Policy, sent by django-csp (csp.middleware.CSPMiddleware)', ...added];
      insertions.push(
        last
          ? { at: last.endIndex, text: lines.map((line) => `${eol}${line}`).join('') }
          : { at: text.trimEnd().length, text: `${eol}${eol}${lines.join(eol)}` },
      );
    }
    return { merges, insertions, middleware: !listed };
  } finally {
    tree.delete();
  }
}

/** Merges into the CSP_ settings of `file`; undefined when they cannot be read safely (then the directives are printed). */
export async function mergeDjangoCsp(files: Plan, file: string, region: Region): Promise<CspMerged | undefined> {
  await python.load();
  const text = files.read(file);
  const found = text === undefined ? undefined : plan(text, region);
  if (!found) return undefined;
  if (!found.insertions.length) return { file, merges: [] };
  const edited = keepIfParses(python, text!, applyInsertions(text!, found.insertions));
  const again = edited === undefined ? undefined : plan(edited, region);
  // The edit must leave nothing to merge, or it is not kept.
  if (!again || again.insertions.length) return undefined;
  files.edit(file, () => edited);
  return { file, merges: found.merges, ...(found.middleware && { note: `and ${MIDDLEWARE} added to MIDDLEWARE` }) };
}
