// The one rule every edit of a user's source file obeys: an edit that would turn a file that
// parses into one that does not is dropped, and the caller prints the snippet instead.

/** A language's parser, reduced to the one question the guard asks. */
export interface Syntax {
  /** The language's name, for messages ("Python", "TypeScript (TSX)", …). */
  name: string;
  /** True when `text` parses without a syntax error. */
  parses(text: string): boolean;
}

/**
 * The edited text when it is a real change that keeps the file parsing; undefined when there is
 * nothing to change or the edit would break a file that parsed before.
 */
export function keepIfParses(syntax: Syntax, before: string, after: string | undefined): string | undefined {
  if (after === undefined || after === before) return undefined;
  if (!syntax.parses(after) && syntax.parses(before)) return undefined;
  return after;
}
