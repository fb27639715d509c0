import {
  bindingsOf,
  callChain,
  calleeName,
  endsWithSemicolon,
  find,
  importAfter,
  importStatements,
  indentAt,
  isCall,
  lineEnding,
  parseModule,
  pointsAt,
  quoteOf,
  statementAfter,
  statementBefore,
  type Insertion,
  type t,
  usesSemicolons,
  wireModule,
  relativeImport,
} from '../../syntax/javascript.js';
import { defineFrontend } from '../types.js';

/** Where create-vue and create-vite put the app; the one calling createApp( wins. */
const ENTRIES = ['src/main.ts', 'src/main.js', 'main.ts', 'main.js'];

type Call = { name: string; call: t.CallExpression };

/** A chain of calls on the app: `createApp(App).use(router).mount('#app')` or `app.use(router)`, as a whole statement or the app's declaration. */
interface Chain {
  statement: t.Statement;
  calls: Call[];
}

/**
 * The app's chains, in source order: the createApp(…) chain written as a statement or declaration,
 * and every statement `app.…(…)` on the constant that holds it. Undefined without exactly one createApp(…).
 */
function appChains(ast: t.File): Chain[] | undefined {
  const createApp = bindingsOf(ast, (source) => source === 'vue')
    .filter((b) => b.imported === 'createApp')
    .map((b) => b.name);
  const isCreate = (node: t.Node) => isCall(node) && node.callee.type === 'Identifier' && createApp.includes(node.callee.name);
  if (find(ast, (n): n is t.CallExpression => isCreate(n)).length !== 1) return undefined;
  const chains: Chain[] = [];
  let app: string | undefined;
  for (const statement of ast.program.body) {
    const declaration = statement.type === 'VariableDeclaration' ? statement.declarations.find((d) => d.init && isCreate(callChain(d.init).root)) : undefined;
    const expression = declaration?.init ?? (statement.type === 'ExpressionStatement' ? statement.expression : undefined);
    if (!expression) continue;
    const { root, calls } = callChain(expression);
    if (declaration?.id.type === 'Identifier') app = declaration.id.name;
    if (isCreate(root) || (app !== undefined && root.type === 'Identifier' && root.name === app)) chains.push({ statement, calls });
  }
  return chains;
}

/** `.use(router)`: the router's identifier. */
const routerOf = ({ name, call }: Call) => {
  const [first] = call.arguments;
  return name === 'use' && first?.type === 'Identifier' && /router/i.test(first.name) ? first.name : undefined;
};

/** `.use(…)` added to a chain after `after`, on a line of its own when the chain puts one call per line. */
function intoChain(text: string, after: t.Node, next: Call | undefined, call: string): Insertion {
  const nextProperty = next && (next.call.callee as t.MemberExpression).property;
  if (nextProperty && text.slice(after.end!, nextProperty.start!).includes('\n')) {
    return { at: after.end!, text: `${lineEnding(text)}${indentAt(text, nextProperty.start!)}.${call}` };
  }
  return { at: after.end!, text: `.${call}` };
}

/**
 * The plugin installed after the router (its afterEach must see the router), before mount:
 * `app.use(intercom, { router })` as the statement after `app.use(router)`, or `.use(…)` in the
 * createApp(…) chain after `.use(router)` (without vue-router: before `.mount(…)`).
 */
