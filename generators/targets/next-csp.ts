// --csp on Next.js: the Messenger's sources merged into the Content-Security-Policy the app sends,
// wherever it is set: next.config's headers(), and the proxy (middleware before Next 16) that builds
// a policy with a per-request nonce, as Next's CSP guide does. Babel finds the literal each header
// value comes from (directly, or through consts and `.replace(…).trim()`); the policy inside is split
// at the `;` and spaces of its text, each `${…}` staying an opaque part of the source it sits in, and
// each directive gains its sources in place, so the literal keeps its layout.
import { cspMerges, type CspMerged, type DirectiveMerge } from '../csp.js';
import type { Plan } from '../steps/plan.js';
import { keepIfParses } from '../syntax/guard.js';
import { applyInsertions, lineEnding, type Insertion } from '../syntax/insert.js';
import { callChain, find, javascript, parseModule, type t } from '../syntax/javascript.js';
import type { FrontendAnswers } from './types.js';

type Region = FrontendAnswers['region'];

export const NEXT_CONFIGS = ['next.config.ts', 'next.config.mjs', 'next.config.js', 'next.config.cjs'];

/** The app's proxy files, as Next looks for them (proxy since Next 16, middleware before), at the root or under src/. */
export const proxyFiles = (src: string) => ['proxy', 'middleware'].flatMap((name) => ['ts', 'js', 'mjs'].map((ext) => `${src}${name}.${ext}`));

type PolicyLiteral = t.StringLiteral | t.TemplateLiteral;

/** The policy literal of each place a file sets the header; undefined where it is not one this can read. */
type Policies = (ast: t.File) => (PolicyLiteral | undefined)[];

const CSP = 'content-security-policy';

/** Calls that only tidy a policy's whitespace (Next's guide: `.replace(/\s{2,}/g, ' ').trim()`). */
const TIDYING = new Set(['replace', 'replaceAll', 'trim', 'trimStart', 'trimEnd']);

