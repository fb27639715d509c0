// --csp on Rails: the Messenger's sources merged into the app's `content_security_policy do |policy|`
// block, through tree-sitter's Ruby tree: `policy.<directive>` calls gain the sources they lack, a
// missing directive is added after the others, and an app without a block (no initializer, or
// Rails' generated one, all comments) gets Rails' own suggested policy with the Messenger's sources.
import { cspMerges, type CspMerged, type DirectiveMerge } from '../csp.js';
import { keepIfParses } from '../syntax/guard.js';
import { applyInsertions, indentAt, lineEnding, type Insertion } from '../syntax/insert.js';
import { callsOf, ruby, symbolName } from '../syntax/ruby.js';
import type { Node } from '../syntax/tree-sitter.js';
import type { Plan } from '../steps/plan.js';
import type { FrontendAnswers } from './types.js';

type Region = FrontendAnswers['region'];

export const CSP_INITIALIZER = 'config/initializers/content_security_policy.rb';
/** Where a policy block may live: the initializer, else the application's configuration. */
const CSP_FILES = [CSP_INITIALIZER, 'config/application.rb'];

/** The symbols Rails' policy DSL turns into sources (ActionDispatch::ContentSecurityPolicy::MAPPINGS). */
const SYMBOLS: Record<string, string> = {
  self: "'self'",
  unsafe_eval: "'unsafe-eval'",
  unsafe_inline: "'unsafe-inline'",
  none: "'none'",
  http: 'http:',
  https: 'https:',
  data: 'data:',
  mediastream: 'mediastream:',
  blob: 'blob:',
  filesystem: 'filesystem:',
  report_sample: "'report-sample'",
  strict_dynamic: "'strict-dynamic'",
  ws: 'ws:',
  wss: 'wss:',
};
const SYMBOL_OF = Object.fromEntries(Object.entries(SYMBOLS).map(([symbol, source]) => [source, `:${symbol}`]));

/** Rails' suggested policy (the block its generator writes, commented out), for an app that has none yet. */
const RAILS_POLICY = [
  'Rails.application.config.content_security_policy do |policy|',
  '  policy.default_src :self, :https',
  '  policy.font_src    :self, :https, :data',
  '  policy.img_src     :self, :https, :data',
  '  policy.object_src  :none',
  '  policy.script_src  :self, :https',
  '  policy.style_src   :self, :https',
  'end',
];

/** The one `content_security_policy do |policy| … end` block of a tree, with its parameter; undefined when there is none or several. */
function policyBlock(root: Node): { body: Node | null; block: Node; param: string } | undefined {
  const calls = callsOf(root, 'content_security_policy').filter((call) => call.childForFieldName('block'));
  if (calls.length !== 1) return undefined;
  const block = calls[0].childForFieldName('block')!;
  const param = block.childForFieldName('parameters')?.namedChildren[0];
  if (param?.type !== 'identifier') return undefined;
  return { body: block.childForFieldName('body'), block, param: param.text };
}

/** The source a DSL argument stands for: a symbol of Rails' table or a plain string; undefined for code (a lambda, interpolation). */
function sourceOf(argument: Node): string | undefined {
  if (argument.type === 'simple_symbol') return SYMBOLS[argument.text.slice(1)];
  return argument.type === 'string' ? symbolName(argument) : undefined;
}

interface Found {
  merges: DirectiveMerge[];
  insertions: Insertion[];
}

/** What the block lacks and the insertions that add it; undefined when it cannot be read safely. */
function plan(text: string, region: Region): Found | undefined {
  const tree = ruby.parse(text);
  try {
    const found = policyBlock(tree.rootNode);
    if (!found) return undefined;
    const calls = new Map<string, Node>();
    for (const statement of found.body?.namedChildren ?? []) {
      if (!statement || statement.type === 'comment') continue;
      const receiver = statement.type === 'call' ? statement.childForFieldName('receiver') : undefined;
      // Anything but `policy.<directive> …` (a condition, a loop) may set a directive we cannot see: leave the block alone.
      if (receiver?.text !== found.param) return undefined;
      calls.set(statement.childForFieldName('method')!.text.replaceAll('_', '-'), statement);
    }
    const argumentsOf = (call: Node) => call.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a !== null && a.type !== 'comment') ?? [];
    const policy = new Map([...calls].map(([directive, call]) => [directive, argumentsOf(call).map(sourceOf)]));
    const merges = cspMerges(policy, region);
    const strings = [...calls.values()].flatMap(argumentsOf).filter((arg) => arg.type === 'string');
    const quote = strings.length && strings.every((arg) => arg.text.startsWith("'")) ? "'" : '"';
    const write = (source: string) => SYMBOL_OF[source] ?? `${quote}${source}${quote}`;
    const last = [...calls.values()].at(-1);
    const eol = lineEnding(text);
    const insertions: Insertion[] = [];
    const added: string[] = [];
    for (const { directive, add, from } of merges) {
      const items = add.map(write);
      const call = calls.get(directive);
      if (call) {
        const args = argumentsOf(call);
        insertions.push(args.length ? { at: args.at(-1)!.endIndex, text: `, ${items.join(', ')}` } : { at: call.endIndex, text: ` ${items.join(', ')}` });
      } else {
        const start = argumentsOf(calls.get(from!)!).map((arg) => arg.text);
        added.push(`${found.param}.${directive.replaceAll('-', '_')} ${[...start, ...items].join(', ')}`);
      }
    }
    if (added.length) {
      if (!last) return undefined;
      const indent = indentAt(text, last.startIndex);
      insertions.push({ at: last.endIndex, text: added.map((line) => `${eol}${indent}${line}`).join('') });
    }
    return { merges, insertions };
  } finally {
    tree.delete();
  }
}

/** Whether the file's Ruby holds anything but comments; and whether it configures a policy. */
function inspect(text: string): { code: boolean; policy: boolean } {
  const tree = ruby.parse(text);
  try {
    return {
      code: tree.rootNode.namedChildren.some((child) => child?.type !== 'comment'),
      policy: callsOf(tree.rootNode, 'content_security_policy').length > 0,
    };
  } finally {
    tree.delete();
  }
}

/**
 * Merges into the app's policy block, or writes Rails' suggested one with the Messenger's sources
 * into the initializer when the app has none; undefined when a block cannot be read safely.
 */
export async function mergeRailsCsp(files: Plan, region: Region): Promise<CspMerged | undefined> {
  await ruby.load();
  const existing = CSP_FILES.find((file) => {
    const text = files.read(file);
    return text !== undefined && inspect(text).policy;
  });
  let text = existing && files.read(existing);
  if (text === undefined) {
    const initializer = files.read(CSP_INITIALIZER);
    // Code we do not recognise in the initializer: no second policy beside it.
    if (initializer !== undefined && inspect(initializer).code) return undefined;
    const eol = initializer === undefined ? '\n' : lineEnding(initializer);
    const head = initializer === undefined ? '# Be sure to restart your server when you modify this file.' : initializer.trimEnd();
    text = [head, '', ...RAILS_POLICY, ''].join(eol);
  }
  const file = existing ?? CSP_INITIALIZER;
  const found = plan(text, region);
  if (!found) return undefined;
  const edited = found.insertions.length ? keepIfParses(ruby, text, applyInsertions(text, found.insertions)) : text;
  // The edit must leave nothing to merge, or it is not kept.
  if (edited === undefined || plan(edited, region)?.merges.length !== 0) return undefined;
  if (edited !== files.read(file)) files.edit(file, () => edited);
  return { file, merges: found.merges, ...(!existing && { note: "new: Rails' suggested policy, which its generator writes commented out" }) };
}
