// `intercom-frontend`: the Messenger client core plus a thin adapter for the framework.
import type { NodePlopAPI, PlopGeneratorConfig } from 'plop';
import { DEFAULT_ROUTE, DEFAULT_SECRET_ENV_VAR } from './contract.js';
import { cspLines, regionLabels } from './csp.js';
import { frameworkOption, targetOptions } from './detect.js';
import { oneOf, parseBoolean, validateBoolean, wireOption, type Answers, type Option } from './options.js';
import { Project } from './project.js';
import { frontends, regions, type FrontendId } from './registry.js';
import { readEnvValue } from './steps/environment.js';
import { defineGenerator, rerunCommand, type PackConfig } from './steps/skeleton.js';
import { legacyIdentitySummary } from './steps/legacy-identity.js';
import type { Plan } from './steps/plan.js';
import { renderInto, targetFiles } from './steps/render.js';
import { wiringSummary } from './steps/wiring.js';
import type { FrontendAnswers, FrontendData } from './targets/types.js';
import * as validate from './validators.js';

export const loadModes = ['eager', 'idle', 'interaction'] as const;
const launchers = ['default', 'facade'] as const;
const DEFAULT_LAUNCHER_COLOR = '#0071b2';

const targetOf = (answers: FrontendAnswers) => frontends[answers.framework as FrontendId];

/** The workspace's region: the frontend's api_base, and the hosts --csp allows (both halves share it). */
export const regionOption: Option = {
  name: 'region',
  message: 'Region of the workspace',
  kind: 'list',
  choices: Object.keys(regions),
  default: () => 'us',
  validate: oneOf(Object.keys(regions)),
};

/** `projectOf` gives the frontend's folder: the project itself, or the combined generator's --frontendDir. */
export const frontendOptions = (projectOf: (answers: Answers) => Project): Option[] => [
  frameworkOption(frontends, projectOf, 'Frontend'),
  {
    name: 'workspaceId',
    message: 'Intercom workspace ID',
    kind: 'input',
    default: () => process.env.INTERCOM_WORKSPACE_ID || undefined,
    validate: validate.workspaceId,
    hint: validate.WORKSPACE_ID_HINT,
  },
  regionOption,
  {
    name: 'load',
    message: 'When to load the widget script (eager: at once; idle: when the page is idle after load; interaction: at the first press, key or scroll)',
    kind: 'list',
    choices: loadModes,
    default: () => 'eager',
    validate: oneOf(loadModes),
  },
  {
    name: 'launcher',
    message: 'Launcher until the widget has loaded (facade: a static button that loads it on hover or focus, and opens it on click)',
    kind: 'list',
    choices: launchers,
    default: () => 'default',
    validate: oneOf(launchers),
  },
  {
    name: 'launcherColor',
    message: "The facade's colour",
    kind: 'input',
    default: () => DEFAULT_LAUNCHER_COLOR,
    validate: validate.hexColor,
    when: (answers) => answers.launcher === 'facade',
  },
  {
    name: 'jwtEndpoint',
    message: 'URL of the JWT endpoint (a path, or an absolute URL on another origin)',
    kind: 'input',
    default: () => DEFAULT_ROUTE,
    validate: validate.endpoint,
    when: (answers) => !answers.insecure,
  },
  ...targetOptions(frontends, projectOf),
  {
    name: 'consent',
    message: "Wait for the visitor's consent before anything loads (grantIntercomConsent())",
    kind: 'confirm',
    flagOnly: true,
    default: () => false,
    validate: validateBoolean,
    parse: parseBoolean,
    when: (answers) => !answers.insecure,
  },
  {
    name: 'csp',
    message: "Print the Content-Security-Policy sources the Messenger needs, and give the widget script the page's nonce",
    kind: 'confirm',
    flagOnly: true,
    default: () => false,
    validate: validateBoolean,
    parse: parseBoolean,
  },
  wireOption,
];

/** `insecure` is read first, as a flag only: no prompt and no default ever turn it on. */
const insecureOption: Option = {
  name: 'insecure',
  message: 'Install without identity verification',
  kind: 'confirm',
  flagOnly: true,
  default: () => false,
  validate: validateBoolean,
  parse: parseBoolean,
};

