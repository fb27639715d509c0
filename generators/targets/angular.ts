import type { Project } from '../project.js';
import type { FrontendTarget } from './types.js';

/** The app folder of the workspace's first application (angular.json's sourceRoot + /app). */
function appDir(project: Project): string {
  let sourceRoot = 'src';
  try {
    type WorkspaceProject = { projectType?: string; root?: string; sourceRoot?: string };
    const projects: WorkspaceProject[] = Object.values(JSON.parse(project.read('angular.json') ?? '{}').projects ?? {});
    const app = projects.find((p) => p.projectType === 'application') ?? projects[0];
    if (app) sourceRoot = app.sourceRoot ?? [app.root, 'src'].filter(Boolean).join('/');
  } catch {
    // angular.json with comments or broken: the CLI's default layout.
  }
  return project.has(`${sourceRoot}/app`) ? `${sourceRoot}/app` : sourceRoot;
}

export const angular: FrontendTarget = {
  label: 'Angular',
  context: (project) => ({ typescript: true, ext: 'ts', dir: `${appDir(project)}/intercom` }),
  core: (data) => `${data.dir}/messenger.ts`,
  files: (data) => [
    { template: 'frontend/angular/intercom/intercom.service.ts.hbs', to: `${data.dir}/intercom.service.ts` },
    { template: 'frontend/angular/intercom/provide-intercom.ts.hbs', to: `${data.dir}/provide-intercom.ts` },
  ],
  wiring: (data) => [
    `In app.config.ts: import { provideIntercom } from './intercom/provide-intercom'; then add provideIntercom() to its providers.`,
    'An NgModule app puts provideIntercom() in the providers of its AppModule instead.',
    `Sign-in and sign-out: inject(IntercomService) (${data.dir}/intercom.service.ts), call login() after sign-in and logout() before you clear the session.`,
  ],
};
