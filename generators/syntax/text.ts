// Edits as insertions at offsets that a parser found: applied from the end of the file
// backwards, so every offset still points where the parser said.

export interface Insertion {
  at: number;
  text: string;
  /** Replace [at, end) instead of inserting (a wrapped range, re-indented). */
  end?: number;
}

/** `text` with every insertion made; insertions at the same offset keep their given order. */
export function splice(text: string, insertions: Insertion[]): string {
  const ordered = insertions.map((insertion, order) => ({ ...insertion, order })).sort((a, b) => b.at - a.at || b.order - a.order);
  let out = text;
  for (const { at, end, text: inserted } of ordered) out = `${out.slice(0, at)}${inserted}${out.slice(end ?? at)}`;
  return out;
}
