// The doctor's flags, shared by `npx plop intercom-doctor -- …` and the `intercom-doctor` bin.
// It never prompts: every value is a flag or a default.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_ROUTE, DEFAULT_SECRET_ENV_VAR } from '../contract.js';
import { type Answers, InputError, oneOf, type Option, parseBoolean, resolveOptions, validateBoolean } from '../options.js';
import { Project } from '../project.js';
import { regions } from '../registry.js';
import { readEnvValue } from '../steps/environment.js';
import * as validate from '../validators.js';
import type { DoctorOptions, Region } from './result.js';

export const USAGE = `Usage: intercom-doctor --url http://localhost:3000 [flags]
  --url           the running app (required); the page is loaded from --origin, else from here
  --jwtEndpoint   route of the JWT endpoint, or its URL on another origin (default ${DEFAULT_ROUTE})
  --cookie        session cookie of a signed-in user, "name=value; other=value"
  --header        request header of a signed-in user, "Name: value" (repeatable)
  --workspaceId   Intercom workspace ID: checks the Messenger on the page
  --region        us|eu|au: checks api_base on the page
  --origin        the frontend's origin: checks CORS, and loads the page from it
  --secretEnvVar  variable holding the secret (default ${DEFAULT_SECRET_ENV_VAR}); read from the environment, else <dir>/.env
  --dir           project folder to scan
  --json          print one JSON object per check, one per line (JSON Lines)
Exit code: 0 when no check FAILs, 1 otherwise.`;

const httpUrl = (value: string) => {
  try {
    return /^https?:$/.test(new URL(value).protocol) ? undefined : `"${value}" is not an http(s) URL`;
  } catch {
    return `"${value}" is not a URL, e.g. http://localhost:3000`;
  }
};

const headerLine = (value: string) => (/^[!#$%&'*+.^_`|~\w-]+:\s*\S/.test(value) ? undefined : `"${value}" is not a header: use "Name: value"`);

const folder = (value: string) => (fs.existsSync(value) && fs.statSync(value).isDirectory() ? undefined : `${value} is not a folder`);

const optional = () => '';
const regionIds = Object.keys(regions);

export const doctorOptions: Option[] = [
  { name: 'url', message: 'URL of the running app', kind: 'input', validate: httpUrl, hint: 'The address of the running app, e.g. http://localhost:3000' },
  { name: 'jwtEndpoint', message: 'Route (or URL) of the JWT endpoint', kind: 'input', default: () => DEFAULT_ROUTE, validate: validate.endpoint },
  {
    name: 'cookie',
    message: 'Session cookie of a signed-in user',
    kind: 'input',
    default: optional,
    validate: (v) => (/^[^=;\s]+=/.test(v) ? undefined : `"${v}" is not a cookie: use "name=value"`),
  },
  { name: 'header', message: 'Request header of a signed-in user', kind: 'input', default: optional, validate: headerLine },
  { name: 'workspaceId', message: 'Intercom workspace ID', kind: 'input', default: optional, validate: validate.workspaceId, hint: validate.WORKSPACE_ID_HINT },
  { name: 'region', message: 'Intercom region', kind: 'list', choices: regionIds, default: optional, validate: oneOf(regionIds) },
  { name: 'origin', message: 'Frontend origin', kind: 'input', default: optional, validate: validate.origin },
  { name: 'secretEnvVar', message: 'Variable holding the secret', kind: 'input', default: () => DEFAULT_SECRET_ENV_VAR, validate: validate.envVarName },
  { name: 'dir', message: 'Project folder to scan', kind: 'input', default: optional, validate: folder },
  { name: 'json', message: 'Print JSON Lines', kind: 'confirm', default: () => false, validate: validateBoolean, parse: parseBoolean },
];

/** Every value of a repeated flag after `--` (readFlags keeps only the last). */
function repeatedFlag(argv: readonly string[], name: string): string[] {
  const start = argv.indexOf('--');
  if (start === -1) return [];
  const rest = argv.slice(start + 1);
  return rest.flatMap((token, i) =>
    token === `--${name}` && i + 1 < rest.length ? [rest[i + 1]] : token.startsWith(`--${name}=`) ? [token.slice(name.length + 3)] : [],
  );
}

/** Flags (and a plopfile's presets) to the doctor's options; bad input is an InputError naming the flag. */
export async function resolveDoctorOptions(
  flags: Record<string, string>,
  argv: readonly string[],
  presets?: Answers,
): Promise<DoctorOptions & { json: boolean }> {
  const answers = await resolveOptions(doctorOptions, { flags, presets, interactive: false, generator: 'intercom-doctor' });
  const headerLines = repeatedFlag(argv, 'header');
  const problems = headerLines.map(headerLine).filter((problem) => problem !== undefined);
  if (problems.length) throw new InputError(problems.map((problem) => `--header: ${problem}`));
  const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]));

  const dir = answers.dir ? path.resolve(String(answers.dir)) : '';
  const secretEnvVar = String(answers.secretEnvVar);
  const fromEnv = process.env[secretEnvVar];
  const fromEnvFile = dir ? readEnvValue(new Project(dir).read('.env'), secretEnvVar) : undefined;
  return {
    url: String(answers.url),
    jwtEndpoint: String(answers.jwtEndpoint),
    cookie: String(answers.cookie),
    headers,
    workspaceId: String(answers.workspaceId),
    region: (answers.region || undefined) as Region | undefined,
    origin: String(answers.origin),
    secretEnvVar,
    secret: fromEnv || fromEnvFile || undefined,
    secretSource: fromEnv ? 'the environment' : fromEnvFile ? path.join(dir, '.env') : undefined,
    dir,
    json: Boolean(answers.json),
  };
}
