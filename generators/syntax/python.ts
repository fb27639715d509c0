// Reading and extending a Python module through its tree-sitter tree: statements, calls,
// imports, and where a new import line goes.
import { lineAfter, lineEnd, lineEnding, type Insertion } from './insert.js';
import type { Node } from './tree-sitter.js';

export { python } from './tree-sitter.js';

const present = (nodes: (Node | null)[]) => nodes.filter((node): node is Node => node !== null);

/** The statements of a module or block, comments left out. */
export const statements = (node: Node) => present(node.namedChildren).filter((child) => child.type !== 'comment');

/** Every descendant of `node` of these types, in source order. */
export const descendants = (node: Node, types: string | string[]) => present(node.descendantsOfType(types));

/** The expression of an expression statement (`app.run()`, `x = 1`), else undefined. */
export const expressionOf = (statement: Node) => (statement.type === 'expression_statement' ? (statement.namedChild(0) ?? undefined) : undefined);

/** The called name: `f` for `f(…)` and for `a.b.f(…)`. */
export function calleeName(call: Node): string | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'identifier') return callee.text;
  if (callee?.type === 'attribute') return callee.childForFieldName('attribute')?.text;
  return undefined;
}

/** `object.method(…)`: the object's source text, when the callee is an attribute named `method`. */
export function receiverOf(call: Node, method: string): string | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== method) return undefined;
  return callee.childForFieldName('object')?.text;
}

/** The positional arguments of a call (keyword arguments and comments left out). */
export const positionalArguments = (call: Node) =>
  present(call.childForFieldName('arguments')?.namedChildren ?? []).filter((arg) => arg.type !== 'keyword_argument' && arg.type !== 'comment');

/** The value of a string literal without its quotes, or undefined for f-strings, concatenations and other expressions. */
export function stringValue(node: Node): string | undefined {
  if (node.type !== 'string' || node.namedChildren.some((child) => child?.type === 'interpolation')) return undefined;
  return present(node.namedChildren)
    .filter((child) => child.type === 'string_content')
    .map((child) => child.text)
    .join('');
}

/** The quote the module's string literals mostly use (single when there are none). */
export function quoteOf(root: Node): "'" | '"' {
  let single = 0;
  let double = 0;
  for (const start of descendants(root, 'string_start')) {
    if (start.text.endsWith('"')) double++;
    else single++;
  }
  return double > single ? '"' : "'";
}

export interface ImportedName {
  /** `django.urls` for `from django.urls import path`; `.` for `from . import x`; undefined for `import x`. */
  from: string | undefined;
  /** The imported name: `path`, `x`, `a.b`. */
  name: string;
  /** The name it is bound to in the module (the alias when there is one). */
  bound: string;
}

/** Every name that the module's import statements bind, wherever the statement is. */
export function importedNames(root: Node): ImportedName[] {
  return descendants(root, ['import_statement', 'import_from_statement']).flatMap((statement) => {
    const from = statement.type === 'import_from_statement' ? statement.childForFieldName('module_name')?.text : undefined;
    return present(statement.childrenForFieldName('name')).map((node) => {
      const name = (node.type === 'aliased_import' ? node.childForFieldName('name') : node)?.text ?? '';
      const bound = node.type === 'aliased_import' ? (node.childForFieldName('alias')?.text ?? name) : name.split('.')[0];
      return { from, name, bound };
    });
  });
}

const isImport = (node: Node) => ['import_statement', 'import_from_statement', 'future_import_statement'].includes(node.type);
const isDocstring = (node: Node) => expressionOf(node)?.type === 'string';

/**
 * The insertion of a new module-level import line: after the last import of the module's leading
 * block of imports (its docstring and comments skipped); without one, before the first statement
 * (after a docstring), followed by a blank line.
 */
export function importInsertion(text: string, root: Node, line: string): Insertion {
  const body = statements(root);
  let lastImport: Node | undefined;
  for (const [index, statement] of body.entries()) {
    if (isImport(statement)) lastImport = statement;
    else if (!(index === 0 && isDocstring(statement))) break;
  }
  if (lastImport) return lineAfter(text, lastImport.endIndex, line, '');
  const eol = lineEnding(text);
  const first = body[0];
  if (first && isDocstring(first)) return { at: lineEnd(text, first.endIndex), text: `${eol}${eol}${line}` };
  return { at: first ? first.startIndex : text.length, text: `${line}${eol}${eol}` };
}
