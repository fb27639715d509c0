import type { Project } from '../../project.js';
import { defineFrontend } from '../types.js';

/**
 * The folder Nuxt reads plugins and utils from: `app/` (Nuxt 4's srcDir) unless the app keeps
 * Nuxt 3's layout at the root (app.vue, pages/ or plugins/ there, and none of them under app/).
 */
function srcDir(project: Project): string {
  const inApp = ['app/app.vue', 'app/pages', 'app/plugins', 'app/layouts'].some((file) => project.has(file));
  const atRoot = ['app.vue', 'pages', 'plugins', 'layouts'].some((file) => project.has(file));
  return atRoot && !inApp ? '' : 'app/';
}

export const nuxt = defineFrontend({
  label: 'Nuxt',
  detect: (project) => project.dependsOn('nuxt'),
  // Every Nuxt app depends on Vue: Nuxt is the app.
  before: ['vue', 'vanilla'],
  context: (project) => {
    const typescript = project.typescript;
    return { typescript, ext: typescript ? ('ts' as const) : ('js' as const), srcDir: srcDir(project) };
  },
  corePath: (data) => `${data.srcDir}utils/intercom.${data.ext}`,
  // Nuxt registers every file of plugins/ itself: nothing to edit.
  wiring: (data) => [
    `${data.srcDir}plugins/intercom.client.${data.ext} starts the Messenger in the browser (Nuxt registers it; .client keeps it off the server).`,
  ],
  usage: () => [
    'In a component: const { $intercom } = useNuxtApp(); call $intercom.login() after sign-in and $intercom.logout() before you clear the session (with nuxt-auth-utils, before clear()).',
  ],
});
