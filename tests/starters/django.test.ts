// A project made during the test by Debian's Django (`python3 -m django startproject mysite`,
// Django 3.2), plus what its developer adds (tests/fixtures/starters/django): an accounts view
// module with the test login, its entry in mysite/urls.py, requirements.txt, and serve.py
// (migrates, creates alice and bob, runs runserver). The generator finds mysite/urls.py through
// ROOT_URLCONF and includes intercom_jwt.urls there; then the full HTTP contract runs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as assert from 'uvu/assert';
import { backendContractSuite } from '../helpers/backend-contract.js';
import { startServer } from '../helpers/server.js';
import { fixturesDir, read, tempDir, write } from '../helpers/workspace.js';
import { assertWired, backendStarterChecks, type BackendStarter } from './backend-starters.js';

const PYTHON = '/usr/bin/python3';

/** startproject once per run; every test copies this folder. */
function startproject(): string {
  const dir = tempDir('starter-django-template');
  execFileSync(PYTHON, ['-m', 'django', 'startproject', 'mysite', dir], { stdio: 'pipe' });
  fs.cpSync(path.join(fixturesDir, 'starters/django'), dir, { recursive: true });
  // The developer's own URL for the test login view, next to the admin (the starter's only entry).
  const urls = read(dir, 'mysite/urls.py');
  const [importAnchor, adminAnchor] = ['from django.urls import path\n', "    path('admin/', admin.site.urls),\n"];
  assert.ok(urls.includes(importAnchor) && urls.includes(adminAnchor), `startproject's urls.py changed shape:\n${urls}`);
  write(
    dir,
    'mysite/urls.py',
    urls
      .replace(importAnchor, `${importAnchor}\nfrom accounts import views as accounts_views\n`)
      .replace(
        adminAnchor,
        `${adminAnchor}    path('test/login/<str:username>', accounts_views.test_login),\n    path('test/logout', accounts_views.test_logout),\n`,
      ),
  );
  return dir;
}

const template = startproject();
const fixture = path.relative(fixturesDir, template);

const starter: BackendStarter = {
  framework: 'django',
  copy: () => tempDir('starter-django', fixture),
  wiredFile: 'mysite/urls.py',
  added: ["    path('', include('intercom_jwt.urls')),"],
  rewritten: [['from django.urls import path', 'from django.urls import include, path']],
  order: [
    'from django.urls import include, path',
    'urlpatterns = [',
    "    path('', include('intercom_jwt.urls')),",
    "    path('admin/', admin.site.urls),",
    ']',
  ],
  generated: ['intercom_jwt/__init__.py', 'intercom_jwt/urls.py', 'intercom_jwt/views.py'],
  manifest: 'requirements.txt',
};

const dirs: string[] = [];
const test = backendContractSuite({
  framework: 'django',
  fixture,
  wiredFile: starter.wiredFile,
  prepare: (dir) => dirs.push(dir),
  // Each server gets its own sqlite file outside the app, so the app's tree only holds source.
  start: (dir, env, port) =>
    startServer(PYTHON, ['serve.py'], {
      cwd: dir,
      env: { ...env, PORT: String(port), HOST_DATABASE: path.join(tempDir('starter-django-db'), 'db.sqlite3'), PYTHONUNBUFFERED: '1' },
      port,
      timeoutMs: 60_000,
    }),
  generatedFile: () => 'intercom_jwt/views.py',
  stockUsers: true,
});

test("after the contract's reruns urls.py includes intercom_jwt.urls exactly once, in single quotes; requirements.txt gains PyJWT once", () => {
  assert.is(dirs.length, 2);
  for (const dir of dirs) {
    assertWired(starter, dir);
    assert.not.match(read(dir, 'mysite/urls.py'), /"intercom_jwt/);
    assert.is(read(dir, 'requirements.txt'), 'Django>=3.2,<4.0\nPyJWT>=2\n');
  }
});

backendStarterChecks(test, starter);
test.run();
