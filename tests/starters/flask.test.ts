// A Flask app factory (app/__init__.py: create_app() with Flask-Login, the test login in the
// app's own auth blueprint, `return app`), started by run.py on 127.0.0.1:$PORT. The generator
// registers the Intercom blueprint in the factory; then the full HTTP contract runs.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { backendContractSuite } from '../helpers/backend-contract.js';
import { runPlop } from '../helpers/plop.js';
import { startServer } from '../helpers/server.js';
import { read, snapshotTree, tempDir } from '../helpers/workspace.js';
import { assertWired, backendStarterChecks, type BackendStarter } from './backend-starters.js';

const starter: BackendStarter = {
  framework: 'flask',
  copy: () => tempDir('starter-flask-factory', 'starters/flask-factory'),
  wiredFile: 'app/__init__.py',
  added: ['from . import intercom_jwt', '    app.register_blueprint(intercom_jwt.bp)'],
  order: [
    'from flask_login import LoginManager',
    'from . import intercom_jwt',
    'login_manager = LoginManager()',
    'def create_app(test_config=None):',
    '    app = Flask(__name__, instance_relative_config=True)',
    '    login_manager.init_app(app)',
    '    app.register_blueprint(auth.bp)',
    '    app.register_blueprint(intercom_jwt.bp)',
    '    return app',
  ],
  generated: ['app/intercom_jwt.py'],
  manifest: 'requirements.txt',
};

const dirs: string[] = [];
const test = backendContractSuite({
  framework: 'flask',
  fixture: 'starters/flask-factory',
  wiredFile: starter.wiredFile,
  prepare: (dir) => dirs.push(dir),
  start: (dir, env, port) => startServer('/usr/bin/python3', ['run.py'], { cwd: dir, env: { ...env, PORT: String(port), PYTHONUNBUFFERED: '1' }, port }),
  generatedFile: () => 'app/intercom_jwt.py',
  stockUsers: true,
});

test("after the contract's reruns the blueprint is registered exactly once; requirements.txt gains PyJWT once", () => {
  assert.is(dirs.length, 2);
  for (const dir of dirs) {
    assertWired(starter, dir);
    assert.is(read(dir, 'requirements.txt'), 'Flask>=2.2\nFlask-Login>=0.6\nPyJWT>=2\n');
  }
});

backendStarterChecks(test, starter);
test.run();

const noAnchor = suite('flask: no safe anchor');

noAnchor(
  'the app comes from a factory in another package (wsgi.py: `application = create_app()`): only the generated file and the manifest change; the snippet says what goes where',
  () => {
    const dir = tempDir('starter-flask-elsewhere', 'starters/flask-elsewhere');
    const before = snapshotTree(dir);
    const result = runPlop('intercom-backend', dir, {});
    assert.is(result.code, 0, result.output);
    const after = snapshotTree(dir);
    assert.is(after['wsgi.py'], before['wsgi.py'], 'wsgi.py must be byte-identical');
    assert.is(after['shop/__init__.py'], before['shop/__init__.py'], 'shop/__init__.py must be byte-identical');
    assert.equal(
      Object.keys(after).filter((file) => !(file in before)),
      ['intercom_jwt.py'],
    );
    assert.is(after['requirements.txt'], `${before['requirements.txt']}PyJWT>=2\n`);
    assert.match(result.stdout, /No safe place to wire it in was found, so no app file was changed\. Add this \(Flask \(Python\)\):/);
    assert.match(result.stdout, /In the module that creates the Flask app, with its imports:\n {6}import intercom_jwt\n/);
    assert.match(result.stdout, /right after `app = Flask\(__name__\)`\):\n {6}app\.register_blueprint\(intercom_jwt\.bp\)\n/);
    assert.not.match(result.stdout, /Wired in:/);
  },
);

noAnchor.run();