function installPlugin(ast: t.File, text: string, withRouter: boolean): Insertion[] | undefined {
  const chains = appChains(ast);
  if (!chains) return undefined;
  const plugin = (router?: string) => (router === undefined ? 'use(intercom)' : `use(intercom, { ${router === 'router' ? 'router' : `router: ${router}`} })`);
  const anchors = chains
    .flatMap((chain) => chain.calls.map((call, index) => ({ chain, call, index })))
    .filter(({ call }) => (withRouter ? routerOf(call) : call.name === 'mount'));
  if (anchors.length !== 1) return undefined;
  const [{ chain, call, index }] = anchors;
  const statementOnly = chain.statement.type === 'ExpressionStatement' && chain.calls.length === 1;
  const app = (chain.statement.type === 'ExpressionStatement' && callChain(chain.statement.expression).root) || undefined;
  if (withRouter) {
    const router = routerOf(call)!;
    if (statementOnly && app?.type === 'Identifier') {
      const semicolon = endsWithSemicolon(text, chain.statement) ? ';' : '';
      return [statementAfter(ast, text, chain.statement, `${app.name}.${plugin(router)}${semicolon}`)];
    }
    return [intoChain(text, call.call, chain.calls[index + 1], plugin(router))];
  }
  if (statementOnly && app?.type === 'Identifier') {
    const semicolon = endsWithSemicolon(text, chain.statement) ? ';' : '';
    return [statementBefore(text, chain.statement, `${app.name}.${plugin()}${semicolon}`)];
  }
  return [intoChain(text, (call.call.callee as t.MemberExpression).object, call, plugin())];
}

/** Wired: the plugin is imported and some `.use(intercom…)` installs it. */
const installsPlugin = (ast: t.File) =>
  bindingsOf(ast, (source) => pointsAt(source, 'intercom')).some((b) => b.name === 'intercom') &&
  find(ast, (n): n is t.CallExpression => isCall(n) && calleeName(n) === 'use' && n.arguments[0]?.type === 'Identifier' && n.arguments[0].name === 'intercom')
    .length > 0;

export const vue = defineFrontend({
  label: 'Vue 3',
  detect: (project) => project.dependsOn('vue'),
  context: (project) => {
    const typescript = project.typescript;
    const src = project.has('src') ? 'src/' : '';
    const entry = ENTRIES.find((file) => {
      const text = project.read(file);
      const ast = text === undefined ? undefined : parseModule(text, file);
      return ast !== undefined && appChains(ast) !== undefined;
    });
    const shownEntry = entry ?? `${src}main.${typescript ? 'ts' : 'js'}`;
    return {
      typescript,
      ext: typescript ? 'ts' : 'js',
      vueRouter: project.dependsOn('vue-router'),
      src,
      entry,
      shownEntry,
      pluginImport: relativeImport(shownEntry, `${src}plugins/intercom`),
    };
  },
  corePath: (data) => `${data.src}intercom/messenger.${data.ext}`,
  wire(plan, _project, data) {
    const file = data.entry;
    if (!file) return undefined;
    const text = plan.read(file)!;
    const result = wireModule(file, text, installsPlugin, (ast) => {
      const installed = installPlugin(ast, text, Boolean(data.vueRouter));
      if (!installed) return undefined;
      if (bindingsOf(ast, (source) => pointsAt(source, 'intercom')).some((b) => b.name === 'intercom')) return installed;
      const imports = importStatements(ast);
      const q = quoteOf(ast, text);
      const semicolon = (imports.length ? endsWithSemicolon(text, imports.at(-1)!) : usesSemicolons(ast, text)) ? ';' : '';
      return [...installed, importAfter(ast, text, imports, `import { intercom } from ${q}${data.pluginImport}${q}${semicolon}`)];
    });
    if (result === 'already') return { file, note: `${file} already installs the Intercom plugin` };
    if (result === undefined) return undefined;
    plan.edit(file, () => result);
    return { file, note: `${file}: imports the Intercom plugin and installs it${data.vueRouter ? ' after the router' : ''}` };
  },
  wiring: (data) => [
    `In ${data.shownEntry}: import { intercom } from '${data.pluginImport}';`,
    data.vueRouter
      ? "Install it after the router, before mount: app.use(router) then app.use(intercom, { router }), or chained createApp(App).use(router).use(intercom, { router }).mount('#app') (one update per successful navigation)."
      : "Install it before mount: createApp(App).use(intercom).mount('#app')",
  ],
  usage: () => ['In a component: const { login, logout } = useIntercom(); call login() after sign-in and logout() before you clear the session.'],
});
