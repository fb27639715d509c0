// The Python and Ruby grammars as the guard sees them: parses() is false for a tree with an
// ERROR node and for one where the parser had to invent a MISSING token, and an edit that
// breaks a parsing file is dropped.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { keepIfParses } from '../../generators/syntax/guard.js';
import { python, ruby } from '../../generators/syntax/tree-sitter.js';

const test = suite('wiring grammars');

test.before(async () => {
  await Promise.all([python.load(), ruby.load()]);
});

test('Python: a valid module parses; an ERROR node or a MISSING token does not', () => {
  assert.ok(python.parses('app = Flask(\n    __name__,\n)\napp.register_blueprint(bp)\n'));
  assert.not.ok(python.parses('app = Flask(\n    __name__,\napp.register_blueprint(bp)\n)\n)\n'));
  const missing = python.parse('def create_app(:\n    return app\n').rootNode.toString();
  assert.match(missing, /MISSING/);
  assert.not.ok(python.parses('def create_app(:\n    return app\n'));
});

test('Ruby: a valid route set parses; an unclosed block does not', () => {
  assert.ok(ruby.parses('Rails.application.routes.draw do\n  draw :intercom\nend\n'));
  assert.not.ok(ruby.parses('Rails.application.routes.draw do\n  namespace :api do\nend\n'));
});

test('an edit that breaks a parsing file is dropped; one that keeps it parsing is kept', () => {
  const before = 'app = Flask(\n    __name__,\n)\n';
  // What the line-anchored wiring used to write: the call inside the constructor's arguments.
  assert.is(keepIfParses(python, before, 'app = Flask(\napp.register_blueprint(bp)\n    __name__,\n)\n'), undefined);
  const good = `${before}app.register_blueprint(bp)\n`;
  assert.is(keepIfParses(python, before, good), good);
});

test.run();
