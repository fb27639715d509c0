import path from 'node:path';
import { addImport, closingBracket, objectProperty, quoteStyle } from '../steps/anchors.js';
import type { Project } from '../project.js';
import type { FrontendTarget, FrontendTemplateData } from './types.js';

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
    type WorkspaceProject = { projectType?: string; root?: string; sourceRoot?: string; architect?: { build?: { options?: Options } }; targets?: { build?: { options?: Options } } };
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
function importedFrom(project: Project, file: string, text: string, name: string): string | undefined {
  const from = new RegExp(`^import\\s*\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*['"](\\.[^'"]+)['"]`, 'm').exec(text)?.[1];
  if (!from) return undefined;
  const base = path.posix.join(path.posix.dirname(file), from);
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

/** How the app starts, read from its main.ts: where its root providers are. */
function bootstrap(project: Project): Bootstrap {
  const { main } = workspace(project);
  const dir = appDir(project);
  const text = project.read(main) ?? '';
  const moduleFiles = [`${dir}/app-module.ts`, `${dir}/app.module.ts`];
  const module = /\.bootstrapModule\(\s*(\w+)/.exec(text)?.[1];
  if (module) return { standalone: false, configFile: importedFrom(project, main, text, module) ?? project.findFile(moduleFiles) ?? moduleFiles[0], configName: module };
  const application = /\bbootstrapApplication\(\s*\w+\s*,\s*(\w+|\{)/.exec(text)?.[1];
  if (application === '{') return { standalone: true, configFile: main };
  if (application) return { standalone: true, configFile: importedFrom(project, main, text, application) ?? `${dir}/app.config.ts`, configName: application };
  // No main.ts to read: an AppModule file means an NgModule app.
  const moduleFile = project.findFile(moduleFiles);
  return moduleFile ? { standalone: false, configFile: moduleFile, configName: 'AppModule' } : { standalone: true, configFile: `${dir}/app.config.ts`, configName: 'appConfig' };
}

/** The `{` of the object that holds the root providers; -1 when there is no clear one. */
function providersObject(text: string, data: FrontendTemplateData): number {
  const name = data.configName as string | undefined;
  if (!data.standalone) {
    // The @NgModule({ … }) decorating the bootstrapped class (or the file's only one).
    const decorators = [...text.matchAll(/@NgModule\(\s*\{/g)];
    const found = decorators.filter((m) => {
      const close = closingBracket(text, m.index + m[0].indexOf('('));
      const decorated = /^\s*export\s+class\s+(\w+)/.exec(text.slice(close + 1))?.[1];
      return close !== -1 && (decorated === name || (decorators.length === 1 && !name));
    });
    return found.length === 1 ? found[0].index + found[0][0].length - 1 : -1;
  }
  const anchor = name
    ? new RegExp(`^export\\s+const\\s+${name}\\s*(?::\\s*ApplicationConfig\\s*)?=\\s*\\{`, 'm').exec(text)
    : /\bbootstrapApplication\(\s*\w+\s*,\s*\{/.exec(text);
  return anchor ? anchor.index + anchor[0].length - 1 : -1;
}

const lineStart = (text: string, index: number) => text.lastIndexOf('\n', index - 1) + 1;
const onlySpaceBefore = (text: string, index: number) => /^[ \t]*$/.test(text.slice(lineStart(text, index), index));
const indentAt = (text: string, index: number) => /^[ \t]*/.exec(text.slice(lineStart(text, index)))![0];

/**
 * Puts `call` last in the `providers: [ … ]` of the object at `open`, in the array's own layout
 * (one line, or one element per line, with or without a trailing comma). The text unchanged when
 * it is already there; undefined when there is no array literal to extend.
 */
function addProvider(text: string, open: number, call: string, addKey: boolean): string | undefined {
  const property = objectProperty(text, open, 'providers');
  if (!property) {
    // An NgModule without providers: a new key on its own line, before a key that starts one.
    if (!addKey || closingBracket(text, open) === -1) return undefined;
    const anchor = ['bootstrap', 'imports', 'declarations'].map((key) => objectProperty(text, open, key)).find((p) => p && onlySpaceBefore(text, p.key));
    if (!anchor) return undefined;
    const at = lineStart(text, anchor.key);
    return `${text.slice(0, at)}${indentAt(text, anchor.key)}providers: [${call}],\n${text.slice(at)}`;
  }
  const start = property.value;
  if (text[start] !== '[') return undefined;
  let first = -1;
  let last = -1;
  const end = closingBracket(text, start, (i, depth) => {
    if (depth !== 1 || /\s/.test(text[i])) return;
    if (first === -1) first = i;
    last = i;
  });
  if (end === -1) return undefined;
  const inside = text.slice(start + 1, end);
  if (/\bprovideIntercom\s*\(/.test(inside)) return text;
  const splice = (at: number, insert: string) => `${text.slice(0, at)}${insert}${text.slice(at)}`;
  if (first === -1) return /^\s*$/.test(inside) ? `${text.slice(0, start + 1)}${call}${text.slice(end)}` : undefined;
  if (!inside.includes('\n')) return text[last] === ',' ? splice(last + 1, ` ${call},`) : splice(last + 1, `, ${call}`);
  // One element per line: `[` ends its line, `]` starts its own, the new line is indented like the first element.
  if (!/^[ \t]*\r?\n/.test(inside) || !onlySpaceBefore(text, end) || !onlySpaceBefore(text, first)) return undefined;
  const indent = indentAt(text, first);
  const eol = text.indexOf('\n', last);
  const lineEnd = text[eol - 1] === '\r' ? eol - 1 : eol;
  const newline = text[eol - 1] === '\r' ? '\r\n' : '\n';
  if (text[last] === ',') return splice(lineEnd, `${newline}${indent}${call},`);
  const withComma = splice(last + 1, ',');
  return `${withComma.slice(0, lineEnd + 1)}${newline}${indent}${call}${withComma.slice(lineEnd + 1)}`;
}

/** The import of provideIntercom as the config file writes it (./intercom/provide-intercom). */
function providerImport(data: FrontendTemplateData, quote = "'", semicolon = true): string {
  const relative = path.posix.relative(path.posix.dirname(data.configFile as string), `${data.dir}/provide-intercom`);
  const from = relative.startsWith('.') ? relative : `./${relative}`;
  return `import { provideIntercom } from ${quote}${from}${quote}${semicolon ? ';' : ''}`;
}

export const angular: FrontendTarget = {
  label: 'Angular',
  detect: (project) => project.dependsOn('@angular/core'),
  context: (project) => ({ typescript: true, ext: 'ts', dir: `${appDir(project)}/intercom`, ...bootstrap(project) }),
  core: (data) => `${data.dir}/messenger.ts`,
  files: (data) => [
    { template: 'frontend/angular/intercom/inject-intercom.ts.hbs', to: `${data.dir}/inject-intercom.ts` },
    { template: 'frontend/angular/intercom/provide-intercom.ts.hbs', to: `${data.dir}/provide-intercom.ts` },
  ],
  wire(plan, _project, data) {
    const file = data.configFile as string;
    const text = plan.read(file);
    if (text === undefined) return undefined;
    const open = providersObject(text, data);
    if (open === -1) return undefined;
    let edited = addProvider(text, open, 'provideIntercom()', !data.standalone);
    if (edited === undefined) return undefined;
    if (!/^import\s*\{[^}]*\bprovideIntercom\b[^}]*\}\s*from/m.test(text)) {
      const semicolon = /^import\s[^;]*?['"][ \t]*;[ \t]*\r?$/m.test(text) || !/^import\s/m.test(text);
      edited = addImport(edited, providerImport(data, quoteStyle(text), semicolon), 'js');
    }
    const where = data.standalone ? `${data.configName ?? 'the app config'}'s providers` : `the providers of @NgModule ${data.configName ?? ''}`.trimEnd();
    if (edited === text) return { file, note: `${file} already has provideIntercom() in ${where}` };
    plan.edit(file, () => edited);
    return { file, note: `${file}: imports provideIntercom and puts provideIntercom() last in ${where}` };
  },
  wiring: (data) => [
    data.standalone
      ? `In ${data.configFile}, import provideIntercom and put provideIntercom() last in the providers of ${data.configName ?? 'the app config'}:`
      : `In ${data.configFile}, import provideIntercom and put provideIntercom() last in the providers of @NgModule (${data.configName ?? 'the root module'}):`,
    `  ${providerImport(data)}`,
    '  providers: [/* the providers already there */, provideIntercom()],',
  ],
  usage: (data) => [
    `injectIntercom() (${data.dir}/inject-intercom.ts) where users sign in and out: call login() after sign-in and logout() before you clear the session.`,
  ],
};
