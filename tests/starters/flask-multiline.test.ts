// A module-level Flask app whose `Flask(` call spans several lines (app.py, Flask-Login, a
// test-only login route), run by `python3 app.py` on 127.0.0.1:$PORT. The blueprint used to be
// registered inside the call's arguments (a SyntaxError); now it goes after the whole statement,
// and the full HTTP contract runs.
import { backendContractSuite } from '../helpers/backend-contract.js';
import { startServer } from '../helpers/server.js';
import { tempDir } from '../helpers/workspace.js';
import { assertWired, backendStarterChecks, type BackendStarter } from './backend-starters.js';

const starter: BackendStarter = {
  framework: 'flask',
  copy: () => tempDir('starter-flask-multiline', 'starters/flask-multiline'),
  wiredFile: 'app.py',
  added: ['import intercom_jwt', 'app.register_blueprint(intercom_jwt.bp)'],
  order: [
    'from flask_login import LoginManager, UserMixin, login_user',
    'import intercom_jwt',
    'app = Flask(',
    '    template_folder="templates",',
    ')',
    'app.register_blueprint(intercom_jwt.bp)',
    'app.secret_key = "test-only-session-key"',
  ],
  generated: ['intercom_jwt.py'],
  manifest: 'requirements.txt',
};

const test = backendContractSuite({
  framework: 'flask',
  fixture: 'starters/flask-multiline',
  wiredFile: starter.wiredFile,
  prepare: (dir) => assertWired(starter, dir),
  start: (dir, env, port) => startServer('/usr/bin/python3', ['app.py'], { cwd: dir, env: { ...env, PORT: String(port), PYTHONUNBUFFERED: '1' }, port }),
  generatedFile: () => 'intercom_jwt.py',
  stockUsers: true,
});

backendStarterChecks(test, starter);
test.run();
