import { keepIfParses } from '../../syntax/guard.js';
import { applyInsertions, indentAt, lineAfter, lineBefore, startsLine, type Insertion } from '../../syntax/insert.js';
import {
  calleeName,
  descendants,
  expressionOf,
  importInsertion,
  importedNames,
  positionalArguments,
  python,
  receiverOf,
  statements,
} from '../../syntax/python.js';
import type { Node } from '../../syntax/tree-sitter.js';
import { pythonAttribute } from '../python.js';
import { defineBackend, type Dependency } from '../types.js';

const pyjwt: Dependency = { ecosystem: 'pip', name: 'PyJWT', version: '>=2' };

/** `app = Flask(…)` at module level or in a factory function's body: the app's name and where it lives. */
interface FlaskApp {
  name: string;
  statement: Node;
  /** The module, or the factory's body. */
  block: Node;
  factory: Node | undefined;
}

function flaskApps(root: Node): FlaskApp[] {
  return descendants(root, 'assignment').flatMap((assignment): FlaskApp[] => {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    const statement = assignment.parent;
    const block = statement?.parent;
    if (left?.type !== 'identifier' || right?.type !== 'call' || calleeName(right) !== 'Flask') return [];
    if (statement?.type !== 'expression_statement' || !block || !startsLine(root.text, statement.startIndex)) return [];
    if (block.type === 'module') return [{ name: left.text, statement, block, factory: undefined }];
    if (block.type === 'block' && block.parent?.type === 'function_definition') return [{ name: left.text, statement, block, factory: block.parent }];
    return [];
  });
}

/** The function, class or lambda that `node` is in. */
function scopeOf(node: Node): Node | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (['function_definition', 'lambda', 'class_definition'].includes(parent.type)) return parent;
  }
  return undefined;
}

/**
 * Where the app registers a new blueprint: after the last blueprint it registers next to its
 * creation; else, in a factory with one `return app` at its end, just before it; else right
 * after the app is created (so early returns get the blueprint too).
 */
function registerInsertion(text: string, app: FlaskApp, register: string): Insertion | undefined {
  const body = statements(app.block).filter((statement) => statement.startIndex > app.statement.startIndex);
  const registers = body.filter((statement) => {
    const expression = expressionOf(statement);
    return expression?.type === 'call' && receiverOf(expression, 'register_blueprint') === app.name;
  });
  const indent = indentAt(text, app.statement.startIndex);
  const lastRegister = registers.at(-1);
  if (lastRegister) return lineAfter(text, lastRegister.endIndex, register, indent);
  const last = body.at(-1);
  const factory = app.factory;
  if (factory && last?.type === 'return_statement' && last.namedChild(0)?.text === app.name) {
    const returns = descendants(factory, 'return_statement').filter((statement) => scopeOf(statement)?.startIndex === factory.startIndex);
    if (returns.length === 1) return lineBefore(text, last.startIndex, register);
  }
  return lineAfter(text, app.statement.endIndex, register, indent);
}

export const flask = defineBackend({
  label: 'Flask (Python)',
  detect: (project) => project.pythonDependsOn('flask'),
  context: (project) => {
    // An application package (the `app/` of most Flask layouts) gets the module; else the project root.
    const pkg = project.has('app/__init__.py') ? 'app' : '';
    const pkgDir = pkg ? `${pkg}/` : '';
    return {
      pkg,
      pkgDir,
      endpointFile: `${pkgDir}intercom_jwt.py`,
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
  dependencies: () => [pyjwt],
  installCommand: () => `pip install "${pyjwt.name}${pyjwt.version}"`,
  async wire(plan, _project, data) {
    const candidates = data.pkg ? [`${data.pkg}/__init__.py`] : ['app.py', 'wsgi.py', 'main.py', 'application.py', 'server.py'];
    for (const file of candidates) {
      const text = plan.read(file);
      if (text === undefined) continue;
      await python.load();
      const root = python.parse(text).rootNode;
      const apps = flaskApps(root);
      // A file that does not parse gives no trustworthy place; two apps, no telling which one.
      if (root.hasError || apps.length !== 1) continue;
      const [app] = apps;
      const register = `${app.name}.register_blueprint(intercom_jwt.bp)`;
      const imports = importedNames(root);
      // `from .intercom_jwt import bp` also serves a registration of `bp`.
      const blueprintNames = imports.filter((i) => /(^|\.)intercom_jwt$/.test(i.from ?? '') && i.name === 'bp').map((i) => i.bound);
      const registered = descendants(root, 'call').some((call) => {
        const blueprint = receiverOf(call, 'register_blueprint') === app.name ? positionalArguments(call)[0]?.text : undefined;
        return blueprint === 'intercom_jwt.bp' || (blueprint !== undefined && blueprintNames.includes(blueprint));
      });
      const imported = blueprintNames.length > 0 || imports.some((i) => i.name === 'intercom_jwt' && i.bound === 'intercom_jwt');
      if (registered && imported) return { file, note: `${file} already registers the Intercom blueprint` };
      const insertions: (Insertion | undefined)[] = [];
      if (!registered) insertions.push(registerInsertion(text, app, register));
      if (!imported) insertions.push(importInsertion(text, root, data.pkg ? 'from . import intercom_jwt' : 'import intercom_jwt'));
      if (insertions.includes(undefined)) return undefined;
      const edited = keepIfParses(python, text, applyInsertions(text, insertions as Insertion[]));
      if (edited === undefined) return undefined;
      plan.edit(file, () => edited);
      return { file, note: `${file}: imports intercom_jwt and calls ${register}` };
    }
    return undefined;
  },
  wiring: (data) => [
    data.pkg ? `In ${data.pkg}/__init__.py, with its imports:` : 'In the module that creates the Flask app, with its imports:',
    data.pkg ? '  from . import intercom_jwt' : '  import intercom_jwt',
    'then, on the app whose Flask-Login LoginManager sets current_user (in an app factory after its last register_blueprint or just before `return app`, else right after `app = Flask(__name__)`):',
    '  app.register_blueprint(intercom_jwt.bp)',
  ],
});
