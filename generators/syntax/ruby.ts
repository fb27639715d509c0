// Reading Ruby (config/routes.rb, the code of ERB views) through its tree-sitter tree.
import { embeddedTemplate, ruby, type Node, type Tree } from './tree-sitter.js';

export { embeddedTemplate, ruby };

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

/**
 * The Ruby of an ERB template as one tree over its code directives, so a `do` and its `end` in two
 * tags still pair up; positions are the template's. Undefined without code. Load both grammars first.
 */
export function parseErb(text: string): Tree | undefined {
  const template = embeddedTemplate.parse(text);
  try {
    const ranges = template.rootNode
      .descendantsOfType('code')
      .flatMap((code) =>
        code ? [{ startIndex: code.startIndex, endIndex: code.endIndex, startPosition: code.startPosition, endPosition: code.endPosition }] : [],
      );
    // No ranges would mean the whole text.
    return ranges.length ? ruby.parse(text, ranges) : undefined;
  } finally {
    template.delete();
  }
}
