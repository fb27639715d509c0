// Insertions at positions taken from a syntax tree, written in the file's own line endings and
// indentation. Positions are string indices (tree-sitter's startIndex/endIndex, Babel's start/end, parse5's offsets).

export interface Insertion {
  at: number;
  text: string;
  /** Replace [at, end) instead of inserting (a wrapped range, re-indented). */
  end?: number;
}

/** The file's line ending: CRLF when it uses CRLF, else LF. */
export const lineEnding = (text: string) => (text.includes('\r\n') ? '\r\n' : '\n');

export const lineStart = (text: string, index: number) => text.lastIndexOf('\n', index - 1) + 1;

/** Index of the end of the line holding `index` (before its line ending). */
export function lineEnd(text: string, index: number): number {
  const newline = text.indexOf('\n', index);
  if (newline === -1) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

/** The leading whitespace of the line holding `index`. */
export const indentAt = (text: string, index: number) => /^[ \t]*/.exec(text.slice(lineStart(text, index)))![0];

/** True when only whitespace precedes `index` on its line: a statement there can get a line of its own before it. */
export const startsLine = (text: string, index: number) => text.slice(lineStart(text, index), index).trim() === '';

/** A new line after the line where `end` is (past a trailing comment), indented like `indent`. */
export const lineAfter = (text: string, end: number, line: string, indent: string): Insertion => ({
  at: lineEnd(text, end),
  text: `${lineEnding(text)}${indent}${line}`,
});

/** A new line just before the statement starting at `start`, which must begin its line; indented like it. */
export function lineBefore(text: string, start: number, line: string): Insertion | undefined {
  if (!startsLine(text, start)) return undefined;
  return { at: lineStart(text, start), text: `${indentAt(text, start)}${line}${lineEnding(text)}` };
}

/** Applies insertions (any order), from the end backwards so every offset still points where the parser said; two at one position keep the order given. */
export function applyInsertions(text: string, insertions: Insertion[]): string {
  const ordered = insertions.map((insertion, order) => ({ ...insertion, order })).sort((a, b) => b.at - a.at || b.order - a.order);
  return ordered.reduce((result, { at, end, text: added }) => `${result.slice(0, at)}${added}${result.slice(end ?? at)}`, text);
}
