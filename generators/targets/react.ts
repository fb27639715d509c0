import type { FrontendTarget } from './types.js';

export const react: FrontendTarget = {
  label: 'React',
  context: (project) => {
    const typescript = project.typescript;
    const routerModule = ['react-router-dom', 'react-router'].find((name) => project.dependsOn(name));
    return { typescript, ext: typescript ? 'ts' : 'js', jsx: typescript ? 'tsx' : 'jsx', routerModule, dir: project.has('src') ? 'src/intercom' : 'intercom' };
  },
  core: (data) => `${data.dir}/messenger.${data.ext}`,
  files: (data) => [{ template: 'frontend/react/intercom/IntercomProvider.[jsx].hbs', to: `${data.dir}/IntercomProvider.${data.jsx}` }],
  wiring: (data) => [
    `import { IntercomProvider } from './intercom/IntercomProvider';`,
    data.routerModule
      ? 'Render <IntercomProvider>{children}</IntercomProvider> inside your <BrowserRouter> (useLocation needs the router).'
      : 'Render <IntercomProvider><App /></IntercomProvider> in your root (main.tsx).',
    'const { login, logout } = useIntercom(); call login() after sign-in and logout() before you clear the session.',
  ],
};
