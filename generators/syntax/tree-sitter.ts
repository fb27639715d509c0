// Tree-sitter parsers for the users' Python and Ruby files. @vscode/tree-sitter-wasm ships the
// runtime and every grammar prebuilt as WebAssembly in one package (no install script, no
// native build); a grammar is loaded the first time a wiring step needs it.
import { createRequire } from 'node:module';
import treeSitter, { type Node, type Parser, type Range, type Tree } from '@vscode/tree-sitter-wasm';
import type { Syntax } from './guard.js';

export type { Node, Range, Tree };

const require = createRequire(import.meta.url);
let runtime: Promise<void> | undefined;

/** One language's parser. `load()` once (it is asynchronous), then parse synchronously. */
export class Grammar implements Syntax {
  private parser: Parser | undefined;
  private loading: Promise<this> | undefined;

  constructor(
    readonly name: string,
    /** The grammar's .wasm, as a module path resolved from this package. */
    private readonly wasm: string,
  ) {}

  /** Resolves when the grammar is ready; later calls cost nothing. */
  load(): Promise<this> {
    this.loading ??= (async () => {
      await (runtime ??= treeSitter.Parser.init());
      const language = await treeSitter.Language.load(require.resolve(this.wasm));
      this.parser = new treeSitter.Parser();
      this.parser.setLanguage(language);
      return this;
    })();
    return this.loading;
  }

  /** The tree of the text, or of its `ranges` only, read as one piece (the Ruby of an ERB template). */
  parse(text: string, ranges?: Range[]): Tree {
    if (!this.parser) throw new Error(`The ${this.name} grammar is not loaded yet: await load() first.`);
    const tree = this.parser.parse(text, null, ranges && { includedRanges: ranges });
    if (!tree) throw new Error(`The ${this.name} parser gave no tree.`);
    return tree;
  }

  /** True when the text parses with no ERROR or MISSING node. */
  parses(text: string): boolean {
    const tree = this.parse(text);
    try {
      return !tree.rootNode.hasError;
    } finally {
      tree.delete();
    }
  }
}

export const python = new Grammar('Python', '@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm');
export const ruby = new Grammar('Ruby', '@vscode/tree-sitter-wasm/wasm/tree-sitter-ruby.wasm');
// ERB (and EJS): text and code directives; the code is read with the Ruby grammar.
export const embeddedTemplate = new Grammar('ERB', 'tree-sitter-embedded-template/tree-sitter-embedded_template.wasm');
