import type { Project } from '../../project.js';
import { keepIfParses } from '../../syntax/guard.js';
import { applyInsertions, indentAt, lineEnd, lineEnding } from '../../syntax/insert.js';
import { callsOf, embeddedTemplate, firstArgument, parseErb, ruby, symbolName } from '../../syntax/ruby.js';
import type { Node } from '../../syntax/tree-sitter.js';
import { CSP_INITIALIZER, mergeRailsCsp } from '../rails-csp.js';
import { defineBackend } from '../types.js';

// The application's route set: Rails.application.routes, or MyApp::Application.routes before Rails 5.
const APP_ROUTES = /^(::)?(Rails\.application|[\w:]+::Application)\.routes$/;

// Devise's sign-out: the route helpers of its sessions#destroy (any scope: user, admin, …), and its controller helpers.
const SIGN_OUT_ROUTE = /^destroy_\w+_session_(path|url)$/;
const SIGN_OUT_HELPERS = new Set(['sign_out', 'sign_out_and_redirect', 'sign_out_all_scopes']);
const LINK_HELPERS = new Set(['link_to', 'button_to', 'link_to_if', 'link_to_unless']);
/** The vanilla frontend's page API (window.IntercomMessenger), called before the browser leaves the page. */
const LOGOUT_OPTION = 'onclick: "IntercomMessenger.logout()"';

/** A bare name or a receiver-less call: `destroy_user_session_path`, `sign_out(:user)`; not a method's own name. */
function calledName(node: Node): string | undefined {
  if (node.type === 'identifier') return node.parent?.type === 'method' || node.parent?.type === 'call' ? undefined : node.text;
  if (node.type === 'call' && !node.childForFieldName('receiver')) return node.childForFieldName('method')?.text;
  return undefined;
}

/** Each place of the tree that signs out with Devise, by line: a link or button to its route, or a call of its helper. */
function deviseSignOuts(root: Node, file: string): string[] {
  const notes = new Map<number, string>();
  for (const node of [...root.descendantsOfType('identifier'), ...root.descendantsOfType('call')]) {
    const name = node && calledName(node);
    if (!node || !name) continue;
    if (SIGN_OUT_ROUTE.test(name)) {
      let link: Node | null = node.parent;
      while (link && !(link.type === 'call' && LINK_HELPERS.has(link.childForFieldName('method')?.text ?? ''))) link = link.parent;
      const at = (link ?? node).startPosition.row + 1;
      const helper = link?.childForFieldName('method')?.text ?? name;
      notes.set(at, `Devise's sign-out ${helper} at ${file}:${at}: add ${LOGOUT_OPTION} to its HTML options, so the page logs the Messenger out first.`);
    } else if (SIGN_OUT_HELPERS.has(name)) {
      const at = node.startPosition.row + 1;
      notes.set(
        at,
        `${name} at ${file}:${at} ends the session on the server: the link or button that leads here must log the Messenger out first (${LOGOUT_OPTION}).`,
      );
    }
  }
  return [...notes.entries()].sort(([a], [b]) => a - b).map(([, note]) => note);
}

const SKIPPED = new Set(['node_modules', 'vendor', 'tmp', 'log', 'public', 'storage', '.git', 'assets', 'javascript']);

/** Where a Devise app signs out, in its app/ Ruby files and ERB views; ERB is read only when its grammar loads. */
async function deviseSignOutNotes(project: Project): Promise<string[]> {
  const files = project
    .sourceFiles({ skipDirs: SKIPPED, maxBytes: 512 * 1024, include: (name) => name.endsWith('.rb') || name.endsWith('.erb') })
    .filter((file) => file.path.startsWith('app/'));
  await ruby.load();
  const erb = await embeddedTemplate.load().then(
    () => true,
    () => false,
  );
  const notes: string[] = [];
  for (const file of files) {
    const isErb = file.path.endsWith('.erb');
    if (isErb && !erb) continue;
    const tree = isErb ? parseErb(file.text) : ruby.parse(file.text);
    if (!tree) continue;
    notes.push(...deviseSignOuts(tree.rootNode, file.path));
    tree.delete();
  }
  if (!erb && files.some((file) => file.path.endsWith('.erb')))
    notes.push("The ERB views were not searched for Devise's sign-out link: the tree-sitter-embedded-template package could not be loaded.");
  return notes;
}

export const rails = defineBackend({
  label: 'Ruby on Rails',
  detect: (project) => project.gemDependsOn('rails') || project.has('config/routes.rb'),
  async wire(plan) {
    const file = 'config/routes.rb';
    const text = plan.read(file);
    if (text === undefined) return undefined;
    await ruby.load();
    const root = ruby.parse(text).rootNode;
    const draws = callsOf(root, 'draw').filter((call) => APP_ROUTES.test(call.childForFieldName('receiver')?.text ?? ''));
    const block = draws.length === 1 ? draws[0].childForFieldName('block') : null;
    // A do … end block over several lines takes a line of its own; a one-line or `{ }` block does not.
    if (root.hasError || block?.type !== 'do_block' || block.startPosition.row === block.endPosition.row) return undefined;
    if (callsOf(block, 'draw').some((call) => !call.childForFieldName('receiver') && symbolName(firstArgument(call)) === 'intercom')) {
      return { file, note: `${file} already draws the Intercom routes` };
    }
    // First in the block, at its top level (not in a namespace or scope): earlier routes win, so no catch-all shadows it.
    const first = block.namedChildren.find((child) => child !== null && child.startPosition.row > block.startPosition.row);
    const indent = first ? indentAt(text, first.startIndex) : `${indentAt(text, block.endIndex - 1)}  `;
    const edited = keepIfParses(
      ruby,
      text,
      applyInsertions(text, [{ at: lineEnd(text, block.startIndex), text: `${lineEnding(text)}${indent}draw :intercom` }]),
    );
    if (edited === undefined) return undefined;
    plan.edit(file, () => edited);
    return { file, note: `${file}: draw :intercom loads config/routes/intercom.rb` };
  },
  context: () => ({
    endpointFile: 'app/controllers/api/intercom_controller.rb',
    claimSyntax: { quote: '', separator: ': ', trailingComma: false, spread: '**' },
    claimExprs: {
      user_id: 'current_user.id.to_s',
      email: 'current_user.email',
      name: 'current_user.name',
      iat: 'now',
      exp: 'now + TOKEN_TTL_SECONDS',
    },
    readAttribute: (name: string) => `user.${name}`,
    attributesReader: { fn: 'signed_attributes', user: 'current_user' },
  }),
  dependencies: () => [{ ecosystem: 'gem', name: 'jwt', version: '~> 2.7' }],
  // With a Gemfile the jwt line is already added to it; without one, Bundler has to add it.
  installCommand: (project) => (project.has('Gemfile') ? 'bundle install' : "bundle add jwt --version '~> 2.7'"),
  authNotes: (project) => (project.gemDependsOn('devise') ? deviseSignOutNotes(project) : []),
  csp: {
    merge: (plan, _project, data) => mergeRailsCsp(plan, data.region),
    where: `Rails: add them to the content_security_policy block of ${CSP_INITIALIZER} (policy.script_src …)`,
  },
  wiring: () => [
    'In config/routes.rb, first inside Rails.application.routes.draw do … end (outside any namespace or scope), add:',
    '  draw :intercom',
    '(Before Rails 6.1, which has no draw, paste the routes of config/routes/intercom.rb there instead.)',
    'The controller uses current_user (Devise, or your own helper of that name) and its id, email and name.',
  ],
});
