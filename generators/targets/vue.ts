import path from 'node:path';
import { addImport, findLine, importStyle, insertBeside, lines } from '../steps/anchors.js';
import type { FrontendTarget } from './types.js';

/** Where create-vue and create-vite put the app; the one calling createApp( wins. */
const ENTRIES = ['src/main.ts', 'src/main.js', 'main.ts', 'main.js'];

const relativeImport = (from: string, to: string) => {
  const relative = path.posix.relative(path.posix.dirname(from), to);
  return relative.startsWith('.') ? relative : `./${relative}`;
};

/** `name.use(router)` alone on its line (create-vue), giving the router's identifier. */
const useRouterLine = (name: string) => new RegExp(`^\\s*${name}\\.use\\(\\s*(\\w*[rR]outer)\\s*\\)\\s*;?\\s*$`);

/**
 * The entry with the plugin installed, or undefined without a safe anchor. Two shapes:
 *   const app = createApp(App) … app.use(router) … app.mount('#app')  (create-vue)
 *   createApp(App).use(router).mount('#app'), on one line or one call per line  (create-vite)
 * The plugin goes after the router (its afterEach must see the router installed), before mount.
 */
function installPlugin(text: string, withRouter: boolean): string | undefined {
  const plugin = (router?: string) => (router === undefined ? 'use(intercom)' : `use(intercom, { ${router === 'router' ? 'router' : `router: ${router}`} })`);
  const all = lines(text);
  const app = /^(?:const|let|var)\s+(\w+)\s*=\s*createApp\(/m.exec(text)?.[1];
  if (app) {
    const at = withRouter ? findLine(text, useRouterLine(app)) : findLine(text, new RegExp(`^\\s*${app}\\.mount\\(`));
    if (at === -1) return undefined;
    const semicolon = /;\s*$/.test(all[at]) ? ';' : '';
    const router = withRouter ? useRouterLine(app).exec(all[at])![1] : undefined;
    return insertBeside(text, at, `${app}.${plugin(router)}${semicolon}`, withRouter ? 'after' : 'before');
  }
  const created = findLine(text, /^\s*createApp\(/);
  if (created === -1) return undefined;
  // The chain: the createApp( line and the lines that continue it with `.call(`.
  let last = created;
  while (last + 1 < all.length && /^\s*\./.test(all[last + 1])) last++;
  const chain = all.slice(created, last + 1).join('\n');
  const router = withRouter ? /\.use\(\s*(\w*[rR]outer)\s*\)/.exec(chain)?.[1] : undefined;
  if (withRouter && !router) return undefined;
  if (last === created) {
    const line = all[created];
    const mount = line.lastIndexOf('.mount(');
    if (mount === -1 || (router && mount < line.indexOf(`.use(${router}`))) return undefined;
    all[created] = `${line.slice(0, mount)}.${plugin(router)}${line.slice(mount)}`;
    return all.join('\n');
  }
  const mountLine = findLine(text, /^\s*\.mount\(/, created + 1);
  if (mountLine === -1 || mountLine > last) return undefined;
  if (router && findLine(text, new RegExp(`\\.use\\(\\s*${router}\\s*\\)`), created) >= mountLine) return undefined;
  return insertBeside(text, mountLine, `.${plugin(router)}`, 'before');
}

export const vue: FrontendTarget = {
  label: 'Vue 3',
  detect: (project) => project.dependsOn('vue'),
  context: (project) => {
    const typescript = project.typescript;
    const src = project.has('src') ? 'src/' : '';
    const entry = project.findFile(ENTRIES, /\bcreateApp\(/);
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
  core: (data) => `${data.src}intercom/messenger.${data.ext}`,
  files: (data) => [{ template: 'frontend/vue/plugins/intercom.[ext].hbs', to: `${data.src}plugins/intercom.${data.ext}` }],
  wire(plan, _project, data) {
    const file = data.entry as string | undefined;
    if (!file) return undefined;
    const text = plan.read(file)!;
    const installed = lines(text).find((line) => /\.use\(\s*intercom\b/.test(line));
    if (installed) return { file, note: `${file} already installs the Intercom plugin: ${installed.trim()}` };
    const withPlugin = installPlugin(text, Boolean(data.vueRouter));
    if (withPlugin === undefined) return undefined;
    const { quote: q, semicolon } = importStyle(text);
    const importLine = `import { intercom } from ${q}${data.pluginImport}${q}${semicolon ? ';' : ''}`;
    const edited = /\bimport\s*\{[^}]*\bintercom\b[^}]*\}/.test(withPlugin) ? withPlugin : addImport(withPlugin, importLine, 'js');
    plan.edit(file, () => edited);
    return { file, note: `${file}: imports the Intercom plugin and installs it${data.vueRouter ? ' after the router' : ''}` };
  },
  wiring: (data) => [
    `In ${data.shownEntry}: import { intercom } from '${data.pluginImport}';`,
    data.vueRouter
      ? "Install it after the router, before mount: app.use(router) then app.use(intercom, { router }), or chained createApp(App).use(router).use(intercom, { router }).mount('#app') (one update per successful navigation)."
      : "Install it before mount: createApp(App).use(intercom).mount('#app')",
  ],
  usage: () => ['In a component: const { login, logout } = useIntercom(); call login() after sign-in and logout() before you clear the session.'],
};
