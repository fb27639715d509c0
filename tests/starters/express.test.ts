// Express apps shaped like express-generator's, in CommonJS and ESM, and one whose Passport-style
// middleware spans several lines (app.use(passport.authenticate('session', {…}))): the app's own session
// middleware sets req.user and its routes hold the test login; the Intercom route is only
// generated and mounted by the generator (after the session, before the routes and error
// handlers). Then the full HTTP contract runs on the started app (bin/www on 127.0.0.1:$PORT).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { backendContractSuite } from '../helpers/backend-contract.js';
import { runPlop } from '../helpers/plop.js';
import { startServer } from '../helpers/server.js';
import { read, snapshotTree, tempDir, write } from '../helpers/workspace.js';
import { assertWired, backendStarterChecks, type BackendStarter } from './backend-starters.js';

const starters: (BackendStarter & { name: string; bin: string })[] = [
  {
    name: 'express-cjs',
    bin: 'bin/www',
    framework: 'express',
    copy: () => tempDir('starter-express-cjs', 'starters/express-cjs'),
    wiredFile: 'app.js',
    added: ["var intercomJwt = require('./routes/intercom-jwt.js');", 'app.use(intercomJwt);'],
    order: [
      "var usersRouter = require('./routes/users');",
      "var intercomJwt = require('./routes/intercom-jwt.js');",
      'var app = express();',
      'app.use(session);',
      'app.use(intercomJwt);',
      "app.use('/', indexRouter);",
      'app.use(function(req, res, next) {',
      'app.use(function(err, req, res, next) {',
      'module.exports = app;',
    ],
    generated: ['routes/intercom-jwt.js'],
    manifest: 'package.json',
  },
  {
    name: 'express-esm',
    bin: 'bin/www.js',
    framework: 'express',
    copy: () => tempDir('starter-express-esm', 'starters/express-esm'),
    wiredFile: 'app.js',
    added: ["import intercomJwt from './routes/intercom-jwt.js';", 'app.use(intercomJwt);'],
    order: [
      "import usersRouter from './routes/users.js';",
      "import intercomJwt from './routes/intercom-jwt.js';",
      'const app = express();',
      'app.use(session);',
      'app.use(intercomJwt);',
      "app.use('/', indexRouter);",
      'app.use((req, res, next) => {',
      'app.use((err, req, res, next) => {',
      'export default app;',
    ],
    generated: ['routes/intercom-jwt.js'],
    manifest: 'package.json',
  },
  {
    // The shape that used to break: the mount landed inside the multi-line passport.authenticate(…) call.
    name: 'express-multiline',
    bin: 'bin/www',
    framework: 'express',
    copy: () => tempDir('starter-express-multiline', 'starters/express-multiline'),
    wiredFile: 'app.js',
    added: ["var intercomJwt = require('./routes/intercom-jwt.js');", 'app.use(intercomJwt);'],
    order: [
      "var indexRouter = require('./routes/index');",
      "var intercomJwt = require('./routes/intercom-jwt.js');",
      'var app = express();',
      "app.use(passport.authenticate('session', {",
      '}));',
      'app.use(intercomJwt);',
      "app.use('/', indexRouter);",
      'module.exports = app;',
    ],
    generated: ['routes/intercom-jwt.js'],
    manifest: 'package.json',
  },
];

for (const starter of starters) {
  const dirs: string[] = [];
  const test = backendContractSuite({
    framework: 'express',
    fixture: `starters/${starter.name}`,
    // These apps' own session sets req.user, as Passport does; their manifests name no auth library.
    flags: { auth: 'passport' },
    wiredFile: starter.wiredFile,
    prepare: (dir) => dirs.push(dir),
    start: (dir, env, port) => startServer(process.execPath, [starter.bin], { cwd: dir, env: { ...env, PORT: String(port) }, port }),
    generatedFile: () => 'routes/intercom-jwt.js',
    stockUsers: true,
  });

  test(`${starter.name}: after the contract's reruns the wiring is still there exactly once, in place`, () => {
    assert.is(dirs.length, 2);
    for (const dir of dirs) assertWired(starter, dir);
  });

  backendStarterChecks(test, starter);
  test.run();
}

const other = suite('express: no safe anchor, and --install');

other('an app made by a factory (no `= express()` line): only the generated files change, and the snippet says what goes where', () => {
  const dir = tempDir('starter-express-factory', 'starters/express-factory');
  const before = snapshotTree(dir);
  const result = runPlop('intercom-backend', dir, { auth: 'passport' });
  assert.is(result.code, 0, result.output);
  const after = snapshotTree(dir);
  for (const file of Object.keys(before)) {
    if (file !== 'package.json') assert.is(after[file], before[file], `${file} must be byte-identical`);
  }
  assert.equal(
    Object.keys(after).filter((file) => !(file in before)),
    ['routes/intercom-jwt.js'],
  );
  assert.match(result.stdout, /No safe place to wire it in was found, so no app file was changed\. Add this \(Express \(Node\.js\)\):/);
  assert.match(result.stdout, /In the file that creates your Express app, with its other requires/);
  assert.ok(result.stdout.includes("      const intercomJwt = require('./routes/intercom-jwt.js');"), result.stdout);
  assert.match(
    result.stdout,
    /after the session and Passport middleware \(so req\.user is set\), before your routes and error handlers:\n {6}app\.use\(intercomJwt\);/,
  );
  assert.not.match(result.stdout, /Wired in:/);
});

other('a require below the first route: the new require joins the imports above the app, the mount goes between statements', () => {
  const dir = tempDir('starter-express-late-require', 'starters/express-cjs');
  const app = [
    "var express = require('express');",
    "var session = require('./session');",
    "var indexRouter = require('./routes/index');",
    '',
    'var app = express();',
    'app.use(session);',
    "app.get('/health', function(req, res) {",
    '  res.json({ ok: true });',
    '});',
    "var usersRouter = require('./routes/users');",
    "app.use('/', indexRouter);",
    "app.use('/users', usersRouter);",
    '',
    'module.exports = app;',
    '',
  ];
  write(dir, 'app.js', app.join('\n'));
  const result = runPlop('intercom-backend', dir, {});
  assert.is(result.code, 0, result.output);
  const expected = [...app];
  expected.splice(6, 0, 'app.use(intercomJwt);');
  expected.splice(3, 0, "var intercomJwt = require('./routes/intercom-jwt.js');");
  assert.is(read(dir, 'app.js'), expected.join('\n'));
  // The wired app loads: the route is required before it is mounted.
  const loaded = spawnSync(process.execPath, ['-e', "require('./app.js')"], { cwd: dir, encoding: 'utf8' });
  assert.is(loaded.status, 0, loaded.stderr);
});

other('--install true runs npm install jsonwebtoken in the app, for real', () => {
  const dir = tempDir('starter-express-install', 'starters/express-cjs');
  const result = runPlop('intercom-backend', dir, { install: true }, { npm_config_audit: 'false', npm_config_fund: 'false' });
  assert.is(result.code, 0, result.output);
  assert.match(result.stdout, /^Installed: npm install jsonwebtoken$/m);
  assert.not.match(result.stdout, /Install the JWT library:/);
  assert.ok(fs.existsSync(path.join(dir, 'node_modules/jsonwebtoken/package.json')), result.output);
  assert.ok(fs.existsSync(path.join(dir, 'package-lock.json')), 'npm wrote its lockfile');
  assert.match(result.stdout, /Wired in: app\.js:/);
});

other.run();