const SCOPES = new Set([
  'Program',
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);
const isScope = (node: t.Node) => SCOPES.has(node.type);

/**
 * The literal a header value comes from: itself, or the one const of the same function or module
 * it names (through several, and through tidying calls); undefined for anything else.
 */
function policyLiteral(ast: t.File, value: t.Node, ancestors: t.Node[], depth = 0): PolicyLiteral | undefined {
  const { root, calls } = callChain(value);
  if (calls.some(({ name }) => !TIDYING.has(name))) return undefined;
  if (root.type === 'StringLiteral' || root.type === 'TemplateLiteral') return root;
  if (root.type !== 'Identifier' || depth > 4) return undefined;
  const scopes = ancestors.filter(isScope);
  const bound = find(
    ast,
    (n, a): n is t.VariableDeclarator =>
      n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.id.name === root.name && scopes.includes(a.filter(isScope).at(-1)!),
  );
  if (bound.length !== 1) return undefined;
  const [declarator, declaratorAncestors] = bound[0];
  const declaration = declaratorAncestors.at(-1);
  if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const' || !declarator.init) return undefined;
  return policyLiteral(ast, declarator.init, [...declaratorAncestors, declarator], depth + 1);
}

const propertyValue = (object: t.ObjectExpression, name: string) =>
  object.properties.find(
    (p): p is t.ObjectProperty =>
      p.type === 'ObjectProperty' && ((p.key.type === 'Identifier' && p.key.name === name) || (p.key.type === 'StringLiteral' && p.key.value === name)),
  )?.value;

/** next.config: the Content-Security-Policy header objects (`{ key, value }`) of headers(); their policy literal each. */
function configPolicies(ast: t.File): ReturnType<Policies> {
  const headers = find(ast, (n): n is t.ObjectExpression => {
    if (n.type !== 'ObjectExpression') return false;
    const key = propertyValue(n, 'key');
    return key?.type === 'StringLiteral' && key.value.toLowerCase() === CSP;
  });
  return headers.map(([header, ancestors]) => {
    const value = propertyValue(header, 'value');
    return value && policyLiteral(ast, value, [...ancestors, header]);
  });
}

/**
 * A proxy: the values of `headers.set('Content-Security-Policy', value)` (request and response
 * headers, as in Next's guide); the header named anywhere else is a policy this cannot read.
 */
function proxyPolicies(ast: t.File): ReturnType<Policies> {
  const names = find(ast, (n): n is t.StringLiteral => n.type === 'StringLiteral' && n.value.toLowerCase() === CSP);
  return names.map(([name, ancestors]) => {
    const call = ancestors.at(-1);
    const isSet =
      call?.type === 'CallExpression' &&
      call.arguments.length === 2 &&
      call.arguments[0] === name &&
      call.callee.type === 'MemberExpression' &&
      call.callee.property.type === 'Identifier' &&
      call.callee.property.name === 'set';
    return isSet ? policyLiteral(ast, call.arguments[1], [...ancestors, call]) : undefined;
  });
}

interface Source {
  /** Where its text is in the file. */
  start: number;
  end: number;
  /** Its value; undefined when a `${…}` is part of it (the code computes it, e.g. `'nonce-${nonce}'`). */
  value: string | undefined;
}

interface Directive {
  name: string;
  sources: Source[];
  /** Where its text ends in the file (before its `;`). */
  end: number;
}

/**
 * The directives of a policy literal, with their positions in the file: boundaries come from the
 * text of the literal's quasis alone. Undefined when the text is not the value (escapes) or a
 * directive's name is computed.
 */
function directivesOf(text: string, literal: PolicyLiteral): Directive[] | undefined {
  if (
    literal.type === 'StringLiteral'
      ? text.slice(literal.start! + 1, literal.end! - 1) !== literal.value
      : literal.quasis.some((q) => q.value.raw !== q.value.cooked)
  )
    return undefined;
  const quasis =
    literal.type === 'StringLiteral' ? [{ start: literal.start! + 1, end: literal.end! - 1 }] : literal.quasis.map((q) => ({ start: q.start!, end: q.end! }));
  const directives: Directive[] = [];
  let sources: Source[] = [];
  let source: Source | undefined;
  const endSource = () => {
    if (source) sources.push(source);
    source = undefined;
  };
  const endDirective = () => {
    endSource();
    const [name, ...rest] = sources;
    if (name) directives.push({ name: name.value?.toLowerCase() ?? '', sources: rest, end: (rest.at(-1) ?? name).end });
    sources = [];
  };
  quasis.forEach((quasi, i) => {
    for (let at = quasi.start; at < quasi.end; at++) {
      const char = text[at];
      if (char === ';') endDirective();
      else if (char.trim() === '') endSource();
      else if (source) source = { ...source, end: at + 1, value: source.value === undefined ? undefined : source.value + char };
      else source = { start: at, end: at + 1, value: char };
    }
    // The `${…}` before the next quasi: part of the source it touches.
    if (i < quasis.length - 1) source = { start: source?.start ?? quasi.end, end: quasis[i + 1].start, value: undefined };
  });
  endDirective();
  return directives.some((d) => d.name === '') ? undefined : directives;
}

/** The insertions that merge the Messenger's sources into one policy literal, and what they add; undefined when it cannot be read. */
function planLiteral(text: string, literal: PolicyLiteral, region: Region): { merges: DirectiveMerge[]; insertions: Insertion[] } | undefined {
  const directives = directivesOf(text, literal);
  if (!directives) return undefined;
  // A browser obeys the first of a repeated directive.
  const policy = new Map<string, (string | undefined)[]>();
  for (const directive of directives)
    if (!policy.has(directive.name))
      policy.set(
        directive.name,
        directive.sources.map((s) => s.value),
      );
  const merges = cspMerges(policy, region);
  const closing = literal.type === 'StringLiteral' ? [text[literal.start!]] : ['`', '${'];
  if (merges.some(({ add }) => add.some((source) => closing.some((delimiter) => source.includes(delimiter))))) return undefined;
  const insertions: Insertion[] = [];
  const added: string[] = [];
  for (const { directive, add, from } of merges) {
    const own = directives.find((d) => d.name === directive);
    if (own) insertions.push({ at: own.end, text: ` ${add.join(' ')}` });
    else {
      // The governing directive's sources as written, a `${…}` of them included.
      const inherited = directives.find((d) => d.name === from)!.sources.map((s) => text.slice(s.start, s.end));
      added.push([directive, ...inherited, ...add].join(' '));
    }
  }
  if (added.length) {
    const last = directives.at(-1)!;
    // One directive a line when the literal spans lines, as in Next's guide.
    const lineStart = text.lastIndexOf('\n', last.end) + 1;
    const multiline = lineStart > literal.start!;
    const indent = multiline ? /^[ \t]*/.exec(text.slice(lineStart))![0] : '';
    const closed = text[last.end] === ';';
    const separator = multiline ? `${lineEnding(text)}${indent}` : ' ';
    insertions.push({ at: closed ? last.end + 1 : last.end, text: `${closed ? '' : ';'}${added.map((line) => `${separator}${line};`).join('')}` });
  }
  return { merges, insertions };
}

/**
 * One file's merge: its edited text and what each directive gained; undefined when it sets no
 * policy, 'unreadable' when it sets one that is not a single literal this can read.
 */
function planFile(file: string, text: string, policies: Policies, region: Region) {
  const ast = parseModule(text, file);
  const found = ast ? [...new Set(policies(ast))] : [];
  if (!found.length) return undefined;
  const planned = found.length === 1 && found[0] ? planLiteral(text, found[0], region) : undefined;
  return planned ? { merges: planned.merges, text: applyInsertions(text, planned.insertions) } : ('unreadable' as const);
}

/** Per directive, every source any file gained, in order. */
function union(merges: DirectiveMerge[]): DirectiveMerge[] {
  const byDirective = new Map<string, DirectiveMerge>();
  for (const merge of merges) {
    const seen = byDirective.get(merge.directive);
    byDirective.set(merge.directive, seen ? { ...seen, add: [...new Set([...seen.add, ...merge.add])] } : merge);
  }
  return [...byDirective.values()];
}

/**
 * Merges into every policy the app sends, next.config's headers() and the proxy's: the browser
 * enforces each policy it receives, so each gets the sources. Undefined (nothing edited) when there
 * is none, or when any of them is not one literal this can read.
 */
export function mergeNextCsp(files: Plan, region: Region, src: string): CspMerged | undefined {
  const places = [
    { candidates: NEXT_CONFIGS, policies: configPolicies },
    { candidates: proxyFiles(src), policies: proxyPolicies },
  ].flatMap(({ candidates, policies }) => {
    const file = candidates.find((candidate) => files.read(candidate) !== undefined);
    const planned = file && planFile(file, files.read(file)!, policies, region);
    return planned ? [{ file: file!, policies, planned }] : [];
  });
  const readable = places.flatMap(({ planned, ...place }) => (planned === 'unreadable' ? [] : [{ ...place, ...planned }]));
  if (!places.length || readable.length < places.length) return undefined;
  const merged = readable.map(({ file, policies, merges, text }) => {
    const edited = merges.length ? keepIfParses(javascript(file), files.read(file)!, text) : undefined;
    // The edit must leave nothing to merge.
    const again = edited === undefined ? undefined : planFile(file, edited, policies, region);
    return { file, merges, edited, checked: !merges.length || (typeof again === 'object' && !again.merges.length) };
  });
  if (merged.some(({ checked }) => !checked)) return undefined;
  for (const { file, edited } of merged) if (edited !== undefined) files.edit(file, () => edited);
  const gained = merged.filter(({ merges }) => merges.length);
  return { file: (gained.length ? gained : merged).map(({ file }) => file).join(' and '), merges: union(gained.flatMap(({ merges }) => merges)) };
}
