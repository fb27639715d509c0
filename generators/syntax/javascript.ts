// JavaScript, TypeScript and JSX through @babel/parser: the tree says where an edit goes, and the
// edit itself is text spliced in at the tree's offsets, so everything around it (quotes,
// semicolons, indentation, line endings, trailing commas) stays exactly as the user wrote it.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ParserPlugin } from '@babel/parser';
import type * as t from '@babel/types';
import { keepIfParses, type Syntax } from './guard.js';
import { applyInsertions, indentAt, type Insertion, lineEnd, lineEnding, lineStart, startsLine } from './insert.js';

export type { Insertion, t };
export { indentAt, lineEnd, lineEnding, lineStart, startsLine } from './insert.js';

// Loaded on first use, with require: import() of this CommonJS bundle first scans all of it for
// named exports, which takes several times as long as loading it; runs that wire nothing skip it.
let babel: typeof import('@babel/parser') | undefined;
const parser = () => (babel ??= createRequire(import.meta.url)('@babel/parser') as typeof import('@babel/parser'));

function plugins(file: string): ParserPlugin[] {
  const ext = path.extname(file);
  if (ext === '.tsx') return ['typescript', 'jsx', 'decorators-legacy'];
  if (['.ts', '.mts', '.cts'].includes(ext)) return ['typescript', 'decorators-legacy'];
  // Create React App writes JSX in .js files.
  return ['jsx'];
}

/** The tree of a module, or undefined when it does not parse. The dialect follows the file's extension. */
export function parseModule(text: string, file: string): t.File | undefined {
  try {
    return parser().parse(text, { sourceType: 'unambiguous', plugins: plugins(file) });
  } catch {
    return undefined;
  }
}

export const javascript = (file: string): Syntax => ({
  name: path.extname(file).startsWith('.t') ? 'TypeScript' : 'JavaScript',
  parses: (text) => parseModule(text, file) !== undefined,
});

const SKIP = new Set(['loc', 'start', 'end', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'range']);

/** The node's child nodes, in source order. */
function children(node: t.Node): t.Node[] {
  const found: t.Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (SKIP.has(key) || !value || typeof value !== 'object') continue;
    for (const item of Array.isArray(value) ? value : [value]) if (item && typeof item.type === 'string') found.push(item);
  }
  return found.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
}

/** Every node under `root` (itself included), each with its ancestors, outermost first. */
export function* nodes(root: t.Node, ancestors: t.Node[] = []): Generator<[t.Node, t.Node[]]> {
  yield [root, ancestors];
  const inner = [...ancestors, root];
  for (const child of children(root)) yield* nodes(child, inner);
}

export const find = <T extends t.Node>(root: t.Node, test: (node: t.Node, ancestors: t.Node[]) => node is T): [T, t.Node[]][] =>
  [...nodes(root)].filter((entry): entry is [T, t.Node[]] => test(entry[0], entry[1]));

export const isCall = (node: t.Node | null | undefined): node is t.CallExpression => node?.type === 'CallExpression';

/** The name a callee is called by: `f` for f(), `m` for x.m() (undefined for computed calls). */
export function calleeName(call: t.CallExpression): string | undefined {
  const callee = call.callee;
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && !callee.computed) return callee.property.name;
  return undefined;
}

/** The calls of a chain `root.a(…).b(…)`, innermost first, and the chain's root expression. */
export function callChain(expression: t.Node): { root: t.Node; calls: { name: string; call: t.CallExpression }[] } {
  const calls: { name: string; call: t.CallExpression }[] = [];
  let node: t.Node = expression;
  while (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.callee.property.type === 'Identifier' && !node.callee.computed) {
    calls.unshift({ name: node.callee.property.name, call: node });
    node = node.callee.object;
  }
  return { root: node, calls };
}

/** The string value of a module specifier or string argument. */
export const stringValue = (node: t.Node | null | undefined): string | undefined => (node?.type === 'StringLiteral' ? node.value : undefined);

/** `require('x')` (also `require('x').y`): 'x'. */
export function requiredModule(node: t.Node | null | undefined): string | undefined {
  while (node?.type === 'MemberExpression') node = node.object;
  if (!isCall(node) || node.callee.type !== 'Identifier' || node.callee.name !== 'require') return undefined;
  return stringValue(node.arguments[0]);
}

/** A top-level require statement: `const x = require('m')` and its destructuring and member forms. */
export const isRequireStatement = (statement: t.Node): statement is t.VariableDeclaration =>
  statement.type === 'VariableDeclaration' && statement.declarations.some((d) => requiredModule(d.init) !== undefined);

