// Adds a dependency to whichever manifest the project already has, in that manifest's own
// format. Each edit first checks whether the dependency is there, so a second run is a no-op;
// one that is there but pinned below the major the generated code needs is reported instead.
import type { Dependency } from '../targets/types.js';
import { InputError } from '../options.js';
import type { Plan } from './plan.js';

export interface ManifestResult {
  /** The manifest that lists the dependency; undefined when the project has none. */
  manifest?: string;
  /** The constraint already there when it only allows majors older than the one needed. */
  outdated?: string;
}

/** Lists the dependency in the project's manifest, or says which too-old constraint is there. */
export function addDependency(plan: Plan, dep: Dependency): ManifestResult {
  switch (dep.ecosystem) {
    case 'npm':
      return editJson(plan, 'package.json', dep.dev ? 'devDependencies' : 'dependencies', dep, ['dependencies', 'devDependencies']);
    case 'composer':
      return editJson(plan, 'composer.json', 'require', dep, ['require', 'require-dev']);
    case 'gem': {
      const q = quoteStyle(plan.read('Gemfile') ?? '"');
      const listed = new RegExp(`^\\s*gem\\s+['"]${dep.name}['"]((?:\\s*,\\s*['"][^'"]*['"])*)`, 'm');
      return appendLine(plan, 'Gemfile', listed, `gem ${q}${dep.name}${q}, ${q}${dep.version}${q}`, dep, (match) =>
        [...match[1].matchAll(/['"]([^'"]*)['"]/g)].map((m) => m[1]),
      );
    }
    case 'pip':
      return addPythonDependency(plan, dep);
  }
}

/** A manifest that already pins a too-old JWT library: the fix, for the error message. */
export function outdatedMessage(dep: Dependency, result: ManifestResult, installCommand: string | undefined): string {
  const fix = {
    npm: `change it to "${dep.version}" and run ${installCommand ?? 'npm install'}`,
    composer: `run composer require ${dep.name}:"${dep.version}"`,
    gem: `change the line to gem '${dep.name}', '${dep.version}' and run bundle update ${dep.name}`,
    pip: `change it to ${dep.name}${dep.version} and reinstall (pip install "${dep.name}${dep.version}")`,
  }[dep.ecosystem];
  return `${result.manifest} pins ${dep.name} ${result.outdated}, older than the ${dep.version} the generated code needs (older majors sign differently${
    dep.name === 'PyJWT' ? ': PyJWT 1 returns bytes, which breaks the JSON response' : ''
  }): ${fix}. Or re-run with -- --force true to keep it.`;
}

const firstMajor = (version: string) => Number(/\d+/.exec(version)?.[0] ?? 0);

/**
 * The highest major a constraint allows (Infinity when it has no upper bound). Understands the
 * npm/composer (^ ~ x * || ranges), pip (== ~= < <= ,) and RubyGems (~> =) spellings.
 */
export function highestMajor(constraints: string[]): number {
  const alternatives = constraints.join(',').split(/\|\|?/);
  return Math.max(
    ...alternatives.map((alternative) => {
      const tokens = alternative
        .replace(/(\S+)\s+-\s+/g, '>=$1 <=') // npm's "1.0.0 - 2.3.4" range
        .replace(/(\^|~>|~=|~|===|==|=|<=|<|>=|>|!=)\s+/g, '$1')
        .split(/[\s,]+/)
        .filter(Boolean);
      if (!tokens.length) return Infinity;
      return Math.min(...tokens.map(tokenMajor));
    }),
  );
}

function tokenMajor(token: string): number {
  const match = /^(\^|~>|~=|~|===|==|=|<=|<|>=|>|!=)?\s*v?(\d+)((?:\.(?:\d+|x|\*))*)/i.exec(token);
  if (!match) return Infinity;
  const [, operator = '', majorText, rest] = match;
  const major = Number(majorText);
  if (operator === '<') return /[1-9]/.test(rest) ? major : major - 1;
  if (['>', '>=', '!='].includes(operator)) return Infinity;
  return major;
}

const outdated = (dep: Dependency, constraints: string[]) => (highestMajor(constraints) < firstMajor(dep.version) ? constraints.join(', ') : undefined);

/** The file's line ending, so an added line matches the lines around it. */
export const lineEnding = (text: string | undefined) => (text?.includes('\r\n') ? '\r\n' : '\n');

function detectIndent(text: string): string | number {
  return /^[ \t]+(?=")/m.exec(text)?.[0] ?? 2;
}

/** JSON.parse, with an error that names the file and the line. */
function parseManifest(file: string, text: string): Record<string, Record<string, unknown> | undefined> {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const line = /line (\d+)/.exec(message)?.[1] ?? (position ? text.slice(0, Number(position[1])).split('\n').length : undefined);
    const reason = message.replace(/ in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)/, '');
    throw new InputError([`${file} is not valid JSON${line ? ` (line ${line}: ${reason})` : ` (${reason})`}: fix it and re-run. Nothing was written.`]);
  }
}

const isSorted = (keys: string[]) => keys.every((key, i) => i === 0 || keys[i - 1].localeCompare(key) <= 0);

