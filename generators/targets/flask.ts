import { addImport, findLine, insertBeside } from '../steps/anchors.js';
import { pythonAttribute } from './python.js';
import type { BackendTarget, Dependency } from './types.js';

const pyjwt: Dependency = { ecosystem: 'pip', name: 'PyJWT', version: '>=2' };

export const flask: BackendTarget = {
  label: 'Flask (Python)',
  detect: (project) => project.pythonDependsOn('flask') && !project.has('manage.py'),
  context: (project) => {
    // An application package (the `app/` of most Flask layouts) gets the module; else the project root.
    const pkg = project.has('app/__init__.py') ? 'app' : '';
    return {
      pkg,
      endpointFile: pkg ? `${pkg}/intercom_jwt.py` : 'intercom_jwt.py',
      claimSyntax: { quote: '"', separator: ': ', trailingComma: true, spread: '**' },
      claimExprs: {
        user_id: 'str(current_user.id)',
        email: 'current_user.email',
        name: 'current_user.name',
        iat: 'now',
        exp: 'now + TOKEN_TTL_SECONDS',
      },
      readAttribute: (name: string) => pythonAttribute('user', name),
      attributesReader: { fn: 'signed_attributes', user: 'current_user' },
    };
  },
  files: (data) => [{ template: 'backend/flask/intercom_jwt.py.hbs', to: data.endpointFile as string }],
  dependencies: () => [pyjwt],
  installCommand: () => `pip install "${pyjwt.name}${pyjwt.version}"`,
  wire(plan, project, data) {
    const file = project.findFile(data.pkg ? [`${data.pkg}/__init__.py`] : ['app.py', 'wsgi.py', 'main.py', 'application.py', 'server.py'], /Flask\(/);
    if (!file) return undefined;
    const text = plan.read(file)!;
    if (/intercom_jwt/.test(text)) return { file, note: `${file} already registers the Intercom blueprint` };
    const register = 'app.register_blueprint(intercom_jwt.bp)';
    // In an app factory, just before `return app`; for a module-level app, right after it is created.
    const factoryReturn = findLine(text, /^\s+return app\s*$/);
    const created = findLine(text, /^app\s*=\s*Flask\(/);
    if (factoryReturn === -1 && created === -1) return undefined;
    let edited = factoryReturn !== -1 ? insertBeside(text, factoryReturn, register, 'before') : insertBeside(text, created, register, 'after');
    edited = addImport(edited, data.pkg ? 'from . import intercom_jwt' : 'import intercom_jwt', 'python');
    plan.edit(file, () => edited);
    return { file, note: `${file}: imports intercom_jwt and calls ${register}` };
  },
  wiring: (data) => [
    data.pkg ? `In ${data.pkg}/__init__.py, with its imports:` : 'In the module that creates the Flask app, with its imports:',
    data.pkg ? '  from . import intercom_jwt' : '  import intercom_jwt',
    'then, on the app whose Flask-Login LoginManager sets current_user (in an app factory just before `return app`, else right after `app = Flask(__name__)`):',
    '  app.register_blueprint(intercom_jwt.bp)',
  ],
};
