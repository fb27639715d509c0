// HTML pages through parse5, the WHATWG parser (the tree a browser builds): it finds the real
// </body> (any case, not one inside a comment or a script), and reports parse errors for the guard.
import { createRequire } from 'node:module';
import type { DefaultTreeAdapterMap } from 'parse5';
import type { Syntax } from './guard.js';

// Loaded on first use: only runs that wire a page need it.
let parse5: typeof import('parse5') | undefined;
const parser = () => (parse5 ??= createRequire(import.meta.url)('parse5') as typeof import('parse5'));

type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];

/** The page's tree with source offsets, and the parse errors the HTML standard names. */
export function parsePage(text: string): { document: DefaultTreeAdapterMap['document']; errors: string[] } {
  const errors: string[] = [];
  const document = parser().parse(text, { sourceCodeLocationInfo: true, onParseError: (error) => errors.push(error.code) });
  return { document, errors };
}

export const html: Syntax = { name: 'HTML', parses: (text) => parsePage(text).errors.length === 0 };

/** Every element of the tree, in document order. */
export function elements(root: Node): Element[] {
  const found: Element[] = [];
  const visit = (node: Node) => {
    if ('tagName' in node) found.push(node);
    if ('childNodes' in node) node.childNodes.forEach(visit);
    if ('content' in node) visit(node.content as Node);
  };
  visit(root);
  return found;
}

export const attribute = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value;
