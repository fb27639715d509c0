// Every target of the registry has what the rest of the project reads for it: its contract test
// and host descriptor beside it, a detectable host app, and its README entries. A new target that
// lacks one fails here, by name.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { detectTargets } from '../generators/detect.js';
import { Project } from '../generators/project.js';
import { backends, frontends } from '../generators/registry.js';
import type { Detectable } from '../generators/targets/types.js';
import { hostFile } from './helpers/hosts.js';
import { fixturesDir, repoRoot } from './helpers/workspace.js';

const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const sides = { backend: backends, frontend: frontends } as Record<'backend' | 'frontend', Record<string, Detectable>>;

/** The whole host apps a descriptor names: a backend's fixture, a frontend's cases that are not overlays. */
function hostFixtures(side: 'backend' | 'frontend', id: string): string[] {
  const host = JSON.parse(fs.readFileSync(hostFile(side, id), 'utf8'));
  assert.ok(Array.isArray(host.debianPackages), `${hostFile(side, id)} lists its debianPackages (an empty list when it needs none)`);
  assert.type(host.versions, 'object', `${hostFile(side, id)} says which versions the bench reports`);
  if (side === 'frontend') {
    assert.ok(host.cases?.length, `${hostFile(side, id)} names at least one case`);
    const cases: { fixture: string; overlay?: boolean }[] = host.cases;
    for (const c of cases.filter((c) => c.overlay))
      assert.not.ok(fs.existsSync(path.join(fixturesDir, c.fixture, 'package.json')), `${c.fixture} is a whole app, not an overlay`);
    return cases.filter((c) => !c.overlay).map((c) => c.fixture);
  }
  assert.type(host.start?.command, 'string', `${hostFile(side, id)} says how its app is started`);
  return [host.fixture];
}

for (const [side, table] of Object.entries(sides) as ['backend' | 'frontend', Record<string, Detectable>][]) {
  // The generator's flags table: its --framework row, told apart by the side's first target.
  const flagsRow = readme.split('\n').find((line) => line.startsWith('| `--framework` |') && line.includes(`\`${Object.keys(table)[0]}\``));
  for (const [id, target] of Object.entries(table)) {
    test(`${side} ${id}: its templates are under templates/${side}/${id}/`, () => {
      const dir = path.join(repoRoot, 'templates', side, id);
      assert.ok(
        fs.existsSync(dir) && fs.readdirSync(dir).length > 0,
        `templates/${side}/${id}/ is missing: a target's files are its templates, named like what they become`,
      );
    });

    test(`${side} ${id}: tests/${side}/${id}.test.ts and its host descriptor exist`, () => {
      assert.ok(
        fs.existsSync(path.join(repoRoot, 'tests', side, `${id}.test.ts`)),
        `tests/${side}/${id}.test.ts is missing: every target has its contract test`,
      );
      assert.ok(fs.existsSync(hostFile(side, id)), `tests/${side}/${id}.host.json is missing: every target has a host descriptor`);
    });

    test(`${side} ${id}: its whole host apps are detected as ${id}, and as nothing else`, () => {
      for (const fixture of hostFixtures(side, id)) {
        assert.equal(detectTargets(table, new Project(path.join(fixturesDir, fixture))), [id], fixture);
      }
    });

    test(`${side} ${id}: what it wins over in detection are registered targets`, () => {
      for (const other of target.before ?? []) assert.ok(other in table && other !== id, `${id}.before names "${other}", which is not another ${side} target`);
    });

    test(`${side} ${id}: the README lists it, and documents its own options`, () => {
      assert.ok(flagsRow?.includes(`\`${id}\``), `README.md: add \`${id}\` to the --framework row of the ${side} flags table`);
      for (const option of target.options?.(() => new Project(repoRoot)) ?? []) {
        assert.ok(readme.includes(`| \`--${option.name}\` (`), `README.md: document --${option.name} (${id}) in the ${side} flags table`);
      }
    });
  }
}

test(".ci/run installs the union of the descriptors' Debian packages", () => {
  const printed = spawnSync(process.execPath, [path.join(repoRoot, '.ci/debian-packages.mjs')], { encoding: 'utf8' });
  assert.is(printed.status, 0, printed.stderr);
  const wanted = Object.entries(sides).flatMap(([side, table]) =>
    Object.keys(table).flatMap((id) => JSON.parse(fs.readFileSync(hostFile(side as 'backend', id), 'utf8')).debianPackages as string[]),
  );
  assert.equal(printed.stdout.trim().split('\n').sort(), [...new Set(wanted)].sort());
  assert.match(fs.readFileSync(path.join(repoRoot, '.ci/run'), 'utf8'), 'node .ci/debian-packages.mjs');
});

test.run();
