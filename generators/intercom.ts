// `intercom`: backend and frontend in one run. What both halves share (workspace, region,
// route) is asked once; both halves are planned together and written all-or-nothing.
import path from 'node:path';
import type { NodePlopAPI, PlopGeneratorConfig } from 'plop';
import { backendOptions, backendSummary, planBackend } from './intercom-backend.js';
import { frontendOptions, frontendSummary, planFrontend, secretCanary } from './intercom-frontend.js';
import type { Answers, Option } from './options.js';
import { Project } from './project.js';
import { frameworkOption, installOption, runInstall, uniqueWorkspace, wireOption } from './detect.js';
import { backendIds, backends, frontendIds, frontends, type FrontendId } from './registry.js';
import { defineGenerator, type PackConfig } from './steps/generator.js';
import { legacyIdentitySummary } from './steps/legacy-identity.js';
import type { BackendAnswers, FrontendAnswers } from './targets/types.js';
import * as validate from './validators.js';

const pick = (options: Option[], name: string) => options.find((o) => o.name === name)!;

/** A frontend option whose `when`/`validate` read `framework` sees the frontend's framework. */
const asFrontendOption = (option: Option): Option => ({
  ...option,
  when: option.when && ((answers) => option.when!({ ...answers, framework: answers.frontend })),
});

const folder = (side: 'backend' | 'frontend', root: Project): Option => ({
  name: `${side}Dir`,
  message: `Folder of the ${side} app, relative to --dest`,
  kind: 'input',
  // In an npm/pnpm/yarn workspace, the one app of that kind.
  default: () => uniqueWorkspace(root, side === 'backend' ? backends : frontends) ?? '.',
  validate: (value) => (path.isAbsolute(value) || value.split(/[\\/]/).includes('..') ? `"${value}" must be a folder inside --dest` : undefined),
});

function combinedOptions(root: Project): Option[] {
  const inDir = (side: 'backend' | 'frontend') => (answers: Answers) => root.at(String(answers[`${side}Dir`] ?? '.'));
  const back = backendOptions(root);
  const front = frontendOptions(inDir('frontend'));
  return [
    folder('backend', root),
    folder('frontend', root),
    frameworkOption(backends, backendIds, inDir('backend'), 'Backend', 'backend'),
    frameworkOption(frontends, frontendIds, inDir('frontend'), 'Frontend', 'frontend'),
    pick(front, 'workspaceId'),
    pick(front, 'region'),
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
    asFrontendOption(pick(front, 'router')),
    asFrontendOption(pick(front, 'htmlFile')),
    asFrontendOption(pick(front, 'basePath')),
    pick(back, 'secret'),
    wireOption,
    installOption,
  ];
}

/** The two halves' answers, wired to match: a cross-origin API gets the app's origin, the app the API's URL. */
function split(answers: Answers): { backend: BackendAnswers; frontend: FrontendAnswers } {
  const apiOrigin = String(answers.apiOrigin ?? '');
  return {
    backend: {
      framework: String(answers.backend),
      secretEnvVar: String(answers.secretEnvVar),
      route: String(answers.route),
      ttl: Number(answers.ttl),
      allowedOrigin: apiOrigin ? String(answers.appOrigin) : '',
      attributes: String(answers.attributes ?? ''),
      secret: String(answers.secret ?? ''),
      wire: answers.wire as boolean,
      install: answers.install as boolean,
    },
    frontend: {
      framework: String(answers.frontend),
      workspaceId: String(answers.workspaceId),
      region: answers.region as FrontendAnswers['region'],
      jwtEndpoint: `${apiOrigin}${answers.route}`,
      router: answers.router as FrontendAnswers['router'],
      htmlFile: answers.htmlFile as string | undefined,
      basePath: answers.basePath as string | undefined,
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
      const { frontend } = split(answers);
      const project = root.at(String(answers.frontendDir));
      const problems = [...secretCanary(answers, project)];
      problems.push(...(frontends[frontend.framework as FrontendId].check?.(project, frontend) ?? []));
      return problems;
    },
    async run({ plan, project: root, answers, force, afterWrite }) {
      const { backend, frontend } = split(answers);
      const backendDir = String(answers.backendDir);
      const frontendDir = String(answers.frontendDir);
      const backendProject = root.at(backendDir);
      const backendResult = await planBackend(plop, plan.within(backendDir), backendProject, backend, force);
      if (backend.install && backendResult.install) afterWrite(() => runInstall(backendProject, backendResult.install!));
      const frontendProject = root.at(frontendDir);
      const frontendResult = planFrontend(plop, plan.within(frontendDir), frontendProject, frontend, frontendOptions(() => frontendProject));
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