/** The local names a module is bound to by imports and top-level requires (default or namespace import, `const x = require()`). */
export function bindingsOf(ast: t.File, matches: (source: string) => boolean): { name: string; statement: t.Statement; imported?: string }[] {
  const found: { name: string; statement: t.Statement; imported?: string }[] = [];
  for (const statement of ast.program.body) {
    if (statement.type === 'ImportDeclaration' && matches(statement.source.value)) {
      for (const specifier of statement.specifiers) {
        const imported =
          specifier.type === 'ImportSpecifier' ? (specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value) : 'default';
        found.push({ name: specifier.local.name, statement, imported });
      }
    } else if (statement.type === 'VariableDeclaration') {
      for (const declaration of statement.declarations) {
        const source = requiredModule(declaration.init);
        if (source === undefined || !matches(source) || declaration.id.type !== 'Identifier') continue;
        found.push({ name: declaration.id.name, statement, imported: declaration.init?.type === 'MemberExpression' ? undefined : 'default' });
      }
    }
  }
  return found;
}

/** Whether a module specifier points at `name` (its last segment, with or without an extension). */
/** The module specifier that imports `to` (a project path, without extension) from the file `from`. */
export function relativeImport(from: string, to: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to);
  return relative.startsWith('.') ? relative : `./${relative}`;
}

export const pointsAt = (source: string, name: string) => path.posix.basename(source).replace(/\.[cm]?[jt]sx?$/, '') === name;

// ---- how the file writes things -------------------------------------------------------------

/** The quote of the module specifiers (the last import's or require's), else of the file's strings, else single. */
export function quoteOf(ast: t.File, text: string): "'" | '"' {
  const sources = ast.program.body.flatMap((s) => (s.type === 'ImportDeclaration' ? [s.source] : []));
  const strings = sources.length ? sources : find(ast, (n): n is t.StringLiteral => n.type === 'StringLiteral').map(([n]) => n);
  const raw = strings.map((s) => text[s.start!]);
  if (sources.length) return raw.at(-1) === '"' ? '"' : "'";
  return raw.filter((q) => q === '"').length > raw.length / 2 ? '"' : "'";
}

/** Whether the statement is ended by a semicolon. */
export const endsWithSemicolon = (text: string, node: t.Node) => text[node.end! - 1] === ';';

/** Whether most of the file's simple statements (anywhere in it) end with a semicolon. */
export function usesSemicolons(ast: t.File, text: string): boolean {
  const kinds = ['ImportDeclaration', 'ExpressionStatement', 'VariableDeclaration', 'ReturnStatement'];
  const simple = find(ast, (n): n is t.Statement => kinds.includes(n.type));
  return simple.filter(([s]) => endsWithSemicolon(text, s)).length * 2 > simple.length;
}

/** One level of the file's indentation: the first indented line's (JSDoc continuation lines aside), else two spaces. */
export function indentUnit(text: string): string {
  for (const line of text.split('\n')) {
    const indent = /^([ \t]+)\S/.exec(line);
    if (indent && !line.trimStart().startsWith('*')) return indent[1];
  }
  return '  ';
}

/** Whether only spaces and comments that end on this line stand between `from` and the line's end. */
function restOfLineIsComment(ast: t.File, text: string, from: number): boolean {
  const end = lineEnd(text, from);
  let at = from;
  while (at < end) {
    if (text[at] === ' ' || text[at] === '\t') at++;
    else {
      const comment = ast.comments?.find((c) => c.start === at);
      if (!comment || comment.end! > end) return false;
      at = comment.end!;
    }
  }
  return true;
}

/** `code` as a statement of its own line after `statement`, indented like it. */
export function statementAfter(ast: t.File, text: string, statement: t.Node, code: string): Insertion {
  const eol = lineEnding(text);
  const indent = indentAt(text, statement.start!);
  if (restOfLineIsComment(ast, text, statement.end!)) return { at: lineEnd(text, statement.end!), text: `${eol}${indent}${code}` };
  return { at: statement.end!, text: `${eol}${indent}${code}` };
}

/** `code` as a statement of its own line before `statement` (and the comments that lead it). */
export function statementBefore(text: string, statement: t.Node, code: string): Insertion {
  const first = statement.leadingComments?.[0]?.start ?? statement.start!;
  const at = startsLine(text, first) ? first : statement.start!;
  if (!startsLine(text, at)) return { at, text: `${code} ` };
  return { at: lineStart(text, at), text: `${indentAt(text, at)}${code}${lineEnding(text)}` };
}

