import type { Project } from '../project.js';
import type { FrontendTarget } from './types.js';

const routerDirs = { app: ['app', 'src/app'], pages: ['pages', 'src/pages'] } as const;
const uses = (project: Project, router: keyof typeof routerDirs) => routerDirs[router].some((dir) => project.has(dir));

/** `@/components/…` when the project maps `@/*` (create-next-app's default), else a relative import. */
const hasAtAlias = (project: Project) => /"@\/\*"\s*:/.test(project.read('tsconfig.json') ?? project.read('jsconfig.json') ?? '');

export const next: FrontendTarget = {
  label: 'Next.js',
  context: (project, answers) => {
    const typescript = project.typescript;
    const router = answers.router ?? 'app';
    // Next's own convention: with src/app or src/pages, everything else lives under src/ too.
    const src = project.has('src/app') || project.has('src/pages') ? 'src/' : '';
    return {
      typescript,
      ext: typescript ? 'ts' : 'js',
      jsx: typescript ? 'tsx' : 'js',
      appRouter: router === 'app',
      src,
      importFrom: hasAtAlias(project) ? '@/components/intercom-messenger' : '../components/intercom-messenger',
    };
  },
  core: (data) => `${data.src}lib/intercom.${data.ext}`,
  files: (data) => [{ template: 'frontend/next/components/intercom-messenger.[jsx].hbs', to: `${data.src}components/intercom-messenger.${data.jsx}` }],
  check: (project, answers) => {
    const router = answers.router ?? 'app';
    const other = router === 'app' ? 'pages' : 'app';
    if (uses(project, router) || !uses(project, other)) return [];
    const [dir, srcDir] = routerDirs[router];
    const found = routerDirs[other].find((d) => project.has(d));
    return [
      `--router ${router}: this project has no ${dir}/ or ${srcDir}/ folder; it uses the ${other === 'app' ? 'App' : 'Pages'} Router (${found}/). ` +
        `Pass -- --router ${other}, or leave --router out to use the router the project has.`,
    ];
  },
  wiring: (data) => {
    const component = `import { IntercomMessenger } from '${data.importFrom}'`;
    return [
      data.appRouter
        ? `In ${data.src}app/layout.${data.jsx}: ${component}, then render <IntercomMessenger /> once inside <body>.`
        : `In ${data.src}pages/_app.${data.jsx}: ${component}, then render <IntercomMessenger /> next to <Component {...pageProps} />.`,
      `In client components: const { login, logout } = useIntercom() (from the same file); call login() after sign-in and logout() before you clear the session.`,
    ];
  },
};
