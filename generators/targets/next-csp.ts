// --csp on Next.js: the Messenger's sources merged into the Content-Security-Policy header that
// next.config's headers() sends. Babel finds the header's value (a string, or the const string it
// is made from, as in Next's CSP guide); the policy inside is split at its `;` and spaces, and each
// directive gains its sources in place, so the literal keeps its layout.
import { cspMerges, type CspMerged } from '../csp.js';
import type { Plan } from '../steps/plan.js';
import { keepIfParses } from '../syntax/guard.js';
import { applyInsertions, lineEnding, type Insertion } from '../syntax/insert.js';
import { find, javascript, parseModule, type t } from '../syntax/javascript.js';
import type { FrontendAnswers } from './types.js';

type Region = FrontendAnswers['region'];

export const NEXT_CONFIGS = ['next.config.ts', 'next.config.mjs', 'next.config.js', 'next.config.cjs'];

type PolicyLiteral = t.StringLiteral | t.TemplateLiteral;

const propertyValue = (object: t.ObjectExpression, name: string) =>
  object.properties.find(
    (p): p is t.ObjectProperty =>
      p.type === 'ObjectProperty' && ((p.key.type === 'Identifier' && p.key.name === name) || (p.key.type === 'StringLiteral' && p.key.value === name)),
  )?.value;

/** A literal whose source text is its value (no escapes, no `${}`): its policy can be edited in place. */
function plainLiteral(node: t.Node | null | undefined, text: string): PolicyLiteral | undefined {
  if (node?.type === 'StringLiteral' && text.slice(node.start! + 1, node.end! - 1) === node.value) return node;
  if (node?.type === 'TemplateLiteral' && !node.expressions.length && node.quasis[0].value.raw === node.quasis[0].value.cooked) return node;
  return undefined;
}

/** The literal a header value comes from: itself, or the module-level const it names (`cspHeader.replace(/\n/g, '')`). */
function policyLiteral(ast: t.File, text: string, value: t.Node): PolicyLiteral | undefined {
  let root: t.Node = value;
  while (root.type === 'CallExpression' && root.callee.type === 'MemberExpression') root = root.callee.object;
  if (root.type !== 'Identifier') return plainLiteral(root, text);
  const name = root.name;
  const declarations = find(ast, (n): n is t.VariableDeclarator => n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.id.name === name);
  return declarations.length === 1 ? plainLiteral(declarations[0][0].init, text) : undefined;
}

/** The Content-Security-Policy header objects (`{ key, value }`) of the config; their policy literal each. */
function policyLiterals(ast: t.File, text: string): (PolicyLiteral | undefined)[] {
  const headers = find(ast, (n): n is t.ObjectExpression => {
    if (n.type !== 'ObjectExpression') return false;
    const key = propertyValue(n, 'key');
    return key?.type === 'StringLiteral' && key.value.toLowerCase() === 'content-security-policy';
  });
  return headers.map(([header]) => {
    const value = propertyValue(header, 'value');
    return value && policyLiteral(ast, text, value);
  });
}

interface Directive {
  name: string;
  sources: string[];
  /** Where its text ends in the file (before its `;`). */
  end: number;
}

/** The directives of a policy literal, with their positions in the file. */
function directivesOf(text: string, literal: PolicyLiteral): Directive[] {
  const start = literal.start! + 1;
  const body = text.slice(start, literal.end! - 1);
  const found: Directive[] = [];
  let offset = 0;
  for (const part of body.split(';')) {
    const tokens = part.trim().split(/\s+/).filter(Boolean);
    if (tokens.length) found.push({ name: tokens[0].toLowerCase(), sources: tokens.slice(1), end: start + offset + part.trimEnd().length });
    offset += part.length + 1;
  }
  return found;
}

function plan(ast: t.File, text: string, region: Region) {
  const literals = [...new Set(policyLiterals(ast, text))];
  if (literals.length !== 1 || !literals[0]) return undefined;
  const literal = literals[0];
  const directives = directivesOf(text, literal);
  const merges = cspMerges(new Map(directives.map((d) => [d.name, d.sources])), region);
  const delimiter = text[literal.start!];
  if (merges.some(({ add }) => add.some((source) => source.includes(delimiter)))) return undefined;
  const insertions: Insertion[] = [];
  const added: string[] = [];
  for (const { directive, add, from } of merges) {
    const own = directives.find((d) => d.name === directive);
    if (own) insertions.push({ at: own.end, text: ` ${add.join(' ')}` });
    else added.push([directive, ...directives.find((d) => d.name === from)!.sources, ...add].join(' '));
  }
  if (added.length) {
    const last = directives.at(-1)!;
    // One directive a line when the literal spans lines, as in Next's guide.
    const lineStart = text.lastIndexOf('\n', last.end) + 1;
    const multiline = lineStart > literal.start!;
    const indent = multiline ? /^[ \t]*/.exec(text.slice(lineStart))![0] : '';
    const closed = text[last.end] === ';';
    const separator = multiline ? `${lineEnding(text)}${indent}` : ' ';
    insertions.push({ at: closed ? last.end + 1 : last.end, text: `${closed ? '' : ';'}${added.map((line) => `${separator}${line};`).join('')}` });
  }
  return { merges, insertions };
}

/** Merges into the policy next.config's headers() sends; undefined when there is no single plain one to edit. */
export function mergeNextCsp(files: Plan, region: Region): CspMerged | undefined {
  const file = NEXT_CONFIGS.find((candidate) => files.read(candidate) !== undefined);
  const text = file && files.read(file);
  const ast = file && text !== undefined ? parseModule(text, file) : undefined;
  const found = ast && plan(ast, text!, region);
  if (!found) return undefined;
  if (!found.insertions.length) return { file: file!, merges: [] };
  const edited = keepIfParses(javascript(file!), text!, applyInsertions(text!, found.insertions));
  const tree = edited === undefined ? undefined : parseModule(edited, file!);
  // The edit must leave nothing to merge, or it is not kept.
  if (!tree || plan(tree, edited!, region)?.merges.length !== 0) return undefined;
  files.edit(file!, () => edited);
  return { file: file!, merges: found.merges };
}
