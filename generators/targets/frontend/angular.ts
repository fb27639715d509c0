import path from 'node:path';
import {
  bindingsOf,
  calleeName,
  endsWithSemicolon,
  find,
  importAfter,
  importStatements,
  indentAt,
  isCall,
  lineEnd,
  lineStart,
  lineEnding,
  parseModule,
  pointsAt,
  quoteOf,
  relativeImport,
  startsLine,
  type Insertion,
  type t,
  usesSemicolons,
  wireModule,
} from '../../syntax/javascript.js';
import type { Project } from '../../project.js';
import { defineFrontend } from '../types.js';

interface Workspace {
  sourceRoot: string;
  /** The build's entry point (architect.build.options.browser, or main before Angular 17). */
  main: string;
}

/** The workspace's first application, from angular.json; the CLI's default layout otherwise. */
function workspace(project: Project): Workspace {
  let sourceRoot = 'src';
  let main: string | undefined;
  try {
    type Options = { browser?: string; main?: string };
    type WorkspaceProject = {
      projectType?: string;
      root?: string;
      sourceRoot?: string;
      architect?: { build?: { options?: Options } };
      targets?: { build?: { options?: Options } };
    };
    const projects: WorkspaceProject[] = Object.values(JSON.parse(project.read('angular.json') ?? '{}').projects ?? {});
    const app = projects.find((p) => p.projectType === 'application') ?? projects[0];
    if (app) {
      sourceRoot = app.sourceRoot ?? [app.root, 'src'].filter(Boolean).join('/');
      const options = (app.architect ?? app.targets)?.build?.options;
      main = options?.browser ?? options?.main;
    }
  } catch {
    // angular.json with comments or broken: the CLI's default layout.
  }
  return { sourceRoot, main: main ?? `${sourceRoot}/main.ts` };
}

/** The app folder (sourceRoot + /app when it exists). */
function appDir(project: Project): string {
  const { sourceRoot } = workspace(project);
  return project.has(`${sourceRoot}/app`) ? `${sourceRoot}/app` : sourceRoot;
}

/** The project's .ts file from which `file` imports `name` by a relative path, when it exists. */
function importedFrom(project: Project, file: string, ast: t.File, name: string): string | undefined {
  const binding = bindingsOf(ast, (source) => source.startsWith('.')).find((b) => b.name === name);
  if (binding?.statement.type !== 'ImportDeclaration') return undefined;
  const base = path.posix.join(path.posix.dirname(file), binding.statement.source.value);
  return project.findFile([`${base}.ts`, base.replace(/\.js$/, '.ts'), `${base}/index.ts`]);
}

interface Bootstrap {
  /** bootstrapApplication (standalone) rather than an NgModule's bootstrapModule. */
  standalone: boolean;
  /** The file that gets provideIntercom(): the app config, the root NgModule, or main.ts for an inline config. */
  configFile: string;
  /** The app config constant or the NgModule class; undefined for a config written inline in main.ts. */
  configName?: string;
}

/** The one call of `name` in the file. */
const onlyCall = (ast: t.File, name: string) => {
  const calls = find(ast, (n): n is t.CallExpression => isCall(n) && calleeName(n) === name);
  return calls.length === 1 ? calls[0][0] : undefined;
};

/** How the app starts, read from its main.ts: where its root providers are. */
function bootstrap(project: Project): Bootstrap {
  const { main } = workspace(project);
  const dir = appDir(project);
  const text = project.read(main);
  const ast = text === undefined ? undefined : parseModule(text, main);
  const moduleFiles = [`${dir}/app-module.ts`, `${dir}/app.module.ts`];
  const [module] = (ast && onlyCall(ast, 'bootstrapModule')?.arguments) ?? [];
  if (ast && module?.type === 'Identifier') {
    return {
      standalone: false,
      configFile: importedFrom(project, main, ast, module.name) ?? project.findFile(moduleFiles) ?? moduleFiles[0],
      configName: module.name,
    };
  }
  const [, config] = (ast && onlyCall(ast, 'bootstrapApplication')?.arguments) ?? [];
  if (ast && config?.type === 'ObjectExpression') return { standalone: true, configFile: main };
  if (ast && config?.type === 'Identifier') {
    return { standalone: true, configFile: importedFrom(project, main, ast, config.name) ?? `${dir}/app.config.ts`, configName: config.name };
  }
  // No main.ts to read: an AppModule file means an NgModule app.
  const moduleFile = project.findFile(moduleFiles);
  return moduleFile
    ? { standalone: false, configFile: moduleFile, configName: 'AppModule' }
    : { standalone: true, configFile: `${dir}/app.config.ts`, configName: 'appConfig' };
}

/** The object that holds the root providers: the app config constant, bootstrapApplication's inline config, or the root class's @NgModule({…}). */
function providersObject(ast: t.File, data: Bootstrap): t.ObjectExpression | undefined {
  const name = data.configName;
  if (!data.standalone) {
    const modules = find(ast, (n): n is t.ClassDeclaration => n.type === 'ClassDeclaration').flatMap(([c]) =>
      (c.decorators ?? []).flatMap((d) =>
        isCall(d.expression) && calleeName(d.expression) === 'NgModule' ? [{ name: c.id?.name, options: d.expression.arguments[0] }] : [],
      ),
    );
    const found = modules.filter((m) => m.name === name || (modules.length === 1 && !name));
    return found.length === 1 && found[0].options?.type === 'ObjectExpression' ? found[0].options : undefined;
  }
  if (!name) {
    const [, config] = onlyCall(ast, 'bootstrapApplication')?.arguments ?? [];
    return config?.type === 'ObjectExpression' ? config : undefined;
  }
  const declared = find(ast, (n): n is t.VariableDeclarator => n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.id.name === name);
  const init = declared.length === 1 ? declared[0][0].init : undefined;
  return init?.type === 'ObjectExpression' ? init : undefined;
}

