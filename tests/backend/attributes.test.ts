// --attributes: names are checked like Intercom's attribute names, the summary says where they
// are read and asks to protect them, and without the flag no backend carries any of that code.
// Their signing (values, JSON types, omission, no steering) runs in each real runtime in the
// contract suite, tests/helpers/backend-contract.ts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { backendIds } from '../../generators/registry.js';
import { backendHost } from '../helpers/hosts.js';
import { runPlop } from '../helpers/plop.js';
import { fixturesDir, read, snapshotTree, tempDir } from '../helpers/workspace.js';

const test = suite('--attributes');

const refused: [string, string, RegExp][] = [
  ['a capital letter', 'Phone', /--attributes: "Phone" is not an attribute name: use lowercase letters, digits and underscores/],
  ['a leading digit', 'phone,2fa', /--attributes: "2fa" is not an attribute name/],
  ['dashes and spaces inside names', 'company-id,account plan', /--attributes: "company-id", "account plan" are not attribute names/],
  ['a claim the endpoint signs itself', 'phone,email', /--attributes: email is already signed by the endpoint \(user_id, email, name, iat, exp\)/],
  ['user_id and exp', 'user_id,exp', /--attributes: user_id, exp are already signed by the endpoint/],
  ['a name given twice', 'plan,phone,plan', /--attributes: plan appears more than once; list each attribute once/],
];

for (const [name, value, message] of refused) {
  test(`refuses ${name}: the message names --attributes, non-zero exit, nothing written`, () => {
    const dir = tempDir('attributes-refused', 'backend/express');
    const before = snapshotTree(dir);
    const result = runPlop('intercom-backend', dir, { framework: 'express', attributes: value });
    assert.is.not(result.code, 0, result.output);
    assert.match(result.output, message);
    assert.equal(snapshotTree(dir), before);
  });
}

test('every backend: one marked function reads them; the summary names it and asks to protect them in Intercom', () => {
  for (const framework of backendIds) {
    const { file, function: fn } = backendHost(framework).signedAttributes;
    const dir = tempDir(`attributes-${framework}`, backendHost(framework).fixture);
    const result = runPlop('intercom-backend', dir, { framework, attributes: ' phone , company_id' });
    assert.is(result.code, 0, result.output);
    const code = read(dir, file);
    assert.match(code, /--attributes phone,company_id\n/, `${framework}: the re-run line holds the names as given, tidied`);
    assert.ok(code.includes(`${fn}(`), `${framework}: ${file} defines ${fn}`);
    assert.match(code, /never from the request/);
    assert.match(code, /Settings > Messenger > Security, mark each one as protected\n\s*(#|\/\/) \("require verified updates"\)/);
    assert.ok(
      result.stdout.includes(`The signed attributes (phone, company_id) are read from the signed-in user in ${fn}() in ${file}: adapt it to your user model.`),
      result.stdout,
    );
    assert.match(result.stdout, /also mark the signed attributes phone, company_id as protected \("require verified updates"\)/);
  }
});

test('without --attributes no backend has a signed-attributes function, and the summary asks for none', () => {
  for (const framework of backendIds) {
    const { file, function: fn } = backendHost(framework).signedAttributes;
    const dir = tempDir(`attributes-none-${framework}`, backendHost(framework).fixture);
    const result = runPlop('intercom-backend', dir, { framework });
    assert.is(result.code, 0, result.output);
    assert.not.ok(read(dir, file).includes(fn), `${framework}: ${file} holds ${fn}`);
    assert.not.match(result.stdout, /signed attributes/);
  }
});

test('an attribute named like a Python keyword is read with getattr(), and the module compiles', () => {
  const dir = tempDir('attributes-keyword', 'backend/flask');
  const result = runPlop('intercom-backend', dir, { framework: 'flask', attributes: 'from,plan' });
  assert.is(result.code, 0, result.output);
  const code = read(dir, 'intercom_jwt.py');
  assert.match(code, /^ {8}"from": getattr\(user, "from"\),\n {8}"plan": user\.plan,$/m);
  const compiled = spawnSync('/usr/bin/python3', ['-m', 'py_compile', path.join(dir, 'intercom_jwt.py')], { encoding: 'utf8' });
  assert.is(compiled.status, 0, compiled.stderr);
});

test('intercom (both halves) passes --attributes to the backend; no frontend file mentions them', () => {
  const root = tempDir('attributes-both');
  fs.cpSync(path.join(fixturesDir, 'backend/express'), path.join(root, 'api'), { recursive: true });
  fs.cpSync(path.join(fixturesDir, 'frontend/vanilla'), path.join(root, 'web'), { recursive: true });
  const before = snapshotTree(path.join(root, 'web'));
  const result = runPlop('intercom', root, {
    backend: 'express',
    frontend: 'vanilla',
    backendDir: 'api',
    frontendDir: 'web',
    workspaceId: 'attr1234',
    attributes: 'phone,company_id',
  });
  assert.is(result.code, 0, result.output);
  assert.match(read(root, 'api/routes/intercom-jwt.js'), /^ {4}company_id: user\.company_id,$/m);
  const after = snapshotTree(path.join(root, 'web'));
  const written = Object.keys(after).filter((file) => after[file] !== before[file]);
  assert.ok(written.length > 0, 'the frontend was generated');
  for (const file of written) assert.not.match(after[file], /phone|company_id/, `web/${file} mentions a signed attribute`);
});

test.run();
