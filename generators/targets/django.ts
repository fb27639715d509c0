import path from 'node:path';
import { findLine, insertBeside, quoteStyle } from '../steps/anchors.js';
import type { Project } from '../project.js';
import { pythonAttribute } from './python.js';
import type { BackendTarget, Dependency } from './types.js';

const pyjwt: Dependency = { ecosystem: 'pip', name: 'PyJWT', version: '>=2' };

/** The project's root URLconf: ROOT_URLCONF of the settings next to manage.py's project package. */
function rootUrlconf(project: Project): string | undefined {
  const settings = project.findFile(['settings.py', ...project.list().map((dir) => `${dir}/settings.py`)]);
  const module = /^ROOT_URLCONF\s*=\s*['"]([\w.]+)['"]/m.exec((settings && project.read(settings)) ?? '')?.[1];
  const file = module ? `${module.replace(/\./g, '/')}.py` : settings && path.posix.join(path.posix.dirname(settings), 'urls.py');
  return file && project.has(file) ? file : undefined;
}

export const django: BackendTarget = {
  label: 'Django (Python)',
  detect: (project) => project.has('manage.py') || project.pythonDependsOn('django'),
  context: (_project, answers) => ({
    // Django's path() patterns have no leading slash.
    urlPattern: answers.route.replace(/^\//, ''),
    endpointFile: 'intercom_jwt/views.py',
    claimSyntax: { quote: '"', separator: ': ', trailingComma: true, spread: '**' },
    claimExprs: {
      user_id: 'str(user.pk)',
      email: 'user.email',
      name: 'user.get_full_name()',
      iat: 'now',
      exp: 'now + TOKEN_TTL_SECONDS',
    },
    readAttribute: (name: string) => pythonAttribute('user', name),
    attributesReader: { fn: 'signed_attributes', user: 'user' },
  }),
  files: () =>
    ['__init__.py', 'views.py', 'urls.py'].map((file) => ({
      template: `backend/django/intercom_jwt/${file}.hbs`,
      to: `intercom_jwt/${file}`,
    })),
  dependencies: () => [pyjwt],
  installCommand: () => `pip install "${pyjwt.name}${pyjwt.version}"`,
  wire(plan, project) {
    const file = rootUrlconf(project);
    if (!file) return undefined;
    let text = plan.read(file)!;
    if (/intercom_jwt\.urls/.test(text)) return { file, note: `${file} already includes intercom_jwt.urls` };
    const urlpatterns = findLine(text, /^urlpatterns\s*=\s*\[\s*$/);
    // One line, or a parenthesised list that may span lines.
    const imports = /^from django\.urls import (\([^)]*\)|.+)$/m.exec(text);
    if (urlpatterns === -1 || !imports) return undefined;
    const q = quoteStyle(text);
    if (!/\binclude\b/.test(imports[1])) {
      const names = imports[1];
      const nextIndent = /^\(\n([ \t]*)/.exec(names)?.[1];
      const withInclude = !names.startsWith('(') ? `include, ${names}` : nextIndent !== undefined ? `(\n${nextIndent}include,${names.slice(1)}` : `(include, ${names.slice(1)}`;
      // Edit the import that was found (not the first equal text, which may sit in the docstring).
      text = `${text.slice(0, imports.index)}from django.urls import ${withInclude}${text.slice(imports.index + imports[0].length)}`;
    }
    const edited = insertBeside(text, findLine(text, /^urlpatterns\s*=\s*\[\s*$/), `path(${q}${q}, include(${q}intercom_jwt.urls${q})),`, 'after', '    ');
    plan.edit(file, () => edited);
    return { file, note: `${file}: urlpatterns includes intercom_jwt.urls` };
  },
  wiring: () => [
    '# In the project\'s urls.py (intercom_jwt/ sits next to manage.py):',
    'from django.urls import include, path',
    'path("", include("intercom_jwt.urls")),  # in urlpatterns; needs the session and auth middleware (on by default)',
  ],
};
