// The one-file wiring corpus (Python and Ruby): real app shapes, each wired in-process by its target's wire() (no framework
// installed). A case is tests/fixtures/wiring/<target>/<case>.<ext>, the file as the user has
// it, and beside it either <case>.expected.<ext>, the file once wired, or <case>.snippet, one
// line saying why no place is safe (wire() then changes nothing, so the snippet is printed).
// Every wired result must parse, in tree-sitter and in the language's own parser, and a second
// run must find it wired and change nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Project } from '../../generators/project.js';
import { Plan } from '../../generators/steps/plan.js';
import type { Grammar } from '../../generators/syntax/tree-sitter.js';
import type { BackendAnswers, BackendTarget } from '../../generators/targets/types.js';
import { fixturesDir, tempDir } from '../helpers/workspace.js';

export interface Corpus {
  name: string;
  target: BackendTarget;
  grammar: Grammar;
  ext: string;
  /** The language's own syntax check: `[command, ...args]`, given the file on stdin. */
  check: string[];
  /** Where the case's file goes in the project, and any other file the project needs. */
  layout(caseName: string): { file: string; others?: Record<string, string> };
}

const answers: BackendAnswers = {
  framework: '',
  secretEnvVar: 'INTERCOM_IDENTITY_SECRET',
  route: '/api/intercom-jwt',
  ttl: 7200,
  allowedOrigin: '',
  secret: '',
};

function realSyntaxError(check: string[], text: string): string | undefined {
  const [command, ...args] = check;
  const result = spawnSync(command, args, { input: text, encoding: 'utf8' });
  return result.status === 0 ? undefined : `${result.stdout}${result.stderr}`;
}

async function wireOnce(corpus: Corpus, dir: string, file: string) {
  const project = new Project(dir);
  const plan = new Plan(dir);
  const data = { ...answers, framework: corpus.name, ...corpus.target.context(project, { ...answers, framework: corpus.name }) };
  const wired = await corpus.target.wire!(plan, project, data);
  return { wired, text: plan.read(file)! };
}

export function corpusSuite(corpus: Corpus) {
  const folder = path.join(fixturesDir, 'wiring', corpus.name);
  const input = new RegExp(`^(?!.*\\.expected\\.)(.+)\\.${corpus.ext}$`);
  const cases = fs
    .readdirSync(folder)
    .map((entry) => input.exec(entry)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
  const test = suite(`wiring corpus: ${corpus.name}`);

  test.before(async () => {
    await corpus.grammar.load();
  });

  test(`the corpus holds its cases, each with an expected result or a snippet reason`, () => {
    assert.ok(cases.length > 0);
    for (const name of cases) {
      const expected = fs.existsSync(path.join(folder, `${name}.expected.${corpus.ext}`));
      const snippet = fs.existsSync(path.join(folder, `${name}.snippet`));
      assert.ok(expected !== snippet, `${name}: exactly one of ${name}.expected.${corpus.ext} and ${name}.snippet`);
    }
  });

  for (const name of cases) {
    const source = fs.readFileSync(path.join(folder, `${name}.${corpus.ext}`), 'utf8');
    const expectedFile = path.join(folder, `${name}.expected.${corpus.ext}`);
    const expected = fs.existsSync(expectedFile) ? fs.readFileSync(expectedFile, 'utf8') : undefined;
    const why = expected === undefined ? fs.readFileSync(path.join(folder, `${name}.snippet`), 'utf8').trim() : '';

    test(`${name}: ${expected === undefined ? `snippet printed (${why})` : 'wired'}`, async () => {
      const { file, others = {} } = corpus.layout(name);
      const dir = tempDir(`wiring-${corpus.name}-${name}`);
      for (const [relative, content] of Object.entries({ ...others, [file]: source })) {
        fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
        fs.writeFileSync(path.join(dir, relative), content);
      }
      const first = await wireOnce(corpus, dir, file);
      if (expected === undefined) {
        assert.is(first.wired, undefined, `${name}: expected no wiring, got ${JSON.stringify(first.wired)}`);
        assert.is(first.text, source, `${name}: the file must stay byte-identical`);
        return;
      }
      assert.is(realSyntaxError(corpus.check, source), undefined, `${name}: the input itself must be valid ${corpus.grammar.name}`);
      assert.ok(first.wired, `${name}: expected wiring, got the snippet`);
      assert.fixture(first.text, expected);
      assert.ok(corpus.grammar.parses(first.text), `${name}: tree-sitter finds a syntax error`);
      assert.is(realSyntaxError(corpus.check, first.text), undefined, `${name}: ${corpus.check[0]} rejects the result`);

      fs.writeFileSync(path.join(dir, file), first.text);
      const second = await wireOnce(corpus, dir, file);
      assert.ok(second.wired, `${name}: the second run must find it wired`);
      assert.is(second.text, first.text, `${name}: the second run must change nothing`);
    });
  }
  return test;
}
