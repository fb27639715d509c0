// Reading a Ruby file (config/routes.rb) through its tree-sitter tree.
import type { Node } from './tree-sitter.js';

export { ruby } from './tree-sitter.js';

/** Every method call in `node` named `method`, in source order. */
export const callsOf = (node: Node, method: string) =>
  node.descendantsOfType('call').filter((call): call is Node => call !== null && call.childForFieldName('method')?.text === method);

/** The name a symbol or a plain string literal spells (`:intercom`, `'intercom'`, `"intercom"`); else undefined. */
export function symbolName(node: Node | null | undefined): string | undefined {
  if (node?.type === 'simple_symbol') return node.text.slice(1);
  if (node?.type === 'string' && node.namedChildren.every((child) => child?.type === 'string_content')) return node.namedChildren[0]?.text ?? '';
  return undefined;
}

/** The first argument of a call, parenthesised or not. */
export const firstArgument = (call: Node) => call.childForFieldName('arguments')?.namedChildren.find((arg) => arg?.type !== 'comment') ?? undefined;
