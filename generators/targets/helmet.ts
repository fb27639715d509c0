// --csp on Express: the Messenger's sources merged into the directives of the app's helmet() call,
// through Babel's tree. Existing arrays gain the sources they lack; a directive the app does not
// set starts from what governed it until then (helmet's default, or default-src).
import { cspMerges, type CspMerged, type DirectiveMerge } from '../csp.js';
import { keepIfParses } from '../syntax/guard.js';
import { applyInsertions, indentAt, lineEnding, type Insertion } from '../syntax/insert.js';
import { bindingsOf, find, indentUnit, isCall, javascript, parseModule, quoteOf, type t } from '../syntax/javascript.js';
import type { FrontendAnswers } from './types.js';

type Region = FrontendAnswers['region'];

/** The directives helmet (5 to 8) sets unless `useDefaults: false`; the app's own replace them one by one. */
export const HELMET_DEFAULTS: Record<string, string[]> = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'font-src': ["'self'", 'https:', 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", 'https:', "'unsafe-inline'"],
  'upgrade-insecure-requests': [],
};

const camel = (directive: string) => directive.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
const kebab = (key: string) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

const propertyNamed = (object: t.ObjectExpression, name: string) =>
  object.properties.find(
    (p): p is t.ObjectProperty =>
      p.type === 'ObjectProperty' &&
      !p.computed &&
      ((p.key.type === 'Identifier' && p.key.name === name) || (p.key.type === 'StringLiteral' && p.key.value === name)),
  );

const keyOf = (property: t.ObjectProperty) =>
  property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : undefined;

/** The helmet() call (or helmet.contentSecurityPolicy()) of the file; undefined when there is none or several. */
function helmetCall(ast: t.File): { call: t.CallExpression; cspOnly: boolean } | undefined {
  const names = new Set(bindingsOf(ast, (source) => source === 'helmet').map((binding) => binding.name));
  const calls = find(ast, (n): n is t.CallExpression => isCall(n)).flatMap(([call]) => {
    if (call.callee.type === 'Identifier' && names.has(call.callee.name)) return [{ call, cspOnly: false }];
    const { callee } = call;
    if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && names.has(callee.object.name)) {
      if (callee.property.type === 'Identifier' && callee.property.name === 'contentSecurityPolicy') return [{ call, cspOnly: true }];
    }
    return [];
  });
  return calls.length === 1 ? calls[0] : undefined;
}

type Value = { array: string[] } | { object: [string, Value][] };

/** The file's way of writing code: quotes, indentation, line ending, trailing commas. */
function styleOf(ast: t.File, text: string) {
  const q = quoteOf(ast, text);
  const other = q === "'" ? '"' : "'";
  return {
    string: (value: string) => (value.includes(q) ? `${other}${value}${other}` : `${q}${value}${q}`),
    unit: indentUnit(text),
    eol: lineEnding(text),
    trailing: /,\r?\n[ \t]*[\]}]/.test(text) ? ',' : '',
  };
}
type Style = ReturnType<typeof styleOf>;

/** A value written at `indent`: an array on one line when it fits in 100 columns, else one item a line. */
function render(value: Value, indent: string, style: Style, prefix = ''): string {
  const inner = indent + style.unit;
  if ('array' in value) {
    const inline = `[${value.array.join(', ')}]`;
    if (indent.length + prefix.length + inline.length <= 100) return inline;
    return `[${style.eol}${value.array.map((item) => `${inner}${item}`).join(`,${style.eol}`)}${style.trailing}${style.eol}${indent}]`;
  }
  const lines = value.object.map(([key, item]) => `${inner}${key}: ${render(item, inner, style, `${key}: `)}`);
  return `{${style.eol}${lines.join(`,${style.eol}`)}${style.trailing}${style.eol}${indent}}`;
}

/**
 * `key: value` added as the last property of an object; an object on one line is opened up, one
 * property a line, since the new value spans lines.
 */
function addProperty(text: string, object: t.ObjectExpression, key: string, value: Value, style: Style): Insertion {
  const last = object.properties.at(-1);
  const outer = indentAt(text, object.start!);
  if (last && text.slice(object.start!, last.start!).includes('\n')) {
    const indent = indentAt(text, last.start!);
    return { at: last.end!, text: `,${style.eol}${indent}${key}: ${render(value, indent, style, `${key}: `)}` };
  }
  const inner = outer + style.unit;
  const lines = [...object.properties.map((p) => text.slice(p.start!, p.end!)), `${key}: ${render(value, inner, style, `${key}: `)}`];
  return {
    at: object.start! + 1,
    end: object.end! - 1,
    text: `${style.eol}${lines.map((line) => `${inner}${line}`).join(`,${style.eol}`)}${style.trailing}${style.eol}${outer}`,
  };
}

/** Sources appended to an array: one a line when its items are, or when the line would pass 100 columns. */
function appendItems(text: string, array: t.ArrayExpression, items: string[], style: Style): Insertion {
  const last = array.elements.at(-1);
  if (last && text.slice(array.start!, last.start!).includes('\n')) {
    const separator = `,${style.eol}${indentAt(text, last.start!)}`;
    return { at: last.end!, text: items.map((item) => `${separator}${item}`).join('') };
  }
  const prefix = text.slice(text.lastIndexOf('\n', array.start!) + 1, array.start!).trimStart();
  const all = [...array.elements.map((e) => text.slice(e!.start!, e!.end!)), ...items];
  return { at: array.start!, end: array.end!, text: render({ array: all }, indentAt(text, array.start!), style, prefix) };
}

