// Migration from user_hash: the generators run on host apps that still use it
// (tests/fixtures/legacy) must list each place with file:line and its replacement, print the
// rollout, and leave every line of the user's code as it was; a second run changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { diffChars } from 'diff';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findLegacyIdentity } from '../generators/steps/legacy-identity.js';
import { runPlop } from './helpers/plop.js';
import { read, snapshotTree, tempDir, write } from './helpers/workspace.js';

const WORKSPACE_ID = 'abc12345';

interface Expected {
  file: string;
  line: number;
  what: RegExp;
  /** What the fixture has on that line, so a wrong line number cannot pass. */
  code: string;
}

interface Host {
  fixture: string;
  generator: string;
  flags: Record<string, string>;
  endpoint: string;
  places: Expected[];
}

const hosts: Host[] = [
  {
    fixture: 'express-vanilla',
    generator: 'intercom',
    flags: { backend: 'express', frontend: 'vanilla', workspaceId: WORKSPACE_ID, htmlFile: 'public/index.html' },
    endpoint: '/api/intercom-jwt',
    places: [
      { file: 'public/index.html', line: 14, what: /user_hash in the Messenger settings/, code: 'user_hash: window.intercomUser.hash' },
      { file: 'server.js', line: 12, what: /an HMAC of the user id \(user_hash\)/, code: ".createHmac('sha256'" },
    ],
  },
  {
    fixture: 'rails',
    generator: 'intercom-backend',
    flags: { framework: 'rails', route: '/intercom/token' },
    endpoint: '/intercom/token',
    places: [
      { file: 'app/helpers/intercom_helper.rb', line: 4, what: /an HMAC of the user id/, code: 'OpenSSL::HMAC.hexdigest' },
      { file: 'app/views/layouts/application.html.erb', line: 6, what: /user_hash in the Messenger settings/, code: 'user_hash: "<%= intercom_user_hash %>"' },
      { file: 'config/initializers/intercom.rb', line: 4, what: /intercom-rails' config\.api_secret/, code: 'config.api_secret =' },
    ],
  },
  {
    fixture: 'django',
    generator: 'intercom-backend',
    flags: { framework: 'django' },
    endpoint: '/api/intercom-jwt',
    places: [
      { file: 'mysite/settings.py', line: 15, what: /django-intercom's INTERCOM_SECURE_KEY/, code: 'INTERCOM_SECURE_KEY = ' },
      { file: 'mysite/views.py', line: 10, what: /an HMAC of the user id/, code: 'hmac.new(' },
    ],
  },
  {
    fixture: 'react',
    generator: 'intercom-frontend',
    flags: { framework: 'react', workspaceId: WORKSPACE_ID },
    endpoint: '/api/intercom-jwt',
    places: [{ file: 'src/App.jsx', line: 10, what: /react-use-intercom's userHash/, code: 'userHash: user.intercomHash' }],
  },
];

/** Text the run removed from a file that existed before it (additions, such as a comma before a new entry, are fine). */
function removedText(before: string, after: string): string[] {
  return diffChars(before, after)
    .filter((part) => part.removed)
    .map((part) => part.value);
}

for (const host of hosts) {
  test(`${host.generator} on ${host.fixture} with user_hash: each place with file:line and its replacement, the rollout, the user's code untouched`, () => {
    const dir = tempDir(`legacy-${host.fixture}`, `legacy/${host.fixture}`);
    const before = snapshotTree(dir);
    const result = runPlop(host.generator, dir, host.flags);
    assert.is(result.code, 0, result.output);

    const count = host.places.length === 1 ? 'one place uses' : `${host.places.length} places use`;
    assert.match(result.stdout, `Migration from user_hash: ${count} it (left as they are):`);
    for (const place of host.places) {
      assert.ok(before[place.file].split('\n')[place.line - 1].includes(place.code), `${place.file}:${place.line} is not "${place.code}" in the fixture`);
      const [found, replacement] = result.stdout
        .split('\n')
        .flatMap((line, i, all) => (line.includes(`  ${place.file}:${place.line}  `) ? [line, all[i + 1]] : []));
      assert.ok(found, `${place.file}:${place.line} is not in the summary:\n${result.stdout}`);
      assert.match(found, place.what);
      assert.match(replacement, new RegExp(`^\\s+replace with intercom_user_jwt, signed by ${host.endpoint} and booted by the generated client; `));
    }
    const reported = result.stdout.match(/^ {2,4}\S+:\d+ {2}/gm) ?? [];
    assert.is(reported.length, host.places.length, result.stdout);
    assert.match(
      result.stdout,
      /Rollout:\n\s+1\. Ship this JWT code with identity verification not enforced yet: the same Identity Verification secret serves user_hash and JWT/,
    );
    assert.match(
      result.stdout,
      /\n\s+2\. Watch: npx plop intercom-doctor .*\n\s+3\. Enforce identity verification .*\n\s+4\. Remove the user_hash code listed above/,
    );

    // Only additions to the user's files (the wiring, a dependency); the legacy code stays until the user removes it.
    for (const [file, content] of Object.entries(before)) {
      assert.equal(removedText(content, read(dir, file)), [], `${file} lost text`);
    }
    for (const place of host.places) {
      const line = before[place.file].split('\n')[place.line - 1];
      assert.ok(read(dir, place.file).split('\n').includes(line), `${place.file}:${place.line} was changed`);
    }

    const second = runPlop(host.generator, dir, host.flags);
    assert.is(second.code, 0, second.output);
    assert.not.match(second.stdout, /\b(created|updated)\s{2,}/, second.stdout);
    assert.match(second.stdout, `Migration from user_hash: ${count} it`);
  });
}

test('a project without user_hash gets no migration section', () => {
  const dir = tempDir('legacy-none', 'backend/express');
  const result = runPlop('intercom-backend', dir, { framework: 'express' });
  assert.is(result.code, 0, result.output);
  assert.not.match(result.stdout, /user_hash|Rollout/);
});

const file = (filePath: string, text: string) => ({ path: filePath, text });
const scan = (...files: { path: string; text: string }[]) => findLegacyIdentity(files, '/api/intercom-jwt').map((place) => `${place.file}:${place.line}`);

test('an HMAC counts only over the user id and near Intercom code; comments and JWT signers do not count', () => {
  const php =
    "<?php // Intercom\n$hash = hash_hmac('sha256', $user->id, getenv('INTERCOM_SECRET'));\n$laravel = hash_hmac('sha256', (string) Auth::id(), $secret);\n";
  assert.equal(scan(file('intercom.php', php)), ['intercom.php:2', 'intercom.php:3']);
  const node = "// Intercom\nconst hash = crypto.createHmac('sha256', secret).update(String(currentUser.id)).digest('hex');\n";
  assert.equal(scan(file('intercom.js', node)), ['intercom.js:2']);
  // The same HMAC with no Intercom in the file is some other signature.
  assert.equal(scan(file('webhooks.js', node.replace('// Intercom\n', ''))), []);
  // A hand-written JWT signer HMACs header.payload, not the user id.
  const signer =
    "// Intercom JWT\nconst signature = crypto.createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');\nconst claims = { user_id: String(user.id) };\n";
  assert.equal(scan(file('intercom-jwt.js', signer)), []);
  assert.equal(scan(file('notes.py', '# We used user_hash before, see intercom docs\n')), []);
  // The pack's own files are regenerated by the run, not reported.
  assert.equal(scan(file('routes/intercom-jwt.js', '// Generated by plop-pack-intercom: npx plop …\nconst user_hash = 1;\n')), []);
});

test('dependencies, virtualenvs and build output are not scanned; large files are skipped', () => {
  const dir = tempDir('legacy-skipped', 'backend/express');
  for (const folder of ['node_modules/intercom-client', 'vendor/bundle', 'venv/lib', '.venv/lib', 'dist', 'build', '.git']) {
    write(dir, `${folder}/intercom.js`, "Intercom('boot', { user_hash: h });\n");
  }
  write(dir, 'public/big.html', `<script>Intercom('boot', { user_hash: h });</script>\n${'<p>filler</p>\n'.repeat(100_000)}`);
  write(dir, 'views/layout.html', "<script>Intercom('boot', { user_hash: h });</script>\n");
  const result = runPlop('intercom-backend', dir, { framework: 'express' });
  assert.is(result.code, 0, result.output);
  assert.match(result.stdout, /Migration from user_hash: one place uses it/);
  assert.match(result.stdout, /^ {2}views\/layout\.html:1 {2}user_hash in the Messenger settings$/m);
  assert.ok(fs.statSync(path.join(dir, 'public/big.html')).size > 1_000_000);
});

test.run();
