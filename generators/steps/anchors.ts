// Anchored, idempotent edits of the user's source files. Each helper finds a clearly
// recognisable line, inserts next to it with that line's indentation, and returns undefined
// when the anchor is missing, so the caller changes nothing and prints the snippet instead.

export const lines = (text: string) => text.split('\n');

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0];

/** Index of the last line of the leading import/require block (multi-line imports included). */
export function lastImportLine(text: string, language: 'js' | 'python'): number {
  const all = lines(text);
  const start = language === 'js' ? /^(import\s|(const|let|var)\s+.+=\s*require\()/ : /^(from\s+\S+\s+import\s|import\s)/;
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
export function addImport(text: string, importLine: string, language: 'js' | 'python'): string {
  const index = lastImportLine(text, language);
  return index === -1 ? `${importLine}\n\n${text}` : insertAt(text, index, importLine);
}

export function findLine(text: string, pattern: RegExp, from = 0): number {
  const all = lines(text);
  for (let i = from; i < all.length; i++) if (pattern.test(all[i])) return i;
  return -1;
}

export function findLastLine(text: string, pattern: RegExp): number {
  const all = lines(text);
  for (let i = all.length - 1; i >= 0; i--) if (pattern.test(all[i])) return i;
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

/**
 * How the file writes its imports (the last import line decides): the quote around the module
 * name and whether a semicolon ends the statement. Without imports: quoteStyle, and semicolons
 * when any line ends with one. Use it to write an added import line in the file's own style.
 */
export function importStyle(text: string): { quote: "'" | '"'; semicolon: boolean } {
  const imports = [...text.matchAll(/^(?:import\s.*?|\}\s*from\s*)(['"])[^'"\n]+\1\s*(;?)[ \t]*$/gm)];
  const last = imports.at(-1);
  if (!last) return { quote: quoteStyle(text), semicolon: /;[ \t]*$/m.test(text) };
  return { quote: last[1] as "'" | '"', semicolon: last[2] === ';' };
}

/** Index just past the string or template literal that starts at `start`; -1 when it never ends. */
function stringEnd(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === quote) return i + 1;
    else if (quote === '`' && c === '$' && text[i + 1] === '{') {
      const end = closingBracket(text, i + 1);
      if (end === -1) return -1;
      i = end;
    } else if (c === '\n' && quote !== '`') return -1;
  }
  return -1;
}

/**
 * JS/TS: the index of the bracket that closes the `(`, `[` or `{` at `open`, skipping strings,
 * template literals and comments; -1 when the brackets do not balance. `visit(index, depth)`
 * sees every other character on the way (depth 1: directly inside; a nested bracket is seen at
 * the depth it sits at). Regular-expression literals are not recognised.
 */
export function closingBracket(text: string, open: number, visit?: (index: number, depth: number) => void): number {
  const closers: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  let i = open;
  while (i < text.length) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      i = text.indexOf('\n', i);
      if (i === -1) return -1;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) return -1;
      i = end + 2;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const end = stringEnd(text, i);
      if (end === -1) return -1;
      i = end;
      continue;
    }
    if (c in closers) {
      if (stack.length) visit?.(i, stack.length);
      stack.push(closers[c]);
    } else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) return -1;
      if (!stack.length) return i;
      visit?.(i, stack.length);
    } else if (stack.length) visit?.(i, stack.length);
    else return -1; // `open` is not a bracket
    i++;
  }
  return -1;
}

/**
 * A direct property of the object literal whose `{` is at `open`, written as `name: value`
 * (an identifier key): where its key and its value start. Undefined when the object has no
 * such property or does not balance.
 */
export function objectProperty(text: string, open: number, name: string): { key: number; value: number } | undefined {
  const key = new RegExp(`^${name}\\s*:\\s*`);
  let previous = '{';
  let found: { key: number; value: number } | undefined;
  const close = closingBracket(text, open, (i, depth) => {
    if (/\s/.test(text[i])) return;
    if (depth === 1 && !found && (previous === '{' || previous === ',')) {
      const match = key.exec(text.slice(i, i + name.length + 40));
      if (match) found = { key: i, value: i + match[0].length };
    }
    previous = text[i];
  });
  return close === -1 ? undefined : found;
}