function editJson(plan: Plan, file: string, section: string, dep: Dependency, lookIn: string[]): ManifestResult {
  const text = plan.read(file);
  if (text === undefined) return {};
  const json = parseManifest(file, text);
  const pinned = lookIn.map((key) => json[key]?.[dep.name]).find(Boolean);
  if (pinned) return { manifest: file, outdated: outdated(dep, [String(pinned)]) };
  plan.edit(file, (current) => {
    const entries = Object.entries(json[section] ?? {});
    // Sorted only when the list already is: otherwise the user's order stays and the dependency goes last.
    const sorted = isSorted(entries.map(([key]) => key));
    entries.push([dep.name, dep.version]);
    if (sorted) entries.sort(([a], [b]) => a.localeCompare(b));
    json[section] = Object.fromEntries(entries);
    const out = JSON.stringify(json, null, detectIndent(current!)) + (/\r?\n$/.test(current!) ? '\n' : '');
    return out.replace(/\n/g, lineEnding(current));
  });
  return { manifest: file };
}

function appendLine(
  plan: Plan,
  file: string,
  present: RegExp,
  line: string,
  dep: Dependency,
  constraintsOf: (match: RegExpExecArray) => string[],
): ManifestResult {
  const text = plan.read(file);
  if (text === undefined) return {};
  const match = present.exec(text);
  if (match) return { manifest: file, outdated: outdated(dep, constraintsOf(match)) };
  plan.edit(file, (current = '') => {
    const eol = lineEnding(current);
    return `${current}${current && !current.endsWith('\n') ? eol : ''}${line}${eol}`;
  });
  return { manifest: file };
}

/** `PyJWT[crypto] >= 1.5, < 2 ; python_version > "3"` → [">= 1.5", "< 2"]. */
const pipConstraints = (requirement: string) =>
  requirement
    .replace(/;.*$/, '')
    .replace(/^\s*["']?[A-Za-z0-9_.-]+(\[[^\]]*\])?/, '')
    .replace(/["'].*$/, '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

function addPythonDependency(plan: Plan, dep: Dependency): ManifestResult {
  const requirement = `${dep.name}${dep.version}`;
  const listed = new RegExp(`^\\s*["']?${dep.name}\\b[^\\n]*`, 'im');
  if (plan.read('requirements.txt') !== undefined) {
    return appendLine(plan, 'requirements.txt', listed, requirement, dep, (match) => pipConstraints(match[0]));
  }
  // Poetry and Pipfile: `pyjwt = "^1.7"` or `pyjwt = { version = "==1.7.1" }`.
  const tableEntry = new RegExp(`^\\s*${dep.name}\\s*=\\s*(?:"([^"]*)"|\\{[^}\\n]*version\\s*=\\s*"([^"]*)")`, 'im');
  const tableConstraints = (text: string) => {
    const match = tableEntry.exec(text);
    return match ? (match[1] ?? match[2]).split(',').map((part) => part.trim()) : [];
  };

  const pyproject = plan.read('pyproject.toml');
  if (pyproject !== undefined) {
    const pep508 = new RegExp(`["']${dep.name}\\b[^"'\\n]*["']`, 'i').exec(pyproject);
    if (pep508) return { manifest: 'pyproject.toml', outdated: outdated(dep, pipConstraints(pep508[0].slice(1))) };
    if (tableEntry.test(pyproject)) return { manifest: 'pyproject.toml', outdated: outdated(dep, tableConstraints(pyproject)) };
    const eol = lineEnding(pyproject);
    // PEP 621 `dependencies = [` inside [project], or Poetry's table; anything else is left to the user.
    const pep621 = /^(\[project\][^[]*?^dependencies\s*=\s*\[)/ms;
    const poetry = /^(\[tool\.poetry\.dependencies\]\s*\r?\n)/m;
    if (pep621.test(pyproject)) {
      plan.edit('pyproject.toml', (current) => current!.replace(pep621, `$1${eol}    "${requirement}",`));
      return { manifest: 'pyproject.toml' };
    }
    if (poetry.test(pyproject)) {
      plan.edit('pyproject.toml', (current) => current!.replace(poetry, `$1${dep.name.toLowerCase()} = "${dep.version}"${eol}`));
      return { manifest: 'pyproject.toml' };
    }
    return {};
  }
  const pipfile = /^(\[packages\]\s*\r?\n)/m;
  const pipfileText = plan.read('Pipfile') ?? '';
  if (pipfile.test(pipfileText)) {
    if (tableEntry.test(pipfileText)) return { manifest: 'Pipfile', outdated: outdated(dep, tableConstraints(pipfileText)) };
    if (listed.test(pipfileText)) return { manifest: 'Pipfile' };
    plan.edit('Pipfile', (current) => current!.replace(pipfile, `$1${dep.name.toLowerCase()} = "${dep.version}"${lineEnding(current)}`));
    return { manifest: 'Pipfile' };
  }
  return {};
}

/** The quote character the file mostly uses for strings (a Gemfile line is written in it). */
function quoteStyle(text: string): "'" | '"' {
  return (text.match(/'/g)?.length ?? 0) >= (text.match(/"/g)?.length ?? 0) ? "'" : '"';
}