interface Found {
  merges: DirectiveMerge[];
  insertions: Insertion[];
}

/** What the file's helmet call lacks, and the insertions that add it; undefined without one helmet call we can read. */
function plan(ast: t.File, text: string, region: Region): Found | undefined {
  const found = helmetCall(ast);
  if (!found) return undefined;
  const style = styleOf(ast, text);
  const [first] = found.call.arguments;
  if (first && first.type !== 'ObjectExpression') return undefined;
  let options: t.ObjectExpression | undefined = found.cspOnly ? first : undefined;
  if (!found.cspOnly && first) {
    const csp = propertyNamed(first, 'contentSecurityPolicy');
    if (csp && csp.value.type !== 'ObjectExpression') return undefined;
    options = csp?.value as t.ObjectExpression | undefined;
  }
  const directivesProperty = options && propertyNamed(options, 'directives');
  if (directivesProperty && directivesProperty.value.type !== 'ObjectExpression') return undefined;
  const directives = directivesProperty?.value as t.ObjectExpression | undefined;
  const useDefaults = options && propertyNamed(options, 'useDefaults')?.value;

  // The policy helmet sends: its defaults, then the app's directives (null removes one).
  const policy = new Map<string, (string | undefined)[]>(useDefaults?.type === 'BooleanLiteral' && !useDefaults.value ? [] : Object.entries(HELMET_DEFAULTS));
  const own = new Map<string, t.ObjectProperty>();
  for (const property of directives?.properties ?? []) {
    const key = property.type === 'ObjectProperty' && !property.computed ? keyOf(property) : undefined;
    if (!key) return undefined;
    const directive = kebab(key);
    const value = (property as t.ObjectProperty).value;
    if (value.type === 'NullLiteral') policy.delete(directive);
    else policy.set(directive, value.type === 'ArrayExpression' ? value.elements.map((e) => (e?.type === 'StringLiteral' ? e.value : undefined)) : [undefined]);
    own.set(directive, property as t.ObjectProperty);
  }
  const merges = cspMerges(policy, region);
  const sourcesOf = (directive: string) => {
    const array = own.get(directive)?.value;
    if (array?.type === 'ArrayExpression') return array.elements.map((e) => text.slice(e!.start!, e!.end!));
    return (HELMET_DEFAULTS[directive] ?? []).map(style.string);
  };
  // Quoted keys ('script-src') when the app writes its keys that way.
  const quoted = [...own.values()].length > 0 && [...own.values()].every((p) => p.key.type === 'StringLiteral');
  const keyFor = (directive: string) => (quoted ? style.string(directive) : camel(directive));
  const added: [string, Value][] = [];
  const insertions: Insertion[] = [];
  for (const { directive, add, from } of merges) {
    const items = add.map(style.string);
    const existing = own.get(directive)?.value;
    if (!from && existing?.type !== 'ArrayExpression') {
      if (own.has(directive)) return undefined;
      added.push([keyFor(directive), { array: [...sourcesOf(directive), ...items] }]);
    } else if (from) added.push([keyFor(directive), { array: [...sourcesOf(from), ...items] }]);
    else insertions.push(appendItems(text, existing as t.ArrayExpression, items, style));
  }
  if (!added.length) return { merges, insertions };
  const block: Value = { object: added };
  if (directives) insertions.push(...added.map(([key, value]) => addProperty(text, directives, key, value, style)));
  else if (options) insertions.push(addProperty(text, options, 'directives', block, style));
  else if (first) insertions.push(addProperty(text, first, 'contentSecurityPolicy', { object: [['directives', block]] }, style));
  else {
    const value: Value = found.cspOnly ? { object: [['directives', block]] } : { object: [['contentSecurityPolicy', { object: [['directives', block]] }]] };
    const open = found.call.end! - 1;
    insertions.push({ at: open, text: render(value, indentAt(text, found.call.start!), style) });
  }
  return { merges, insertions };
}

/** The file with the Messenger's sources merged into its helmet call, and what each directive gained; undefined without a helmet call to merge into. */
export function mergeHelmet(file: string, text: string, region: Region): { text: string; merged: CspMerged } | undefined {
  const ast = parseModule(text, file);
  const found = ast && plan(ast, text, region);
  if (!found) return undefined;
  if (!found.insertions.length) return { text, merged: { file, merges: [] } };
  const edited = keepIfParses(javascript(file), text, applyInsertions(text, found.insertions));
  const tree = edited === undefined ? undefined : parseModule(edited, file);
  // The edit must leave nothing to merge, or it is not kept.
  if (!tree || plan(tree, edited!, region)?.merges.length !== 0) return undefined;
  return { text: edited!, merged: { file, merges: found.merges } };
}

/** Whether the file calls helmet: the app's CSP lives there. */
export const callsHelmet = (file: string, text: string) => {
  const ast = parseModule(text, file);
  return ast !== undefined && helmetCall(ast) !== undefined;
};
