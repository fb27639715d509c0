// `intercom`: backend and frontend in one run. What both halves share (workspace, region,
// route) is asked once; both halves are planned together and written all-or-nothing.
import path from 'node:path';
import type { NodePlopAPI, PlopGeneratorConfig } from 'plop';
import { backendOptions, backendSummary, planBackend } from './intercom-backend.js';
import { frontendOptions, frontendSummary, planFrontend, secretCanary } from './intercom-frontend.js';
import type { Answers, Option } from './options.js';
import { Project } from './project.js';
import { backendIds, frontendIds, frontends, type FrontendId } from './registry.js';
import { defineGenerator, type PackConfig } from './steps/generator.js';
import type { BackendAnswers, FrontendAnswers } from './targets/types.js';
import * as validate from './validators.js';

const pick = (options: Option[], name: string) => options.find((o) => o.name === name)!;

/** A frontend option whose `when`/`validate` read `framework` sees the frontend's framework. */
const asFrontendOption = (option: Option): Option => ({
  ...option,
  when: option.when && ((answers) => option.when!({ ...answers, framework: answers.frontend })),
});

const folder = (side: string): Option => ({
  name: `${side}Dir`,
  message: `Folder of the ${side} app, relative to --dest`,
  kind: 'input',
  default: () => '.',
  validate: (value) => (path.isAbsolute(value) || value.split(/[\\/]/).includes('..') ? `"${value}" must be a folder inside --dest` : undefined),
});

function combinedOptions(root: Project): Option[] {
  const front = frontendOptions(root);
  return [
    { ...pick(backendOptions, 'framework'), name: 'backend', message: 'Backend framework', choices: backendIds },
    { ...pick(front, 'framework'), name: 'frontend', message: 'Frontend framework', choices: frontendIds },
    folder('backend'),
    folder('frontend'),
    pick(front, 'workspaceId'),
    pick(front, 'region'),
    pick(backendOptions, 'route'),
    pick(backendOptions, 'ttl'),
    pick(backendOptions, 'secretEnvVar'),
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
    pick(backendOptions, 'secret'),
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
      secret: String(answers.secret ?? ''),
    },
    frontend: {
      framework: String(answers.frontend),
      workspaceId: String(answers.workspaceId),
      region: answers.region as FrontendAnswers['region'],
      jwtEndpoint: `${apiOrigin}${answers.route}`,
      router: answers.router as FrontendAnswers['router'],
      htmlFile: answers.htmlFile as string | undefined,
      insecure: false,
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
      const project = new Project(path.join(root.root, String(answers.frontendDir)));
      const problems = [...secretCanary(answers, project)];
      problems.push(...(frontends[frontend.framework as FrontendId].check?.(project, frontend) ?? []));
      return problems;
    },
    run({ plan, project: root, answers }) {
      const { backend, frontend } = split(answers);
      const backendDir = String(answers.backendDir);
      const frontendDir = String(answers.frontendDir);
      const backendResult = planBackend(plop, plan.within(backendDir), new Project(path.join(root.root, backendDir)), backend);
      const frontendProject = new Project(path.join(root.root, frontendDir));
      const frontendResult = planFrontend(plop, plan.within(frontendDir), frontendProject, frontend, frontendOptions(frontendProject));
      return [
        `Backend (${backendDir}):`,
        ...backendSummary(backend, backendResult).map((line) => `  ${line}`),
        `Frontend (${frontendDir}):`,
        ...frontendSummary(frontend, frontendResult).map((line) => `  ${line}`),
      ];
    },
  });
}
