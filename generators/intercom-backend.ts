// `intercom-backend`: an authenticated endpoint that signs the Intercom Messenger JWT.
import type { NodePlopAPI, PlopGeneratorConfig } from 'plop';
import {
  attributeLines,
  attributeNames,
  claimLines,
  contract,
  DEFAULT_ROUTE,
  DEFAULT_SECRET_ENV_VAR,
  DEFAULT_TTL_SECONDS,
  missingSecretLog,
  protectAttributesStep,
  securitySteps,
} from './contract.js';
import { cspSummary } from './csp.js';
import { frameworkOption, targetOptions } from './detect.js';
import { regionOption } from './intercom-frontend.js';
import { InputError, installOption, parseBoolean, validateBoolean, wireOption, type Answers, type Option } from './options.js';
import { backends, type BackendId } from './registry.js';
import { wiringSummary } from './steps/wiring.js';
import { Project } from './project.js';
import { addEnvKey, type EnvOutcome } from './steps/environment.js';
import { legacyIdentitySummary } from './steps/legacy-identity.js';
import { addDependency, outdatedMessage } from './steps/manifest.js';
import { Plan } from './steps/plan.js';
import { renderInto, targetFiles } from './steps/render.js';
import { defineGenerator, rerunCommand, type PackConfig, type RunContext } from './steps/skeleton.js';
import { runInstall } from './steps/install.js';
import type { BackendAnswers, BackendData } from './targets/types.js';
import * as validate from './validators.js';

export const cspOption: Option = {
  name: 'csp',
  message: "Merge the Content-Security-Policy sources the Messenger needs into the app's policy",
  kind: 'confirm',
  flagOnly: true,
  default: () => false,
  validate: validateBoolean,
  parse: parseBoolean,
};

/** Where the directives go when the target cannot merge them itself. */
const POLICY_ELSEWHERE = 'Add them to the Content-Security-Policy header your server (or the proxy in front of it) sends';

export const backendOptions = (project: Project): Option[] => [
  frameworkOption(backends, () => project, 'Backend'),
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
    name: 'attributes',
    message: 'User attributes to sign into the token, comma-separated (e.g. phone,company_id,plan; empty: none)',
    kind: 'input',
    default: () => '',
    validate: validate.attributeList,
    parse: (value) => attributeNames(value).join(','),
  },
  cspOption,
  { ...regionOption, when: (answers) => answers.csp === true },
  {
    name: 'secret',
    message: 'Identity Verification secret, written only to .env (empty: set it yourself)',
    kind: 'password',
    default: () => '',
  },
  ...targetOptions(backends, () => project),
  wireOption,
  installOption,
];

/**
 * Renders one backend into the plan and returns what the summary needs. A JWT library pinned
 * below the major the code needs stops the run (nothing written) unless `force`.
 */
export async function planBackend(plop: NodePlopAPI, plan: Plan, project: Project, answers: BackendAnswers, force: boolean) {
  const target = backends[answers.framework as BackendId];
  const derived = target.context(project, answers);
  const attributes = attributeNames(answers.attributes);
  const data: BackendData = {
    ...answers,
    ...derived,
    contract,
    missingSecretLog: missingSecretLog(answers.secretEnvVar),
    claimLines: claimLines(derived, attributes),
    attributeLines: attributeLines(derived, attributes),
    signedAttributes: attributes,
    attributeList: attributes.join(', '),
    rerun: rerunCommand('intercom-backend', answers as unknown as Answers, backendOptions(project)),
  };
  renderInto(plan, plop, targetFiles('backend', answers.framework, data), data);
  const install = target.installCommand(project, data);
  const listed = target.dependencies(data).map((dep) => ({ dep, result: addDependency(plan, dep) }));
  const outdated = listed.filter(({ result }) => result.outdated).map(({ dep, result }) => outdatedMessage(dep, result, install));
  if (outdated.length && !force) throw new InputError([...outdated, 'Nothing was written.']);
  const manifests = listed.map(({ dep, result }) => {
    if (!result.manifest) return `No manifest found: add ${dep.name} ${dep.version} to your dependencies.`;
    if (result.outdated) return `${dep.name} ${result.outdated} was kept in ${result.manifest} (--force true), although the code needs ${dep.version}.`;
    return `${dep.name} is listed in ${result.manifest}.`;
  });
  const env = answers.secret ? addEnvKey(plan, answers.secretEnvVar, answers.secret) : undefined;
  return {
    target,
    manifests,
    env,
    install,
    wired: answers.wire === false ? undefined : await target.wire?.(plan, project, data),
    wiring: target.wiring(data),
    attributes,
    attributesAt: `${derived.attributesReader.fn}() in ${derived.endpointFile}`,
    customAuthAt: derived.customAuth && `${derived.customAuth.fn}() in ${derived.endpointFile}`,
    authNotes: (await target.authNotes?.(project, data)) ?? [],
    csp: answers.csp
      ? {
          region: answers.region,
          merged: await target.csp?.merge(plan, project, { ...data, region: answers.region }),
          where: target.csp?.where ?? POLICY_ELSEWHERE,
        }
      : undefined,
  };
}

const envNotes: Record<EnvOutcome, (key: string) => string> = {
  created: (key) => `.env was created with ${key} (git ignores .env); set it in the production server's environment too.`,
  added: (key) => `${key} was added to .env (git ignores .env); set it in the production server's environment too.`,
  kept: (key) => `${key} is already defined in .env, so it was left alone: the --secret value was not written. Edit .env if it is the wrong secret.`,
};

export function backendSummary(answers: BackendAnswers, result: Awaited<ReturnType<typeof planBackend>>): string[] {
  return [
    result.env
      ? envNotes[result.env](answers.secretEnvVar)
      : `Set ${answers.secretEnvVar} in the server's environment: the Messenger Security page has the secret.`,
    ...result.manifests,
    ...(result.install && !answers.install ? [`Install the JWT library: ${result.install}`] : []),
    ...wiringSummary(result.target.label, answers.wire, Boolean(result.target.wire), result.wired, result.wiring),
    ...(result.customAuthAt ? [`Fill in ${result.customAuthAt}: it says who is signed in, and until it does the endpoint answers 401 and signs nothing.`] : []),
    ...result.authNotes,
    ...(result.attributes.length
      ? [`The signed attributes (${result.attributes.join(', ')}) are read from the signed-in user in ${result.attributesAt}: adapt it to your user model.`]
      : []),
    ...(result.csp ? cspSummary(result.csp.region, result.csp.merged, result.csp.where) : []),
    'Then, in Intercom:',
    ...[...securitySteps, ...(result.attributes.length ? [protectAttributesStep(result.attributes)] : [])].map((step, i) => `  ${i + 1}. ${step}`),
  ];
}

export function backendGenerator(plop: NodePlopAPI, config: PackConfig): PlopGeneratorConfig {
  return defineGenerator(plop, config, {
    name: 'intercom-backend',
    description: 'JWT endpoint for Intercom identity verification (Express, Flask, Django, PHP, Rails)',
    options: backendOptions,
    async run({ plan, project, answers, force, afterWrite }: RunContext) {
      const values = answers as unknown as BackendAnswers;
      const result = await planBackend(plop, plan, project, values, force);
      if (values.install && result.install) afterWrite(() => runInstall(project, result.install!));
      return [...backendSummary(values, result), ...legacyIdentitySummary(project, values.route)];
    },
  });
}
