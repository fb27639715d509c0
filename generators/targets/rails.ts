import { findLine, insertBeside } from '../steps/anchors.js';
import type { BackendTarget } from './types.js';

export const rails: BackendTarget = {
  label: 'Ruby on Rails',
  detect: (project) => project.gemDependsOn('rails') || project.has('config/routes.rb'),
  wire(plan) {
    const file = 'config/routes.rb';
    const text = plan.read(file);
    if (text === undefined) return undefined;
    if (/^\s*draw[ (]:?["']?intercom/m.test(text)) return { file, note: `${file} already draws the Intercom routes` };
    const draw = findLine(text, /^\s*Rails\.application\.routes\.draw do\s*$/);
    if (draw === -1) return undefined;
    plan.edit(file, () => insertBeside(text, draw, 'draw :intercom', 'after', '  '));
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
  files: (data) => [
    { template: 'backend/rails/app/controllers/api/intercom_controller.rb.hbs', to: data.endpointFile as string },
    { template: 'backend/rails/config/routes/intercom.rb.hbs', to: 'config/routes/intercom.rb' },
  ],
  dependencies: () => [{ ecosystem: 'gem', name: 'jwt', version: '~> 2.7' }],
  // With a Gemfile the jwt line is already added to it; without one, Bundler has to add it.
  installCommand: (project) => (project.has('Gemfile') ? 'bundle install' : "bundle add jwt --version '~> 2.7'"),
  wiring: () => [
    'In config/routes.rb, inside Rails.application.routes.draw do … end, add:',
    '  draw :intercom',
    '(Before Rails 6.1, which has no draw, paste the routes of config/routes/intercom.rb there instead.)',
    'The controller uses current_user (Devise, or your own helper of that name) and its id, email and name.',
  ],
};
