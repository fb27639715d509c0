import type { FrontendTarget } from './types.js';

export const vue: FrontendTarget = {
  label: 'Vue 3',
  context: (project) => {
    const typescript = project.typescript;
    return { typescript, ext: typescript ? 'ts' : 'js', vueRouter: project.dependsOn('vue-router'), src: project.has('src') ? 'src/' : '' };
  },
  core: (data) => `${data.src}intercom/messenger.${data.ext}`,
  files: (data) => [{ template: 'frontend/vue/plugins/intercom.[ext].hbs', to: `${data.src}plugins/intercom.${data.ext}` }],
  wiring: (data) => [
    `In ${data.src}main.${data.ext}: import { intercom } from './plugins/intercom';`,
    data.vueRouter
      ? 'createApp(App).use(router).use(intercom, { router }).mount(\'#app\') (after the router: one update per successful navigation).'
      : "createApp(App).use(intercom).mount('#app')",
    'In a component: const { login, logout } = useIntercom(); call login() after sign-in and logout() before you clear the session.',
  ],
};
