// .svelte components, parsed by the app's own svelte/compiler (every Svelte app has it), so the
// syntax is the app's: Svelte 5 with or without runes, or Svelte 4.
import { createRequire } from 'node:module';
import path from 'node:path';

/** A node of Svelte's syntax tree: markup, blocks, and the ESTree nodes of scripts and expressions. */
export interface SvelteNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

export type SvelteParse = (source: string, options: { modern: true }) => unknown;

/** The svelte/compiler's parse installed in the app at `root`; undefined when it cannot be loaded. */
export function svelteParser(root: string): SvelteParse | undefined {
  try {
    return (createRequire(path.join(root, 'package.json'))('svelte/compiler') as { parse: SvelteParse }).parse;
  } catch {
    return undefined;
  }
}

/** The component's syntax tree (Svelte 5's modern shape where the compiler has it); undefined when it does not parse. */
export function parseSvelte<Root>(parse: SvelteParse, text: string): Root | undefined {
  try {
    return parse(text, { modern: true }) as Root;
  } catch {
    return undefined;
  }
}

const isNode = (value: unknown): value is SvelteNode =>
  typeof value === 'object' && value !== null && typeof (value as SvelteNode).type === 'string' && typeof (value as SvelteNode).start === 'number';

/** Every node under `root`, in source order within each parent: scripts, markup, and the expressions in both. */
export function* svelteNodes(root: unknown): Generator<SvelteNode> {
  if (Array.isArray(root)) {
    for (const item of root) yield* svelteNodes(item);
    return;
  }
  if (typeof root !== 'object' || root === null) return;
  if (isNode(root)) yield root;
  for (const [key, value] of Object.entries(root)) {
    // `parent` points back up; `loc` and `metadata` hold positions and analysis, no nodes.
    if (key !== 'parent' && key !== 'loc' && key !== 'metadata' && typeof value === 'object') yield* svelteNodes(value);
  }
}
