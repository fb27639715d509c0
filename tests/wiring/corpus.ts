// The wiring corpus: app shapes met in the field, each run through a target's wire() in process
// (no framework install). A case is a folder under tests/fixtures/wiring/<target>/: the project's
// files (over the target's _base/ folder), optional answers.json, and wired/ holding every file
// the wiring must change, as it must read afterwards; a case without wired/ must be left alone
// with the snippet printed. Every case also checks that the result parses (the TypeScript
// compiler's syntax check for JS/TS, an independent parser; parse5's errors for HTML) and that a
// second run finds it wired and changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Answers } from '../../generators/options.js';
import { Project } from '../../generators/project.js';
import { backends, frontends, type BackendId, type FrontendId } from '../../generators/registry.js';
import { Plan } from '../../generators/steps/plan.js';
import type { Detectable } from '../../generators/targets/types.js';
import { parsePage } from '../../generators/syntax/html.js';
import { fixturesDir, snapshotTree, tempDir } from '../helpers/workspace.js';

const corpusDir = path.join(fixturesDir, 'wiring');

/** Syntax errors as an independent parser sees them: TypeScript's for JS/TS/JSX, parse5's for HTML. */
export function syntaxErrors(file: string, text: string): string[] {
  if (file.endsWith('.html')) return parsePage(text).errors;
  const out = ts.transpileModule(text, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { jsx: ts.JsxEmit.Preserve, allowJs: true, experimentalDecorators: true },
  });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

const filesIn = (dir: string) => (fs.existsSync(dir) ? Object.keys(snapshotTree(dir)) : []);
const readUtf8 = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

/** The generator's defaults, with those of the target's own options (Next's router, a page's path) read from the project. */
/**
 * The target a corpus wires: the one of that id that has a wire() (Next and SvelteKit have a backend
 * too, which file-system routing serves with nothing to wire).
 */
function wiredTarget(id: string): { side: 'backend' | 'frontend'; target: Detectable } {
  const found = (['backend', 'frontend'] as const)
    .map((side) => ({ side, target: (side === 'backend' ? backends : frontends)[id] as (Detectable & { wire?: unknown }) | undefined }))
    .filter((c): c is { side: 'backend' | 'frontend'; target: Detectable & { wire?: unknown } } => typeof c.target?.wire === 'function');
  if (found.length !== 1) throw new Error(`wiring corpus ${id}: ${found.length} targets of that id wire files`);
  return found[0];
}

function defaultAnswers(id: string, project: Project): Record<string, unknown> {
  const { side, target } = wiredTarget(id);
  const shared: Answers =
    side === 'backend'
      ? { framework: id, secretEnvVar: 'INTERCOM_IDENTITY_SECRET', route: '/api/intercom-jwt', ttl: 7200, allowedOrigin: '', secret: '' }
      : { framework: id, workspaceId: 'abc12345', region: 'us', jwtEndpoint: '/api/intercom-jwt', insecure: false };
  return { ...shared, ...Object.fromEntries((target.options?.(() => project) ?? []).map((option) => [option.name, option.default?.(shared)])) };
}

/** The names of the target's cases: its folders (file-corpus.ts reads the one-file cases of Python and Ruby). */
export const casesOf = (id: string) =>
  fs
    .readdirSync(path.join(corpusDir, id), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
    .map((entry) => entry.name)
    .sort();

type Target = {
  context(project: Project, answers: never): Record<string, unknown>;
  wire?(plan: Plan, project: Project, data: never): { file: string; note: string } | undefined;
  wiring(data: never): string[];
};

/** A fresh copy of a case's project, with the target and its template data as the generator would compute them. */
export function prepareCase(id: BackendId | FrontendId, name: string) {
  const target = wiredTarget(id).target as unknown as Target;
  const caseDir = path.join(corpusDir, id, name);
  const dir = tempDir(`wiring-${id}-${name}`);
  const base = path.join(corpusDir, id, '_base');
  if (fs.existsSync(base)) fs.cpSync(base, dir, { recursive: true });
  fs.cpSync(caseDir, dir, { recursive: true, filter: (source) => !source.startsWith(path.join(caseDir, 'wired')) && path.basename(source) !== 'answers.json' });
  const answersFile = path.join(caseDir, 'answers.json');
  const project = new Project(dir);
  const answers = { ...defaultAnswers(id, project), ...(fs.existsSync(answersFile) ? JSON.parse(fs.readFileSync(answersFile, 'utf8')) : {}) };
  const data = { ...answers, ...target.context(project, answers as never) } as never;
  return { target, caseDir, dir, project, data };
}

export function wiringCorpus(id: BackendId | FrontendId) {
  const test = suite(`wiring corpus: ${id}`);
  for (const name of casesOf(id)) {
    const expected = filesIn(path.join(corpusDir, id, name, 'wired'));
    test(`${name}: ${expected.length ? `wires ${expected.join(', ')}` : 'no safe place, the snippet is printed'}; a second run changes nothing`, () => {
      const { target, caseDir, dir, project, data } = prepareCase(id, name);
      const before = snapshotTree(dir);

      const plan = new Plan(dir);
      const wired = target.wire!(plan, project, data);
      const report = plan.apply();
      const changed = report.files.map((f) => f.path).sort();
      assert.equal(changed, expected, `changed files (wire() said ${JSON.stringify(wired)})`);
      if (!expected.length) {
        assert.is(wired, undefined);
        assert.equal(snapshotTree(dir), before, 'nothing written');
        assert.ok(target.wiring(data).length > 0, 'the snippet has lines');
        return;
      }
      assert.ok(wired && !/already/.test(wired.note), JSON.stringify(wired));
      for (const file of expected) {
        const text = readUtf8(dir, file);
        assert.fixture(text, readUtf8(path.join(caseDir, 'wired'), file));
        const errors = syntaxErrors(file, text);
        const original = syntaxErrors(file, before[file] ?? '');
        assert.ok(errors.length <= original.length, `${file} must parse:\n${errors.join('\n')}`);
      }
      const again = new Plan(dir);
      const second = target.wire!(again, project, data);
      assert.match(second?.note ?? '', /already/, 'the second run finds it wired');
      assert.equal(again.apply({ dryRun: true }).files, [], 'the second run plans no change');
    });
  }
  return test;
}
