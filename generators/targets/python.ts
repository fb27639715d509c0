// What the Python backends (Flask, Django) share in how they write code.

/** Python's keywords: `user.from` would not parse, so such an attribute is read with getattr(). */
const KEYWORDS = new Set(
  'and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

/** `user.phone`, or `getattr(user, "from")` for a name that is a Python keyword. */
export const pythonAttribute = (object: string, name: string): string => (KEYWORDS.has(name) ? `getattr(${object}, "${name}")` : `${object}.${name}`);
