// The secret goes to .env only (never into source), and .env is kept out of git.

import { lineEnding } from './manifest.js';
import type { Plan } from './plan.js';

/** What happened to .env: the file was created, the key appended, or the key already there (left alone). */
export type EnvOutcome = 'created' | 'added' | 'kept';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Adds `KEY=value` to .env when the key is missing; an existing value is never replaced. */
export function addEnvKey(plan: Plan, key: string, value: string): EnvOutcome {
  const before = plan.read('.env');
  if (before !== undefined && new RegExp(`^\\s*(export\\s+)?${escapeRegExp(key)}\\s*=`, 'm').test(before)) {
    ignoreInGit(plan, '.env');
    return 'kept';
  }
  plan.edit('.env', (current = '') => {
    const quoted = /^[A-Za-z0-9_\-+/=.]*$/.test(value) ? value : JSON.stringify(value);
    return `${current}${current && !current.endsWith('\n') ? lineEnding(current) : ''}${key}=${quoted}${lineEnding(current)}`;
  });
  ignoreInGit(plan, '.env');
  return before === undefined ? 'created' : 'added';
}

export function ignoreInGit(plan: Plan, entry: string): void {
  plan.edit('.gitignore', (current = '') => {
    const lines = current.split(/\r?\n/).map((line) => line.trim());
    if (lines.includes(entry) || lines.includes(`/${entry}`)) return current;
    const eol = lineEnding(current);
    return `${current}${current && !current.endsWith('\n') ? eol : ''}${entry}${eol}`;
  });
}

/** The value of KEY in the project's .env, if any (to refuse it in frontend answers). */
export function readEnvValue(envText: string | undefined, key: string): string | undefined {
  const match = envText && new RegExp(`^\\s*(?:export\\s+)?${escapeRegExp(key)}\\s*=\\s*(.*)$`, 'm').exec(envText);
  if (!match) return undefined;
  const raw = match[1].trim();
  return /^(["']).*\1$/.test(raw) ? raw.slice(1, -1) : raw;
}
