// A Devise app (tests/fixtures/backend/rails-devise): the summary lists each place that signs out
// with Devise, in ERB views (parsed as ERB, their code as Ruby) and in Ruby files, with the option
// that logs the Messenger out first.
import { spawnSync } from 'node:child_process';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runPlop } from '../helpers/plop.js';
import { read, tempDir, write } from '../helpers/workspace.js';

const test = suite("intercom-backend --framework rails: Devise's sign-out");
const VIEWS = ['app/views/layouts/application.html.erb', 'app/views/shared/_account_menu.html.erb'];
const LOGOUT = 'onclick: "IntercomMessenger.logout()"';
const view = (helper: string, at: string) =>
  `Devise's sign-out ${helper} at ${at}: add ${LOGOUT} to its HTML options, so the page logs the Messenger out first.`;
const server = (helper: string, at: string) =>
  `${helper} at ${at} ends the session on the server: the link or button that leads here must log the Messenger out first (${LOGOUT}).`;

/** The summary's lines about signing out. */
const signOutLines = (stdout: string) =>
  stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /sign.out|sign_out/i.test(line));

test("the fixture's views are ERB that Rails compiles (its Erubi handler, which takes `<%= link_to … do %>` blocks)", () => {
  const dir = tempDir('rails-devise', 'backend/rails-devise');
  for (const file of VIEWS) {
    const src = spawnSync('ruby', ['-raction_view', '-e', 'print ActionView::Template::Handlers::ERB::Erubi.new(File.read(ARGV[0])).src', file], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.is(src.status, 0, src.stderr);
    const syntax = spawnSync('ruby', ['-c'], { input: src.stdout, encoding: 'utf8' });
    assert.is(syntax.stdout.trim(), 'Syntax OK', `${file}: ${syntax.stderr}`);
  }
});

test('each link, button and helper call that signs out with Devise is listed, by file and line, with what to add', () => {
  const dir = tempDir('rails-devise', 'backend/rails-devise');
  const result = runPlop('intercom-backend', dir, {});
  assert.is(result.code, 0, result.output);
  assert.equal(signOutLines(result.stdout), [
    server('sign_out_all_scopes', 'app/controllers/users/sessions_controller.rb:5'),
    server('sign_out', 'app/controllers/users/sessions_controller.rb:10'),
    view('button_to', 'app/helpers/application_helper.rb:4'),
    view('button_to', 'app/views/layouts/application.html.erb:11'),
    // A call over several lines is listed at its first.
    view('link_to', 'app/views/shared/_account_menu.html.erb:5'),
    view('link_to', 'app/views/shared/_account_menu.html.erb:10'),
  ]);
});

test('without Devise in the Gemfile, nothing is listed', () => {
  const dir = tempDir('rails-devise', 'backend/rails-devise');
  write(dir, 'Gemfile', read(dir, 'Gemfile').replace(/^gem 'devise'.*\n/m, ''));
  const result = runPlop('intercom-backend', dir, {});
  assert.is(result.code, 0, result.output);
  assert.equal(signOutLines(result.stdout), []);
});

test.run();
