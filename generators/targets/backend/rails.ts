import { keepIfParses } from '../../syntax/guard.js';
import { applyInsertions, indentAt, lineEnd, lineEnding } from '../../syntax/insert.js';
import { callsOf, firstArgument, ruby, symbolName } from '../../syntax/ruby.js';
import { defineBackend } from '../types.js';

// The application's route set: Rails.application.routes, or MyApp::Application.routes before Rails 5.
const APP_ROUTES = /^(::)?(Rails\.application|[\w:]+::Application)\.routes$/;

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
  wiring: () => [
    'In config/routes.rb, first inside Rails.application.routes.draw do … end (outside any namespace or scope), add:',
    '  draw :intercom',
    '(Before Rails 6.1, which has no draw, paste the routes of config/routes/intercom.rb there instead.)',
    'The controller uses current_user (Devise, or your own helper of that name) and its id, email and name.',
  ],
});
