// `intercom-backend`: an authenticated endpoint that signs the Intercom Messenger JWT.
import type { NodePlopAPI, PlopGeneratorConfig } from 'plop';
import { contract, DEFAULT_ROUTE, DEFAULT_SECRET_ENV_VAR, DEFAULT_TTL_SECONDS, claimLines, missingSecretLog, securitySteps } from './contract.js';
import { frameworkOption, installOption, runInstall, wireOption } from './detect.js';
import type { Answers, Option } from './options.js';
import { backendIds, backends, type BackendId } from './registry.js';
import { wiringSummary } from './steps/wiring.js';
import { Project } from './project.js';
import { addEnvKey } from './steps/environment.js';
import { addDependency } from './steps/manifest.js';
import { Plan } from './steps/plan.js';
import { renderInto } from './steps/render.js';
import { defineGenerator, rerunCommand, type PackConfig, type RunContext } from './steps/generator.js';
import type { BackendAnswers } from './targets/types.js';
import * as validate from './validators.js';

export const backendOptions = (project: Project): Option[] => [
  frameworkOption(backends, backendIds, () => project, 'Backend'),
  {
    name: 'secretEnvVar',
    message: 'Environment variable that holds the Identity Verification secret',
    kind: 'input',
    default: () => DEFAULT_SECRET_ENV_VAR,
    validate: validate.envVarName,
  },
  { name: 'route', message: 'Route of the JWT endpoint', kind: 'input', default: () => DEFAULT_ROUTE, validate: validate.routePath },
  {
    name: 'ttl',
    message: 'Token lifetime in seconds',
    kind: 'input',
    default: () => DEFAULT_TTL_SECONDS,
    validate: validate.ttlSeconds,
    parse: Number,
  },
  {
    name: 'allowedOrigin',
    message: 'Frontend origin allowed to call the endpoint cross-origin (empty: same origin only)',
    kind: 'input',
    default: () => '',
    validate: validate.origin,
  },
  {
    name: 'secret',
    message: 'Identity Verification secret, written only to .env (empty: set it yourself)',
    kind: 'password',
    default: () => '',
  },
  wireOption,
  installOption,
];

/** Renders one backend into the plan and returns what the summary needs. */
export async function planBackend(plop: NodePlopAPI, plan: Plan, project: Project, answers: BackendAnswers) {
  const target = backends[answers.framework as BackendId];
  const derived = target.context(project, answers);
  const data = {
    ...answers,
    ...derived,
    contract,
    missingSecretLog: missingSecretLog(answers.secretEnvVar),
    claimLines: claimLines(derived.claimSyntax as never, derived.claimExprs as never),
    rerun: rerunCommand('intercom-backend', answers as unknown as Answers, backendOptions(project)),
  };
  renderInto(plan, plop, target.files(data), data);
  const manifests = target.dependencies(data).map((dep) => {
    const manifest = addDependency(plan, dep);
    return manifest ? `${dep.name} is listed in ${manifest}.` : `No manifest found: add ${dep.name} ${dep.version} to your dependencies.`;
  });
  if (answers.secret) addEnvKey(plan, answers.secretEnvVar, answers.secret);
  return {
    target,
    manifests,
    install: target.installCommand(project, data),
    wired: answers.wire === false ? undefined : await target.wire?.(plan, project, data),
    wiring: target.wiring(data),
  };
}

export function backendSummary(answers: BackendAnswers, result: Awaited<ReturnType<typeof planBackend>>): string[] {
  return [
    `Set ${answers.secretEnvVar} in the server's environment${answers.secret ? ' (written to .env, which git ignores)' : ''}: the Messenger Security page has the secret.`,
    ...result.manifests,
    ...(result.install && !answers.install ? [`Install the JWT library: ${result.install}`] : []),
    ...wiringSummary(result.target.label, answers.wire, Boolean(result.target.wire), result.wired, result.wiring),
    'Then, in Intercom:',
    ...securitySteps.map((step, i) => `  ${i + 1}. ${step}`),
  ];
}

export function backendGenerator(plop: NodePlopAPI, config: PackConfig): PlopGeneratorConfig {
  return defineGenerator(plop, config, {
    name: 'intercom-backend',
    description: 'JWT endpoint for Intercom identity verification (Express, Flask, Django, PHP, Rails)',
    options: backendOptions,
    async run({ plan, project, answers, afterWrite }: RunContext) {
      const values = answers as unknown as BackendAnswers;
      const result = await planBackend(plop, plan, project, values);
      if (values.install && result.install) afterWrite(() => runInstall(project, result.install!));
      return backendSummary(values, result);
    },
  });
}