/**
 * An import (or require) line added after the last of `after` (the file's import statements),
 * else at the top after any directives ('use client'), followed by a blank line.
 */
export function importAfter(ast: t.File, text: string, after: t.Statement[], code: string): Insertion {
  const last = after.at(-1);
  if (last) return statementAfter(ast, text, last, code);
  const eol = lineEnding(text);
  const directive = ast.program.directives.at(-1);
  if (!directive) return { at: 0, text: `${code}${eol}${eol}` };
  return { at: lineEnd(text, directive.end!), text: `${eol}${eol}${code}` };
}

export const importStatements = (ast: t.File) => ast.program.body.filter((s): s is t.ImportDeclaration => s.type === 'ImportDeclaration');

/** `const`/`var` for an added require, after the file's last require. */
export const declarationKind = (statement: t.Node | undefined) => (statement?.type === 'VariableDeclaration' && statement.kind === 'var' ? 'var' : 'const');

/**
 * The text of [start, end) with every line after the first indented by `step` more, except lines
 * that begin inside a string or template literal (their content must not change).
 */
export function reindent(ast: t.File, text: string, start: number, end: number, step: string): string {
  const literals = find(ast, (n): n is t.Node => n.type === 'TemplateLiteral' || n.type === 'StringLiteral').map(([n]) => [n.start!, n.end!]);
  const inLiteral = (offset: number) => literals.some(([s, e]) => offset > s && offset < e);
  let out = '';
  for (let i = start; i < end; i++) {
    out += text[i];
    if (text[i] === '\n' && i + 1 < end && !inLiteral(i + 1) && text[i + 1] !== '\n' && text[i + 1] !== '\r') out += step;
  }
  return out;
}

/**
 * The shared shape of every JS/TS wiring: parse, say whether it is already wired, compute the
 * insertions, and keep the result only when it parses and is then found wired.
 */
export function wireModule(
  file: string,
  text: string,
  isWired: (ast: t.File) => boolean,
  edit: (ast: t.File) => Insertion[] | undefined,
): 'already' | string | undefined {
  const ast = parseModule(text, file);
  if (!ast) return undefined;
  if (isWired(ast)) return 'already';
  const insertions = edit(ast);
  if (!insertions) return undefined;
  const edited = keepIfParses(javascript(file), text, applyInsertions(text, insertions));
  const tree = edited === undefined ? undefined : parseModule(edited, file);
  return tree && isWired(tree) ? edited : undefined;
}

// ---- JSX ---------------------------------------------------------------------------------------

/** The element's tag name when it is a plain identifier (`App`, `body`), else undefined. */
export const tagName = (node: t.Node): string | undefined =>
  node.type === 'JSXElement' && node.openingElement.name.type === 'JSXIdentifier' ? node.openingElement.name.name : undefined;

export const elementsNamed = (root: t.Node, names: string[]) =>
  find(root, (n): n is t.JSXElement => n.type === 'JSXElement' && names.includes(tagName(n) ?? ''));

/** The children that are not layout whitespace. */
export const meaningfulChildren = (element: t.JSXElement | t.JSXFragment) =>
  element.children.filter((child) => child.type !== 'JSXText' || child.value.trim() !== '');

/**
 * [start, end) wrapped in `open` … `close`: on lines of their own, the range one level deeper,
 * when the range has its lines to itself (a `,` may follow, as in render arguments); inline
 * otherwise. `outer` is the node the range sits in, whose indentation gives the level's width.
 */
export function wrapRange(ast: t.File, text: string, start: number, end: number, open: string, close: string, outer: t.Node): Insertion[] {
  const rest = text.slice(end, lineEnd(text, end)).trim();
  if (!startsLine(text, start) || (rest !== '' && rest !== ','))
    return [
      { at: start, text: open },
      { at: end, text: close },
    ];
  const eol = lineEnding(text);
  const indent = indentAt(text, start);
  const outerIndent = indentAt(text, outer.start!);
  const step = indent.length > outerIndent.length && indent.startsWith(outerIndent) ? indent.slice(outerIndent.length) : indentUnit(text);
  return [{ at: start, end, text: `${open}${eol}${indent}${step}${reindent(ast, text, start, end, step)}${eol}${indent}${close}` }];
}
