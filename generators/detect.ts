// Detection: which targets of the registry the project looks like, and the options that turn
// that into defaults (a flag still wins; ambiguity asks, or fails listing the candidates).
import { spawnSync } from 'node:child_process';
import { oneOf, parseBoolean, validateBoolean, type Answers, type Option } from './options.js';
import type { Project } from './project.js';

interface Detectable {
  detect?(project: Project): boolean;
  generic?: boolean;
}

/** The ids whose target recognises the project; a generic target (a plain HTML page) only when no specific one does. */
export function detectTargets<Id extends string>(table: Record<Id, Detectable>, project: Project): Id[] {
  const matches = (generic: boolean) => (Object.keys(table) as Id[]).filter((id) => Boolean(table[id].generic) === generic && table[id].detect?.(project));
  const specific = matches(false);
  return specific.length ? specific : matches(true);
}

/**
 * The framework option: the detected target is the default, several detected ones are asked
 * (or, without a terminal, listed in the error). `projectOf` lets the combined generator look
 * into the folder that an earlier answer names.
 */
export function frameworkOption<Id extends string>(
  table: Record<Id, Detectable>,
  ids: readonly Id[],
  projectOf: (answers: Answers) => Project,
  side: string,
  name = 'framework',
): Option {
  const found = (answers: Answers) => detectTargets(table, projectOf(answers));
  return {
    name,
    message: `${side} framework`,
    kind: 'list',
    choices: ids,
    default: (answers) => {
      const candidates = found(answers);
      return candidates.length === 1 ? candidates[0] : undefined;
    },
    validate: oneOf(ids),
    hint: (answers) => {
      const candidates = found(answers);
      return candidates.length > 1
        ? `${projectOf(answers).root} looks like ${candidates.join(' and ')}: pick one with -- --${name} <name>.`
        : undefined;
    },
  };
}

/** The folders of an npm/yarn (`workspaces`) or pnpm (pnpm-workspace.yaml) monorepo. */
export function workspaceDirs(project: Project): string[] {
  const workspaces = project.packageJson?.workspaces;
  const patterns: string[] = Array.isArray(workspaces) ? workspaces : (workspaces?.packages ?? []);
  const pnpm = project.read('pnpm-workspace.yaml');
  if (pnpm) patterns.push(...[...pnpm.matchAll(/^\s*-\s*['"]?([^'"\n]+?)['"]?\s*$/gm)].map((m) => m[1]));
  return patterns.flatMap((pattern) => (pattern.endsWith('/*') ? project.list(pattern.slice(0, -2)) : [pattern])).filter((dir) => project.has(dir));
}

/** The one workspace folder whose app is of this kind, if exactly one is. */
export function uniqueWorkspace(project: Project, table: Record<string, Detectable>): string | undefined {
  const matches = workspaceDirs(project).filter((dir) => detectTargets(table, project.at(dir)).length > 0);
  return matches.length === 1 ? matches[0] : undefined;
}

/** `--wire` (default true) and `--install` (default false), shared by every installing generator. */
export const [wireOption, installOption]: Option[] = [
  {
    name: 'wire',
    message: 'Wire the generated code into the app',
    kind: 'confirm',
    default: () => true,
    validate: validateBoolean,
    parse: parseBoolean,
    transient: true,
  },
  {
    name: 'install',
    message: 'Install the dependencies now',
    kind: 'confirm',
    default: () => false,
    validate: validateBoolean,
    parse: parseBoolean,
    transient: true,
  },
];

/** Runs the install command in the project; its output goes to the terminal. */
export function runInstall(project: Project, command: string): string[] {
  const result = spawnSync(command, { cwd: project.root, shell: true, stdio: 'inherit' });
  return result.status === 0
    ? [`Installed: ${command}`]
    : [`The install command failed (exit ${result.status}): run it yourself in ${project.root}: ${command}`];
}
