import type { BackendTarget, Dependency } from './types.js';

const pyjwt: Dependency = { ecosystem: 'pip', name: 'PyJWT', version: '>=2' };

export const flask: BackendTarget = {
  label: 'Flask (Python)',
  context: (project) => {
    // An application package (the `app/` of most Flask layouts) gets the module; else the project root.
    const pkg = project.has('app/__init__.py') ? 'app' : '';
    return {
      pkg,
      claimSyntax: { quote: '"', separator: ': ' },
      claimExprs: {
        user_id: 'str(current_user.id)',
        email: 'current_user.email',
        name: 'current_user.name',
        iat: 'now',
        exp: 'now + TOKEN_TTL_SECONDS',
      },
    };
  },
  files: (data) => [{ template: 'backend/flask/intercom_jwt.py.hbs', to: data.pkg ? `${data.pkg}/intercom_jwt.py` : 'intercom_jwt.py' }],
  dependencies: () => [pyjwt],
  installCommand: () => `pip install "${pyjwt.name}${pyjwt.version}"`,
  wiring: (data) => [
    data.pkg ? `from . import intercom_jwt  # in ${data.pkg}/__init__.py, where the app is created` : 'import intercom_jwt',
    "app.register_blueprint(intercom_jwt.bp)  # on the app whose Flask-Login LoginManager sets current_user",
  ],
};
