// `intercom`: backend and frontend in one run. What both halves share (workspace, region,
// route) is asked once; both halves are planned together and written all-or-nothing.
import path from 'node:path';
import type { NodePlopAPI, PlopGeneratorConfig } from 'plop';
import { backendOptions, backendSummary, planBackend } from './intercom-backend.js';
import { frontendOptions, frontendSummary, planFrontend, secretCanary } from './intercom-frontend.js';
import { installOption, wireOption, type Answers, type Option } from './options.js';
import { Project } from './project.js';
import { frameworkOption, targetOptions, uniqueWorkspace } from './detect.js';
import { backends, frontends, type FrontendId } from './registry.js';
import { defineGenerator, type PackConfig } from './steps/skeleton.js';
import { runInstall } from './steps/install.js';
import { legacyIdentitySummary } from './steps/legacy-identity.js';
import type { BackendAnswers, Detectable, FrontendAnswers } from './targets/types.js';
import * as validate from './validators.js';

const pick = (options: Option[], name: string) => options.find((o) => o.name === name)!;

const folder = (side: 'backend' | 'frontend', root: Project): Option => ({
  name: `${side}Dir`,
  message: `Folder of the ${side} app, relative to --dest`,
  kind: 'input',
  // In an npm/pnpm/yarn workspace, the one app of that kind.
  default: () => (side === 'backend' ? uniqueWorkspace(root, backends, frontends) : uniqueWorkspace(root, frontends)) ?? '.',
  validate: (value) => (path.isAbsolute(value) || value.split(/[\\/]/).includes('..') ? `"${value}" must be a folder inside --dest` : undefined),
});

function combinedOptions(root: Project): Option[] {
  const inDir = (side: 'backend' | 'frontend') => (answers: Answers) => root.at(String(answers[`${side}Dir`] ?? '.'));
  const back = backendOptions(root);
  const front = frontendOptions(inDir('frontend'));
  return [
    folder('backend', root),
    folder('frontend', root),
    frameworkOption(backends, inDir('backend'), 'Backend', 'backend'),
    frameworkOption(frontends, inDir('frontend'), 'Frontend', 'frontend'),
    pick(front, 'workspaceId'),
    pick(front, 'region'),
    pick(front, 'load'),
    pick(front, 'launcher'),
    pick(front, 'launcherColor'),
    pick(front, 'csp'),
    pick(back, 'route'),
    pick(back, 'ttl'),
    pick(back, 'secretEnvVar'),
    pick(back, 'attributes'),
    {
      name: 'apiOrigin',
      message: 'Origin of the backend when it differs from the frontend (empty: same origin)',
      kind: 'input',
      default: () => '',
      validate: validate.origin,
    },
    {
      name: 'appOrigin',
      message: 'Origin of the frontend, allowed by the backend for CORS',
      kind: 'input',
      when: (answers) => Boolean(answers.apiOrigin),
      validate: (value) => (value === '' ? 'is required when --apiOrigin is set' : validate.origin(value)),
      hint: 'The backend allows exactly this origin, with credentials, e.g. -- --appOrigin https://app.example.com',
    },
    ...targetOptions(backends, inDir('backend'), 'backend'),
    ...targetOptions(frontends, inDir('frontend'), 'frontend'),
    pick(back, 'secret'),
    wireOption,
    installOption,
  ];
}

/** The answers to the options the chosen target owns, which only that target reads. */
const ownAnswers = (table: Record<string, Detectable>, id: string, answers: Answers, project: Project) =>
  Object.fromEntries((table[id].options?.(() => project) ?? []).map((option) => [option.name, answers[option.name]]));

/** The two halves' answers, wired to match: a cross-origin API gets the app's origin, the app the API's URL. */
function split(answers: Answers, root: Project): { backend: BackendAnswers; frontend: FrontendAnswers } {
  const apiOrigin = String(answers.apiOrigin ?? '');
  return {
    backend: {
      ...ownAnswers(backends, String(answers.backend), answers, root),
      framework: String(answers.backend),
      secretEnvVar: String(answers.secretEnvVar),
      route: String(answers.route),
      ttl: Number(answers.ttl),
      allowedOrigin: apiOrigin ? String(answers.appOrigin) : '',
      attributes: String(answers.attributes ?? ''),
      secret: String(answers.secret ?? ''),
      csp: answers.csp as boolean,
      region: answers.region as FrontendAnswers['region'],
      wire: answers.wire as boolean,
      install: answers.install as boolean,
    },
    frontend: {
      ...ownAnswers(frontends, String(answers.frontend), answers, root),
      framework: String(answers.frontend),
      workspaceId: String(answers.workspaceId),
      region: answers.region as FrontendAnswers['region'],
      load: answers.load as FrontendAnswers['load'],
      launcher: answers.launcher as FrontendAnswers['launcher'],
      launcherColor: answers.launcherColor as string | undefined,
      csp: answers.csp as boolean,
      jwtEndpoint: `${apiOrigin}${answers.route}`,
      insecure: false,
      wire: answers.wire as boolean,
    },
  };
}

export function combinedGenerator(plop: NodePlopAPI, config: PackConfig): PlopGeneratorConfig {
  return defineGenerator(plop, config, {
    name: 'intercom',
    description: 'Both halves: the JWT endpoint and the Messenger client, wired to match',
    options: combinedOptions,
    check(answers, root) {
      const { frontend } = split(answers, root);
      const project = root.at(String(answers.frontendDir));
      const problems = [...secretCanary(answers, project)];
      problems.push(...(frontends[frontend.framework as FrontendId].check?.(project, frontend) ?? []));
      return problems;
    },
    async run({ plan, project: root, answers, force, afterWrite }) {
      const { backend, frontend } = split(answers, root);
      const backendDir = String(answers.backendDir);
      const frontendDir = String(answers.frontendDir);
      const backendProject = root.at(backendDir);
      const backendResult = await planBackend(plop, plan.within(backendDir), backendProject, backend, force);
      if (backend.install && backendResult.install) afterWrite(() => runInstall(backendProject, backendResult.install!));
      const frontendProject = root.at(frontendDir);
      const frontendResult = planFrontend(
        plop,
        plan.within(frontendDir),
        frontendProject,
        frontend,
        frontendOptions(() => frontendProject),
      );
      return [
        `Backend (${backendDir}):`,
        ...backendSummary(backend, backendResult).map((line) => `  ${line}`),
        `Frontend (${frontendDir}):`,
        ...frontendSummary(frontend, frontendResult).map((line) => `  ${line}`),
        // Both halves at once: a user_hash install spans the server and its pages.
        ...legacyIdentitySummary(root, frontend.jwtEndpoint),
      ];
    },
  });
}
