import type { BackendTarget, Dependency } from './types.js';

const pyjwt: Dependency = { ecosystem: 'pip', name: 'PyJWT', version: '>=2' };

export const django: BackendTarget = {
  label: 'Django (Python)',
  context: (_project, answers) => ({
    // Django's path() patterns have no leading slash.
    urlPattern: answers.route.replace(/^\//, ''),
    claimSyntax: { quote: '"', separator: ': ' },
    claimExprs: {
      user_id: 'str(user.pk)',
      email: 'user.email',
      name: 'user.get_full_name() or user.get_username()',
      iat: 'now',
      exp: 'now + TOKEN_TTL_SECONDS',
    },
  }),
  files: () =>
    ['__init__.py', 'views.py', 'urls.py'].map((file) => ({
      template: `backend/django/intercom_jwt/${file}.hbs`,
      to: `intercom_jwt/${file}`,
    })),
  dependencies: () => [pyjwt],
  installCommand: () => `pip install "${pyjwt.name}${pyjwt.version}"`,
  wiring: () => [
    '# In the project\'s urls.py (intercom_jwt/ sits next to manage.py):',
    'from django.urls import include, path',
    'path("", include("intercom_jwt.urls")),  # in urlpatterns; needs the session and auth middleware (on by default)',
  ],
};
