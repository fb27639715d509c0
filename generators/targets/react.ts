import type { FrontendTarget } from './types.js';

export const react: FrontendTarget = {
  label: 'React',
  context: (project) => {
    const typescript = project.typescript;
    const routerModule = ['react-router-dom', 'react-router'].find((name) => project.dependsOn(name));
    return { typescript, ext: typescript ? 'ts' : 'js', jsx: typescript ? 'tsx' : 'jsx', routerModule, dir: project.has('src') ? 'src/intercom' : 'intercom' };
  },
  core: (data) => `${data.dir}/messenger.${data.ext}`,
  // The hook has a file of its own: Fast Refresh (and its lint rule) wants component files to export only components.
  files: (data) => [
    { template: 'frontend/react/intercom/IntercomProvider.[jsx].hbs', to: `${data.dir}/IntercomProvider.${data.jsx}` },
    { template: 'frontend/react/intercom/useIntercom.[ext].hbs', to: `${data.dir}/useIntercom.${data.ext}` },
  ],
  wiring: (data) => [
    `import { IntercomProvider } from './intercom/IntercomProvider';`,
    data.routerModule
      ? `Render <IntercomProvider> inside your <BrowserRouter> around <App /> (with createBrowserRouter: in your root route's element), since it reads ${data.routerModule}'s useLocation().`
      : `Render <IntercomProvider><App /></IntercomProvider> in main.${data.jsx}.`,
    `import { useIntercom } from './intercom/useIntercom'; const { login, logout } = useIntercom(); call login() after sign-in and logout() before you clear the session.`,
  ],
};
