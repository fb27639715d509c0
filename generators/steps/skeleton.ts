// The generator skeleton: the one shape every generator has. Resolve options (flags, presets,
// prompts, defaults), plan every file, then write all or nothing and print a summary.
import fs from 'node:fs';
import path from 'node:path';
import type { NodePlopAPI, PlopGeneratorConfig } from 'plop';
import { type Answers, InputError, isInteractive, readFlags, resolveOptions, type Option } from '../options.js';
import { Project } from '../project.js';
import { JOURNAL_DIR, recoverInterruptedRun } from './commit.js';
import { hostFormat } from './format.js';
import { Plan, type Report } from './plan.js';

/** What a monorepo passes as the second argument of `plop.load('plop-pack-intercom', config)`. */
export interface PackConfig {
  /** Prefix for the generator names, e.g. "web:" gives "web:intercom-frontend". */
  prefix?: string;
  /** Replace generated files that were edited (also `-- --force true`, or plop's own --force). */
  force?: boolean;
  /** Defaults for any option (workspaceId, region, backendDir, …); flags still win. */
  defaults?: Answers;
  /** Set by plop: where files are written (`--dest`, else the plopfile's folder). */
  destBasePath?: string;
}

export interface RunContext {
  plan: Plan;
  project: Project;
  answers: Answers;
  /** --force true (or the pack's config): replace edited files, keep a too-old library. */
  force: boolean;
  /** Work that needs the files on disk (installing dependencies); skipped in a dry run. Returns summary lines. */
  afterWrite(step: () => string[]): void;
}

export interface GeneratorSpec {
  name: string;
  description: string;
  options: Option[] | ((project: Project) => Option[]);
  /** Checks that need the answers and the project together; returns error sentences. */
  check?: (answers: Answers, project: Project) => string[];
  /** Adds files and edits to the plan; returns the summary's lines. */
  run(context: RunContext): string[] | Promise<string[]>;
}

export function destination(plop: NodePlopAPI): string {
  return path.resolve(plop.getDestBasePath());
}

export function defineGenerator(plop: NodePlopAPI, config: PackConfig, spec: GeneratorSpec): PlopGeneratorConfig {
  return {
    description: spec.description,
    prompts: async () => {
      const root = destination(plop);
      if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
        throw new InputError([`--dest ${root} is not a folder: pass the project's folder, e.g. npx plop ${spec.name} --dest ./my-app`]);
      }
      const project = new Project(root);
      const options = typeof spec.options === 'function' ? spec.options(project) : spec.options;
      const answers = await resolveOptions(options, {
        flags: readFlags(),
        presets: config.defaults,
        interactive: isInteractive(),
        generator: spec.name,
      });
      const problems = spec.check?.(answers, project) ?? [];
      if (problems.length) throw new InputError(problems);
      return answers;
    },
    actions: [
      async (answers) => {
        const values = answers as Answers;
        const project = new Project(destination(plop));
        // A run killed while writing left a journal: put the old files back before reading any.
        const interrupted = fs.existsSync(path.join(project.root, JOURNAL_DIR));
        const recovered = !values.dryRun && recoverInterruptedRun(project.root);
        const plan = new Plan(project.root);
        const steps: (() => string[])[] = [];
        const force = Boolean(values.force || config.force);
        const summary = await spec.run({ plan, project, answers: values, force, afterWrite: (step) => steps.push(step) });
        if (recovered) summary.unshift('An earlier run was interrupted while writing; its changes were rolled back first.');
        else if (interrupted) summary.unshift('An earlier run was interrupted while writing: the next run without --dryRun rolls it back first.');
        const secrets = typeof values.secret === 'string' ? [values.secret] : [];
        summary.push(...(await plan.formatGenerated(hostFormat)));
        const report = plan.apply({ force, dryRun: Boolean(values.dryRun), secrets });
        if (!values.dryRun) for (const step of steps) summary.push(...step());
        process.stdout.write(formatReport(report, summary, Boolean(values.dryRun)));
        return `${spec.name}: ${values.dryRun ? 'dry run, nothing written' : 'done'}`;
      },
    ],
  };
}

function formatReport(report: Report, summary: string[], dryRun: boolean): string {
  const lines = [''];
  if (dryRun) lines.push(report.diff || 'No changes.', '');
  lines.push(`Files in ${report.root}:`);
  for (const file of report.files) lines.push(`  ${dryRun ? `would be ${file.outcome}` : file.outcome.padEnd(9)}  ${file.path}`);
  lines.push('', ...summary, '');
  return lines.join('\n');
}

/** The command that reproduces this run, for the header of generated files (secrets left out). */
export function rerunCommand(generator: string, answers: Answers, options: Option[]): string {
  const flags = options
    .filter((option) => (option.when?.(answers) ?? true) && option.kind !== 'password' && !option.transient && answers[option.name] !== undefined)
    .filter((option) => option.name === 'framework' || answers[option.name] !== option.default?.(answers))
    .map((option) => `--${option.name} ${shellWord(String(answers[option.name]))}`);
  return `npx plop ${generator} -- ${flags.join(' ')}`;
}

/** One shell word, single-quoted unless plain: the header holds the value quoted, never raw. */
function shellWord(value: string): string {
  return /^[\w./:@%+=,~-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