/** Refuses any answer that contains the identity secret (from the environment or .env). */
export function secretCanary(answers: Answers, project: Project): string[] {
  const secrets = [process.env[DEFAULT_SECRET_ENV_VAR], readEnvValue(project.read('.env'), DEFAULT_SECRET_ENV_VAR)].filter((value): value is string =>
    Boolean(value && value.length >= 8),
  );
  const leaked = Object.entries(answers).filter(([, value]) => typeof value === 'string' && secrets.some((s) => value.includes(s)));
  return leaked.map(
    ([name]) =>
      `--${name} contains the value of ${DEFAULT_SECRET_ENV_VAR}. The identity secret must never reach frontend code; it belongs only in the backend's environment.`,
  );
}

export const INSECURE_WARNING = [
  'WARNING: insecure installation (no identity verification).',
  'Anyone can impersonate any of your users from the browser console by calling',
  "Intercom('boot', { user_id: …, email: … }) with someone else's details, and read their conversations.",
  'Use it only for a prototype; run intercom-backend and re-run this generator without --insecure for real users.',
];

/** The resolved options, as the frontend targets read them (their own options included). */
const asFrontendAnswers = (answers: Answers) => answers as unknown as FrontendAnswers;

export function planFrontend(plop: NodePlopAPI, plan: Plan, project: Project, answers: FrontendAnswers, options: Option[]) {
  const target = targetOf(answers);
  const derived = target.context(project, answers);
  const data: FrontendData = {
    ...answers,
    ...derived,
    core: target.corePath({ ...answers, ...derived }),
    apiBase: regions[answers.region],
    regionLabel: regionLabels[answers.region],
    loadOnIdle: answers.load === 'idle',
    loadOnInteraction: answers.load === 'interaction',
    facade: answers.launcher === 'facade',
    // A path is same-origin, where fetch sends the session cookie by default.
    crossOrigin: !validate.isPath(answers.jwtEndpoint ?? DEFAULT_ROUTE),
    rerun: rerunCommand('intercom-frontend', answers as unknown as Answers, options),
  };
  renderInto(plan, plop, [{ template: 'frontend/core/messenger.[ext].hbs', to: data.core }, ...targetFiles('frontend', answers.framework, data)], data);
  const wired = answers.wire === false ? undefined : target.wire?.(plan, project, data);
  return { target, wired, wiring: target.wiring(data), usage: target.usage(data), core: data.core };
}

export function frontendGenerator(plop: NodePlopAPI, config: PackConfig): PlopGeneratorConfig {
  const options = (project: Project) => [insecureOption, ...frontendOptions(() => project)];
  return defineGenerator(plop, config, {
    name: 'intercom-frontend',
    description: 'Intercom Messenger with JWT identity for React, Next.js, Vue, Angular, Ember or a plain page',
    options,
    check(answers, project) {
      const values = asFrontendAnswers(answers);
      return [...secretCanary(answers, project), ...(targetOf(values).check?.(project, values) ?? [])];
    },
    run({ plan, project, answers }) {
      const values = asFrontendAnswers(answers);
      const summary = frontendSummary(values, planFrontend(plop, plan, project, values, options(project)));
      return [...summary, ...legacyIdentitySummary(project, values.jwtEndpoint ?? DEFAULT_ROUTE)];
    },
  });
}

const consentLine = ({ grant, revoke }: { grant: string; revoke: string }) =>
  `Consent: nothing loads until your consent banner calls ${grant} (on every page load); call ${revoke} when the visitor withdraws it.`;

export function frontendSummary(answers: FrontendAnswers, { target, wired, wiring, usage, core }: ReturnType<typeof planFrontend>): string[] {
  return [
    ...(answers.insecure ? INSECURE_WARNING : []),
    ...wiringSummary(target.label, answers.wire, Boolean(target.wire), wired, wiring),
    'Sign users in and out:',
    ...usage.map((line) => `    ${line}`),
    answers.insecure ? '' : `The Messenger fetches its token from ${answers.jwtEndpoint}: run intercom-backend for your server if you have not.`,
    answers.consent ? consentLine(target.consentCalls ?? { grant: `grantIntercomConsent() from ${core}`, revoke: 'revokeIntercomConsent()' }) : '',
    ...(answers.csp
      ? [
          `Content-Security-Policy: add these sources to your policy's directives (the ${regionLabels[answers.region]} region, after Intercom's CSP help article):`,
          ...cspLines(answers.region).map((line) => `    ${line}`),
        ]
      : []),
  ].filter(Boolean);
}
