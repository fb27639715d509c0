// The published package, as a consumer gets it: `npm pack`, installed into a project outside
// this repo, loaded with plop.load() (with and without config), writing into the consumer's --dest.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sh } from './helpers/toolchains.js';
import { read, repoRoot, write } from './helpers/workspace.js';

const consumer = fs.mkdtempSync(path.join(os.tmpdir(), 'plop-pack-consumer-'));
let tarball = '';

function plop(args: string[]) {
  const result = spawnSync(process.execPath, [path.join(consumer, 'node_modules/plop/bin/plop.js'), ...args], {
    cwd: consumer,
    encoding: 'utf8',
    input: '',
    env: { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: result.status, output: `${result.stdout}\n${result.stderr}`, stdout: result.stdout };
}

test.before(() => {
  const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plop-pack-tarball-'));
  const name = sh('npm', ['pack', '--silent', '--pack-destination', packDir], repoRoot).trim().split('\n').at(-1)!;
  tarball = path.join(packDir, name);
  write(consumer, 'package.json', JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  // Run without tsx: a consumer's Node must load the compiled JavaScript by itself.
  sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball, 'plop@4'], consumer, { NODE_OPTIONS: '' });
});

test.after(() => fs.rmSync(consumer, { recursive: true, force: true }));

test('the tarball ships compiled JavaScript and the templates, and no sources or tests', () => {
  const listing = sh('tar', ['-tzf', tarball], repoRoot);
  assert.match(listing, /package\/dist\/plopfile\.js/);
  assert.match(listing, /package\/templates\/partials\/backend\/entries\.hbs/);
  assert.not.match(listing, /package\/tests\//);
  assert.not.match(listing, /(?<!\.d)\.ts\n/, 'TypeScript sources are not shipped');
  const pkg = JSON.parse(fs.readFileSync(path.join(consumer, 'node_modules/plop-pack-intercom/package.json'), 'utf8'));
  assert.is(pkg.main, 'dist/plopfile.js');
});

test("plop.load('plop-pack-intercom') gives the generators, which write into the consumer's --dest", () => {
  write(consumer, 'plopfile.js', "export default async function (plop) {\n  await plop.load('plop-pack-intercom');\n}\n");
  const listing = plop(['--help']);
  fs.mkdirSync(path.join(consumer, 'api'));
  write(consumer, 'api/package.json', '{ "name": "api", "dependencies": { "express": "^5.1.0" } }\n');
  const result = plop(['intercom-backend', '--dest', 'api', '--', '--framework', 'express']);
  assert.is(result.code, 0, `${listing.output}\n${result.output}`);
  assert.match(read(consumer, 'api/routes/intercom-jwt.js'), /jwt\.sign\(claims, key, \{ algorithm: 'HS256' \}\)/);
  assert.not.ok(fs.existsSync(path.join(consumer, 'node_modules/plop-pack-intercom/routes')), 'nothing is written into node_modules');
});

test('plop.load with config: a name prefix, defaults and force from the monorepo plopfile', () => {
  write(
    consumer,
    'plopfile.js',
    "export default async function (plop) {\n  await plop.load('plop-pack-intercom', { prefix: 'web:', force: true, defaults: { framework: 'vanilla', workspaceId: 'cfg12345', region: 'au' } });\n}\n",
  );
  fs.mkdirSync(path.join(consumer, 'web'));
  write(consumer, 'web/index.html', '<!doctype html>\n<html>\n  <body>\n  </body>\n</html>\n');
  let result = plop(['web:intercom-frontend', '--dest', 'web']);
  assert.is(result.code, 0, result.output);
  const core = read(consumer, 'web/intercom/messenger.js');
  assert.match(core, /const APP_ID = 'cfg12345';/);
  assert.match(core, /https:\/\/api-iam\.au\.intercom\.io/);
  write(consumer, 'web/intercom/start.js', '// edited\n');
  result = plop(['web:intercom-frontend', '--dest', 'web', '--', '--region', 'eu']);
  assert.is(result.code, 0, `force from config replaces edited files: ${result.output}`);
  assert.match(read(consumer, 'web/intercom/messenger.js'), /api-iam\.eu\.intercom\.io/);
  assert.match(read(consumer, 'web/intercom/start.js'), /bootIntercom\(\);/);
});

test('in an npm-workspaces monorepo, the loaded `intercom` generator installs both apps from the config defaults', () => {
  const mono = fs.mkdtempSync(path.join(os.tmpdir(), 'plop-pack-monorepo-'));
  try {
    write(mono, 'package.json', JSON.stringify({ name: 'mono', private: true, type: 'module', workspaces: ['apps/*'] }, null, 2));
    write(mono, 'apps/api/package.json', JSON.stringify({ name: 'api', dependencies: { express: '^5.1.0' } }, null, 2));
    write(
      mono,
      'apps/api/app.js',
      "const express = require('express');\n\nconst app = express();\n\napp.get('/', (req, res) => res.json({ ok: true }));\n\nmodule.exports = app;\n",
    );
    write(mono, 'apps/web/package.json', JSON.stringify({ name: 'web', private: true }, null, 2));
    write(mono, 'apps/web/index.html', '<!doctype html>\n<html>\n  <body>\n  </body>\n</html>\n');
    write(
      mono,
      'plopfile.js',
      "export default async function (plop) {\n  await plop.load('plop-pack-intercom', { defaults: { workspaceId: 'mono1234', region: 'eu' } });\n}\n",
    );
    fs.symlinkSync(path.join(consumer, 'node_modules'), path.join(mono, 'node_modules'));
    const result = spawnSync(process.execPath, [path.join(mono, 'node_modules/plop/bin/plop.js'), 'intercom'], {
      cwd: mono,
      encoding: 'utf8',
      input: '',
      env: { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1' },
      timeout: 60_000,
    });
    assert.is(result.status, 0, `${result.stdout}\n${result.stderr}`);
    assert.match(read(mono, 'apps/api/app.js'), /^app\.use\(intercomJwt\);$/m, 'the API app is wired');
    assert.match(read(mono, 'apps/api/routes/intercom-jwt.js'), /jwt\.sign/);
    assert.match(read(mono, 'apps/web/intercom/messenger.js'), /api-iam\.eu\.intercom\.io/);
    assert.match(read(mono, 'apps/web/index.html'), /intercom\/start\.js/, 'the web app is wired');
    assert.equal(JSON.parse(read(mono, 'apps/api/package.json')).dependencies.jsonwebtoken, '^9.0.2');
  } finally {
    fs.rmSync(mono, { recursive: true, force: true });
  }
});

test('the README\'s plopfiles for a package without "type": "module" (plopfile.mjs, plopfile.cjs) load the pack without Node\'s warning', () => {
  const esm = "export default async function (plop) {\n  await plop.load('plop-pack-intercom');\n}\n";
  for (const [file, source, warns] of [
    ['plopfile.mjs', esm, false],
    ['plopfile.cjs', "module.exports = async function (plop) {\n  await plop.load('plop-pack-intercom');\n};\n", false],
    // The form the README warns against, so the check above is seen to catch the warning.
    ['plopfile.js', esm, true],
  ] as const) {
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'plop-pack-typeless-'));
    try {
      // As in Angular's and Ember's starters: no "type" field.
      write(app, 'package.json', JSON.stringify({ name: 'typeless', private: true }, null, 2));
      write(app, 'index.html', '<!doctype html>\n<html>\n  <body>\n  </body>\n</html>\n');
      write(app, file, source);
      fs.symlinkSync(path.join(consumer, 'node_modules'), path.join(app, 'node_modules'));
      const result = spawnSync(
        process.execPath,
        [path.join(app, 'node_modules/plop/bin/plop.js'), 'intercom-frontend', '--', '--framework', 'vanilla', '--workspaceId', 'abc12345'],
        {
          cwd: app,
          encoding: 'utf8',
          input: '',
          env: { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1' },
          timeout: 60_000,
        },
      );
      const output = `${result.stdout}\n${result.stderr}`;
      assert.is(result.status, 0, `${file}: ${output}`);
      (warns ? assert.match : assert.not.match)(output, /MODULE_TYPELESS_PACKAGE_JSON/, `${file}: ${output}`);
      if (!warns) assert.not.match(output, /Warning/, `${file}: ${output}`);
      assert.match(read(app, 'index.html'), /intercom\/start\.js/, `${file}: the page is wired`);
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  }
});

test('the intercom-doctor bin is installed and runs under plain Node', () => {
  const result = spawnSync(path.join(consumer, 'node_modules/.bin/intercom-doctor'), ['--help'], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  assert.is(result.status, 0, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /--url/);
});

test.run();
