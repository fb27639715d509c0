// One schema per generator: each option is a prompt, a named flag and a default at once
// (the Angular schematics' schema.json idea), resolved the same way for every generator.
import inquirer from 'inquirer';

export type Answers = Record<string, string | boolean | number | undefined>;

export interface Option {
  name: string;
  message: string;
  /** How the option is asked interactively. */
  kind: 'input' | 'list' | 'password' | 'confirm';
  choices?: readonly string[];
  /** The default, possibly derived from the project or the answers so far. Undefined means "required". */
  default?: (answers: Answers) => string | boolean | number | undefined;
  /** Returns an error sentence (without the flag name), or undefined when the value is fine. */
  validate?: (value: string, answers: Answers) => string | undefined;
  /** Converts the raw string into the stored answer. */
  parse?: (value: string) => string | boolean | number;
  /** Options that do not apply (Next's router for React, say) are neither asked nor accepted. */
  when?: (answers: Answers) => boolean;
  /** Never offered as an interactive prompt (only as a flag), e.g. `insecure`. */
  flagOnly?: boolean;
  /** Does not shape the generated files (`wire`, `install`): left out of their re-run line. */
  transient?: boolean;
  /** Shown in errors: how to get a valid value (may depend on the answers so far). */
  hint?: string | ((answers: Answers) => string | undefined);
}

export class InputError extends Error {
  constructor(public readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} problems:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Control characters (newlines included) and the Unicode line and bidi-override characters. */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** No value may hold one: a newline in a flag would become a new line of generated code. */
export function controlCharacters(value: string): string | undefined {
  const found = CONTROL.exec(value);
  if (!found) return undefined;
  const code = found[0].codePointAt(0)!.toString(16).padStart(4, '0');
  return `holds a control character (U+${code.toUpperCase()}, e.g. a newline): pass the value on one line, without control characters`;
}

export const parseBoolean = (value: string): boolean => value === 'true' || value === 'yes' || value === '1';

export function validateBoolean(value: string): string | undefined {
  return /^(true|false|yes|no|1|0)$/.test(value) ? undefined : 'must be true or false';
}

export const oneOf = (choices: readonly string[]) => (value: string) =>
  choices.includes(value) ? undefined : `"${value}" is not one of ${choices.join(', ')}`;

/** Flags that every generator accepts besides its own options. */
export const commonFlags = ['force', 'dryRun'] as const;

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

/**
 * Named flags after `--` on the command line (`plop gen -- --framework flask --ttl=60`).
 * Plop does not hand these to prompt functions, so they are read here.
 */
export function readFlags(argv: readonly string[] = process.argv): Record<string, string> {
  const start = argv.indexOf('--');
  if (start === -1) return {};
  const flags: Record<string, string> = {};
  const rest = argv.slice(start + 1);
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i];
    const match = /^--([^=]+)(?:=(.*))?$/s.exec(token);
    if (!match) throw new InputError([`unexpected argument "${token}": pass every value as a named flag, e.g. -- --framework express`]);
    const [, name, inline] = match;
    if (inline !== undefined) flags[name] = inline;
    else if (i + 1 < rest.length && !rest[i + 1].startsWith('--')) flags[name] = rest[++i];
    else flags[name] = 'true';
  }
  return flags;
}

export interface ResolveContext {
  flags: Record<string, string>;
  /** Values preset by a monorepo's `plop.load(…, config)`; flags still win. */
  presets?: Answers;
  interactive: boolean;
  generator: string;
}

function hintFor(option: Option, answers: Answers): string {
  const hint = typeof option.hint === 'function' ? option.hint(answers) : option.hint;
  return hint ? ` ${hint}` : '';
}

function usage(option: Option): string {
  if (option.choices) return `-- --${option.name} ${option.choices.join('|')}`;
  return `-- --${option.name} <value>`;
}

/**
 * Resolves every option from flags, presets, prompts and defaults, in that order.
 * Non-interactive runs never prompt: a missing required value is an error naming the flag.
 * All problems are collected and reported together, before anything is written.
 */
export async function resolveOptions(options: readonly Option[], ctx: ResolveContext): Promise<Answers> {
  const known = new Set([...options.map((o) => o.name), ...commonFlags]);
  const problems: string[] = [];
  for (const name of Object.keys(ctx.flags)) {
    if (!known.has(name)) {
      problems.push(`--${name} is not a flag of ${ctx.generator}. Valid flags: ${[...known].map((n) => `--${n}`).join(', ')}`);
    }
  }
  const answers: Answers = {};
  for (const flag of commonFlags) {
    const raw = ctx.flags[flag] ?? (ctx.presets?.[flag] !== undefined ? String(ctx.presets[flag]) : undefined);
    if (raw === undefined) continue;
    const error = controlCharacters(raw) ?? validateBoolean(raw);
    if (error) problems.push(`--${flag} ${error} (got ${JSON.stringify(raw)})`);
    else answers[flag] = parseBoolean(raw);
  }

  // Two targets may own options of the same name: a flag is refused only when none of them applies.
  const skipped = new Map<string, Option>();
  const applied = new Set<string>();
  for (const option of options) {
    if (option.when && !option.when(answers)) {
      if (ctx.flags[option.name] !== undefined && !skipped.has(option.name)) skipped.set(option.name, option);
      continue;
    }
    applied.add(option.name);
    const fromFlag = ctx.flags[option.name];
    const preset = ctx.presets?.[option.name];
    const given = fromFlag ?? (preset !== undefined ? String(preset) : undefined);
    const fallback = option.default?.(answers);

    if (given !== undefined) {
      const error = controlCharacters(given) ?? option.validate?.(given, answers);
      if (error) {
        problems.push(`--${option.name}: ${error}.${hintFor(option, answers)}`);
        continue;
      }
      answers[option.name] = option.parse ? option.parse(given) : given;
    } else if (ctx.interactive && !option.flagOnly && problems.length === 0) {
      answers[option.name] = await ask(option, fallback, answers);
    } else if (fallback !== undefined) {
      answers[option.name] = fallback;
    } else if (!ctx.interactive) {
      problems.push(`--${option.name} is required when the run is not interactive: pass ${usage(option)}.${hintFor(option, answers)}`);
    }
  }
  for (const [name, option] of skipped) {
    if (!applied.has(name)) problems.push(`--${name} does not apply here (${option.message.toLowerCase()}); remove it`);
  }
  if (problems.length) throw new InputError(problems);
  return answers;
}

async function ask(option: Option, fallback: Answers[string], answers: Answers) {
  const validate = (input: unknown) => {
    const error = controlCharacters(String(input ?? '')) ?? option.validate?.(String(input ?? ''), answers);
    return error ? `${error}.${hintFor(option, answers)}` : true;
  };
  const question =
    option.kind === 'list'
      ? { type: 'list', choices: option.choices, default: fallback }
      : option.kind === 'confirm'
        ? { type: 'confirm', default: fallback ?? false }
        : { type: option.kind, default: fallback === undefined ? undefined : String(fallback), mask: '*', validate };
  const result = await inquirer.prompt([{ name: 'value', message: option.message, ...question } as never]);
  const value = (result as { value: unknown }).value;
  if (option.kind === 'confirm') return Boolean(value);
  const text = String(value ?? '');
  return option.parse ? option.parse(text) : text;
}

export const isInteractive = (): boolean => Boolean(process.stdin.isTTY) && process.env.CI !== 'true';
