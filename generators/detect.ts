// Detection: which targets of the registry the project looks like, and the options that turn
// that into defaults (a flag still wins; ambiguity asks, or fails listing the candidates), with
// the options each target owns.
import { oneOf, type Answers, type Option } from './options.js';
import type { Project } from './project.js';
import type { Detectable } from './targets/types.js';

/**
 * The ids whose target recognises the project, less those another match declares it wins over
 * (`before`); a generic target (a plain HTML page) only when no specific one matches.
 */
export function detectTargets<Id extends string>(table: Record<Id, Detectable>, project: Project): Id[] {
  const matches = (generic: boolean) => (Object.keys(table) as Id[]).filter((id) => Boolean(table[id].generic) === generic && table[id].detect?.(project));
  const specific = matches(false);
  const found = specific.length ? specific : matches(true);
  return found.filter((id) => !found.some((other) => table[other].before?.includes(id)));
}

/**
 * Every target's own options, each asked and accepted only when `key` (the framework option)
 * names that target. The generic generators list these without knowing any of them.
 */
export function targetOptions(table: Record<string, Detectable>, projectOf: (answers: Answers) => Project, key = 'framework'): Option[] {
  return Object.entries(table).flatMap(([id, target]) =>
    (target.options?.(projectOf) ?? []).map((option) => ({
      ...option,
      when: (answers: Answers) => answers[key] === id && (option.when?.(answers) ?? true),
    })),
  );
}

/**
 * The framework option: the detected target is the default, several detected ones are asked
 * (or, without a terminal, listed in the error). `projectOf` lets the combined generator look
 * into the folder that an earlier answer names.
 */
export function frameworkOption<Id extends string>(
  table: Record<Id, Detectable>,
  projectOf: (answers: Answers) => Project,
  side: string,
  name = 'framework',
): Option {
  const ids = Object.keys(table) as Id[];
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
      return candidates.length > 1 ? `${projectOf(answers).root} looks like ${candidates.join(' and ')}: pick one with -- --${name} <name>.` : undefined;
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

/**
 * The one workspace folder whose app is of this kind, if exactly one is; among several, the one that
 * is not also of the `besides` kind (a dedicated API beside a full-stack Next.js app).
 */
export function uniqueWorkspace(project: Project, table: Record<string, Detectable>, besides?: Record<string, Detectable>): string | undefined {
  const of = (kind: Record<string, Detectable>) => (dir: string) => detectTargets(kind, project.at(dir)).length > 0;
  const matches = workspaceDirs(project).filter(of(table));
  const dedicated = matches.length > 1 && besides ? matches.filter((dir) => !of(besides)(dir)) : matches;
  return dedicated.length === 1 ? dedicated[0] : undefined;
}
