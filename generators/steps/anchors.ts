// Line-anchored edits of Python and Ruby files (JavaScript, TypeScript and HTML are edited on a
// syntax tree: ../syntax/). Each helper finds a clearly recognisable line, inserts next to it
// with that line's indentation, and returns undefined when the anchor is missing.

export const lines = (text: string) => text.split('\n');

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0];

/** Index of the last line of the leading import/require block (multi-line imports included). */
export function lastImportLine(text: string, _language: 'python'): number {
  const all = lines(text);
  const start = /^(from\s+\S+\s+import\s|import\s)/;
  let last = -1;
  for (let i = 0; i < all.length; i++) {
    if (!start.test(all[i])) continue;
    last = i;
    // A statement that opens a bracket ends where the bracket closes.
    if (/[({]\s*$/.test(all[i])) while (last < all.length - 1 && !/[)}]/.test(all[last])) last++;
  }
  return last;
}

/** Inserts `snippet` (one or more lines) after line `index`, or at the top when index is -1. */
export function insertAt(text: string, index: number, snippet: string): string {
  const all = lines(text);
  all.splice(index + 1, 0, ...snippet.split('\n'));
  return all.join('\n');
}

/** Inserts after the leading imports, with a blank line after when the file starts with code. */
export function addImport(text: string, importLine: string, language: 'python'): string {
  const index = lastImportLine(text, language);
  return index === -1 ? `${importLine}\n\n${text}` : insertAt(text, index, importLine);
}

export function findLine(text: string, pattern: RegExp, from = 0): number {
  const all = lines(text);
  for (let i = from; i < all.length; i++) if (pattern.test(all[i])) return i;
  return -1;
}

/** Inserts `line` before (or after) line `index`, indented like it (plus `extraIndent`). */
export function insertBeside(text: string, index: number, line: string, where: 'before' | 'after', extraIndent = ''): string {
  const all = lines(text);
  const indented = `${indentOf(all[index])}${extraIndent}${line}`;
  all.splice(where === 'before' ? index : index + 1, 0, indented);
  return all.join('\n');
}

/** The quote character the file mostly uses for strings. */
export function quoteStyle(text: string): "'" | '"' {
  return (text.match(/'/g)?.length ?? 0) >= (text.match(/"/g)?.length ?? 0) ? "'" : '"';
}
