// Adds a dependency to whichever manifest the project already has, in that manifest's own
// format. Each edit first checks whether the dependency is there, so a second run is a no-op.
import type { Dependency } from '../targets/types.js';
import { quoteStyle } from './anchors.js';
import type { Plan } from './plan.js';

/** Returns the manifest that now lists the dependency, or undefined when the project has none. */
export function addDependency(plan: Plan, dep: Dependency): string | undefined {
  switch (dep.ecosystem) {
    case 'npm':
      return editJson(plan, 'package.json', dep.dev ? 'devDependencies' : 'dependencies', dep, ['dependencies', 'devDependencies']);
    case 'composer':
      return editJson(plan, 'composer.json', 'require', dep, ['require', 'require-dev']);
    case 'gem': {
      const q = quoteStyle(plan.read('Gemfile') ?? '"');
      return appendLine(plan, 'Gemfile', new RegExp(`^\\s*gem\\s+['"]${dep.name}['"]`, 'm'), `gem ${q}${dep.name}${q}, ${q}${dep.version}${q}`);
    }
    case 'pip':
      return addPythonDependency(plan, dep);
  }
}

function detectIndent(text: string): string | number {
  return /^[ \t]+(?=")/m.exec(text)?.[0] ?? 2;
}

function editJson(plan: Plan, file: string, section: string, dep: Dependency, lookIn: string[]): string | undefined {
  const text = plan.read(file);
  if (text === undefined) return undefined;
  plan.edit(file, (current) => {
    const json = JSON.parse(current!);
    if (lookIn.some((key) => json[key]?.[dep.name])) return current;
    const entries = { ...(json[section] ?? {}), [dep.name]: dep.version };
    json[section] = Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)));
    return JSON.stringify(json, null, detectIndent(current!)) + (current!.endsWith('\n') ? '\n' : '');
  });
  return file;
}

function appendLine(plan: Plan, file: string, present: RegExp, line: string): string | undefined {
  const text = plan.read(file);
  if (text === undefined) return undefined;
  plan.edit(file, (current = '') =>
    present.test(current) ? current : `${current}${current && !current.endsWith('\n') ? '\n' : ''}${line}\n`,
  );
  return file;
}

function addPythonDependency(plan: Plan, dep: Dependency): string | undefined {
  const requirement = `${dep.name}${dep.version}`;
  const listed = new RegExp(`^\\s*["']?${dep.name}\\b`, 'im');
  if (plan.read('requirements.txt') !== undefined) return appendLine(plan, 'requirements.txt', listed, requirement);

  const pyproject = plan.read('pyproject.toml');
  if (pyproject !== undefined) {
    if (listed.test(pyproject) || new RegExp(`["']${dep.name}\\b`, 'i').test(pyproject)) return 'pyproject.toml';
    // PEP 621 `dependencies = [` inside [project], or Poetry's table; anything else is left to the user.
    const pep621 = /^(\[project\][^[]*?^dependencies\s*=\s*\[)/ms;
    const poetry = /^(\[tool\.poetry\.dependencies\]\s*\n)/m;
    if (pep621.test(pyproject)) {
      plan.edit('pyproject.toml', (current) => current!.replace(pep621, `$1\n    "${requirement}",`));
      return 'pyproject.toml';
    }
    if (poetry.test(pyproject)) {
      plan.edit('pyproject.toml', (current) => current!.replace(poetry, `$1${dep.name.toLowerCase()} = "${dep.version}"\n`));
      return 'pyproject.toml';
    }
    return undefined;
  }
  const pipfile = /^(\[packages\]\s*\n)/m;
  if (pipfile.test(plan.read('Pipfile') ?? '')) {
    if (listed.test(plan.read('Pipfile')!)) return 'Pipfile';
    plan.edit('Pipfile', (current) => current!.replace(pipfile, `$1${dep.name.toLowerCase()} = "${dep.version}"\n`));
    return 'Pipfile';
  }
  return undefined;
}