const property = (object: t.ObjectExpression, name: string) =>
  object.properties.find((p): p is t.ObjectProperty => p.type === 'ObjectProperty' && !p.computed && p.key.type === 'Identifier' && p.key.name === name);

/**
 * `call` last in the `providers: [ … ]` of the object, in the array's own layout (one line, or one
 * element per line, with or without a trailing comma); an NgModule without providers gets the key,
 * on its own line before `bootstrap` (or `imports`, `declarations`). Undefined when there is no
 * array literal to extend or its layout is mixed.
 */
function addProvider(ast: t.File, text: string, object: t.ObjectExpression, call: string, addKey: boolean): Insertion[] | undefined {
  const eol = lineEnding(text);
  const providers = property(object, 'providers');
  if (!providers) {
    if (!addKey) return undefined;
    const anchor = ['bootstrap', 'imports', 'declarations'].map((key) => property(object, key)).find((p) => p && startsLine(text, p.start!));
    if (!anchor) return undefined;
    return [{ at: lineStart(text, anchor.start!), text: `${indentAt(text, anchor.start!)}providers: [${call}],${eol}` }];
  }
  const array = providers.value;
  if (array.type !== 'ArrayExpression' || array.elements.some((e) => e === null)) return undefined;
  const elements = array.elements as t.Node[];
  const last = elements.at(-1);
  const comma = array.extra?.trailingComma as number | undefined;
  if (!last) return text.slice(array.start! + 1, array.end! - 1).trim() === '' ? [{ at: array.start! + 1, end: array.end! - 1, text: call }] : undefined;
  if (!text.slice(array.start!, array.end!).includes('\n'))
    return comma !== undefined ? [{ at: comma + 1, text: ` ${call},` }] : [{ at: last.end!, text: `, ${call}` }];
  // One element per line: `[` ends its line, `]` starts its own, the new line is indented like the first element.
  const opensLine = text.slice(array.start! + 1, elements[0].start!).includes('\n');
  if (!opensLine || !startsLine(text, array.end! - 1) || !startsLine(text, elements[0].start!)) return undefined;
  const indent = indentAt(text, elements[0].start!);
  if (comma !== undefined) return [{ at: lineEnd(text, comma), text: `${eol}${indent}${call},` }];
  return [
    { at: last.end!, text: ',' },
    { at: lineEnd(text, last.end!), text: `${eol}${indent}${call}` },
  ];
}

/** Wired: provideIntercom is imported from the generated file and called. */
const providesIntercom = (ast: t.File) =>
  bindingsOf(ast, (source) => pointsAt(source, 'intercom')).some((b) => b.name === 'provideIntercom') &&
  find(ast, (n): n is t.CallExpression => isCall(n) && n.callee.type === 'Identifier' && n.callee.name === 'provideIntercom').length > 0;

/** The import of provideIntercom as the config file writes it (./intercom/intercom). */
function providerImport(data: Bootstrap & { dir: string }, quote = "'", semicolon = true): string {
  const from = relativeImport(data.configFile, `${data.dir}/intercom`);
  return `import { provideIntercom } from ${quote}${from}${quote}${semicolon ? ';' : ''}`;
}

export const angular = defineFrontend({
  label: 'Angular',
  detect: (project) => project.dependsOn('@angular/core'),
  context: (project) => ({ typescript: true, ext: 'ts', dir: `${appDir(project)}/intercom`, ...bootstrap(project) }),
  corePath: (data) => `${data.dir}/messenger.ts`,
  wire(plan, _project, data) {
    const file = data.configFile;
    const text = plan.read(file);
    if (text === undefined) return undefined;
    const result = wireModule(file, text, providesIntercom, (ast) => {
      const object = providersObject(ast, data);
      const added = object && addProvider(ast, text, object, 'provideIntercom()', !data.standalone);
      if (!added) return undefined;
      if (bindingsOf(ast, (source) => pointsAt(source, 'intercom')).some((b) => b.name === 'provideIntercom')) return added;
      const imports = importStatements(ast);
      const semicolon = imports.length ? endsWithSemicolon(text, imports.at(-1)!) : usesSemicolons(ast, text);
      return [...added, importAfter(ast, text, imports, providerImport(data, quoteOf(ast, text), semicolon))];
    });
    const where = data.standalone ? `${data.configName ?? 'the app config'}'s providers` : `the providers of @NgModule ${data.configName ?? ''}`.trimEnd();
    if (result === 'already') return { file, note: `${file} already has provideIntercom() in ${where}` };
    if (result === undefined) return undefined;
    plan.edit(file, () => result);
    return { file, note: `${file}: imports provideIntercom and puts provideIntercom() last in ${where}` };
  },
  wiring: (data) => [
    data.standalone
      ? `In ${data.configFile}, import provideIntercom and put provideIntercom() last in the providers of ${data.configName ?? 'the app config'}:`
      : `In ${data.configFile}, import provideIntercom and put provideIntercom() last in the providers of @NgModule (${data.configName ?? 'the root module'}):`,
    `  ${providerImport(data)}`,
    '  providers: [/* the providers already there */, provideIntercom()],',
  ],
  consentCalls: { grant: 'injectIntercom().grantConsent()', revoke: 'injectIntercom().revokeConsent()' },
  usage: (data) => [
    `injectIntercom() (${data.dir}/intercom.ts) where users sign in and out: call login() after sign-in and logout() before you clear the session.`,
  ],
});
