import path from 'node:path';
import type { Project } from '../../project.js';
import type { Plan } from '../../steps/plan.js';
import { keepIfParses } from '../../syntax/guard.js';
import { applyInsertions, indentAt, lineEnd, lineEnding, startsLine, type Insertion } from '../../syntax/insert.js';
import {
  calleeName,
  descendants,
  expressionOf,
  importInsertion,
  importedNames,
  positionalArguments,
  python,
  quoteOf,
  statements,
  stringValue,
} from '../../syntax/python.js';
import type { Node } from '../../syntax/tree-sitter.js';
import { pythonAttribute } from '../python.js';
import { mergeDjangoCsp } from '../django-csp.js';
import { defineBackend, type Dependency } from '../types.js';

const pyjwt: Dependency = { ecosystem: 'pip', name: 'PyJWT', version: '>=2' };
const URLS = 'intercom_jwt.urls';

/** The string a module-level `NAME = '…'` assigns, if the module has one. */
function moduleString(root: Node, name: string): string | undefined {
  for (const statement of statements(root)) {
    const expression = expressionOf(statement);
    const right = expression?.type === 'assignment' && expression.childForFieldName('left')?.text === name ? expression.childForFieldName('right') : null;
    if (right) return stringValue(right);
  }
  return undefined;
}

/** The settings module: settings.py at the root or in manage.py's project package. */
const settingsFile = (project: Project) => project.findFile(['settings.py', ...project.list().map((dir) => `${dir}/settings.py`)]);

/** The project's root URLconf: ROOT_URLCONF of the settings next to manage.py's project package. */
async function rootUrlconf(project: Project, plan: Plan): Promise<string | undefined> {
  const settings = settingsFile(project);
  const text = settings && plan.read(settings);
  if (!settings || text === undefined) return undefined;
  await python.load();
  const module = moduleString(python.parse(text).rootNode, 'ROOT_URLCONF');
  const file = module ? `${module.replace(/\./g, '/')}.py` : path.posix.join(path.posix.dirname(settings), 'urls.py');
  return project.has(file) ? file : undefined;
}

/** The first list literal that a module-level `urlpatterns = …` or `urlpatterns += …` puts in urlpatterns (a `+` operand too). */
function patternsList(root: Node): Node | undefined {
  const listIn = (node: Node | null): Node | undefined => {
    if (node?.type === 'list') return node;
    if (node?.type === 'parenthesized_expression') return listIn(node.namedChild(0));
    if (node?.type === 'binary_operator' && node.childForFieldName('operator')?.text === '+') {
      return listIn(node.childForFieldName('left')) ?? listIn(node.childForFieldName('right'));
    }
    return undefined;
  };
  for (const statement of statements(root)) {
    const expression = expressionOf(statement);
    const assigns =
      expression?.type === 'assignment' || (expression?.type === 'augmented_assignment' && expression.childForFieldName('operator')?.text === '+=');
    if (!assigns || expression?.childForFieldName('left')?.text !== 'urlpatterns') continue;
    const list = listIn(expression.childForFieldName('right'));
    if (list) return list;
  }
  return undefined;
}

/** `entry` as the list's first element, on a line of its own when the list spans lines. */
function firstElementInsertion(text: string, list: Node, entry: string): Insertion {
  const first = list.namedChildren.find((child) => child !== null && child.type !== 'comment');
  const multiline = list.startPosition.row !== list.endPosition.row;
  if (!multiline || (first && first.startPosition.row === list.startPosition.row)) {
    return first ? { at: first.startIndex, text: `${entry}, ` } : { at: list.startIndex + 1, text: entry };
  }
  // After the `[` line, indented like the first element (or one level inside the closing bracket).
  const indent = first ? indentAt(text, first.startIndex) : `${indentAt(text, list.endIndex - 1)}    `;
  return { at: lineEnd(text, list.startIndex), text: `${lineEnding(text)}${indent}${entry},` };
}

/** `name` added to an existing `from django.urls import …`, in alphabetical place when the names allow it. */
function importNameInsertion(text: string, statement: Node, name: string): Insertion {
  const names = statement.childrenForFieldName('name').filter((node): node is Node => node !== null);
  const before = names.find((node) => node.text > name) ?? names[0];
  const ownLine = startsLine(text, before.startIndex);
  return { at: before.startIndex, text: ownLine ? `${name},${lineEnding(text)}${indentAt(text, before.startIndex)}` : `${name}, ` };
}

export const django = defineBackend({
  label: 'Django (Python)',
  detect: (project) => project.has('manage.py') || project.pythonDependsOn('django'),
  // A Django project may list Flask too (a helper, a migration): manage.py makes it Django.
  before: ['flask'],
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
  dependencies: () => [pyjwt],
  installCommand: () => `pip install "${pyjwt.name}${pyjwt.version}"`,
  async wire(plan, project) {
    const file = await rootUrlconf(project, plan);
    const text = file && plan.read(file);
    if (!file || text === undefined) return undefined;
    const root = python.parse(text).rootNode;
    if (root.hasError) return undefined;
    const imports = importedNames(root);
    const fromUrls = (from: string | undefined) => from === 'django.urls' || from === 'django.conf.urls';
    const wildcard = descendants(root, 'wildcard_import').some((node) => fromUrls(node.parent?.childForFieldName('module_name')?.text));
    const imported = (name: string) => wildcard || imports.some((i) => fromUrls(i.from) && i.name === name && i.bound === name);
    const included = descendants(root, 'call').some((call) => {
      const [module] = positionalArguments(call);
      return calleeName(call) === 'include' && module !== undefined && stringValue(module) === URLS;
    });
    const missing = (included ? ['include'] : ['include', 'path']).filter((name) => !imported(name));
    if (included && !missing.length) return { file, note: `${file} already includes ${URLS}` };

    const insertions: Insertion[] = [];
    if (!included) {
      const list = patternsList(root);
      if (!list) return undefined;
      const q = quoteOf(root);
      insertions.push(firstElementInsertion(text, list, `path(${q}${q}, include(${q}${URLS}${q}))`));
    }
    const urlsImport = statements(root).find((s) => s.type === 'import_from_statement' && s.childForFieldName('module_name')?.text === 'django.urls');
    if (urlsImport) insertions.push(...missing.map((name) => importNameInsertion(text, urlsImport, name)));
    else if (missing.length) insertions.push(importInsertion(text, root, `from django.urls import ${missing.join(', ')}`));
    const edited = keepIfParses(python, text, applyInsertions(text, insertions));
    if (edited === undefined) return undefined;
    plan.edit(file, () => edited);
    return { file, note: `${file}: urlpatterns includes ${URLS}` };
  },
  csp: {
    async merge(plan, project, data) {
      const settings = settingsFile(project);
      // Without django-csp nothing sends the settings' policy: printed only.
      return settings && project.pythonDependsOn('django-csp') ? mergeDjangoCsp(plan, settings, data.region) : undefined;
    },
    where:
      'Django: with django-csp 3 (pip install "django-csp<4", listed in your requirements), add "csp.middleware.CSPMiddleware" to MIDDLEWARE and set each directive in settings.py as a CSP_<DIRECTIVE> tuple (CSP_SCRIPT_SRC, CSP_CONNECT_SRC, …), starting from CSP_DEFAULT_SRC\'s sources',
  },
  wiring: () => [
    "# In the project's urls.py (intercom_jwt/ sits next to manage.py):",
    'from django.urls import include, path',
    'path("", include("intercom_jwt.urls")),  # first in urlpatterns, outside i18n_patterns; needs the session and auth middleware (on by default)',
  ],
});
