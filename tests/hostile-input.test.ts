// Hostile and unlucky input: every refusal names the flag or the path, exits non-zero and
// leaves the tree exactly as it was (checked on the folder that holds --dest, so a write
// outside --dest shows up too).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { stringLiteral } from '../generators/steps/render.js';
import { rerunCommand } from '../generators/steps/generator.js';
import { runPlop } from './helpers/plop.js';
import { read, repoRoot, snapshotTree, tempDir, write } from './helpers/workspace.js';

/** A folder holding the project (`app/`) and a file outside it (`outside.html`). */
function sandbox(name: string, fixture: string) {
  const outer = tempDir(name);
  fs.cpSync(path.join(repoRoot, 'tests/fixtures', fixture), path.join(outer, 'app'), { recursive: true });
  write(outer, 'outside.html', '<html><body>\n</body></html>\n');
  fs.mkdirSync(path.join(outer, 'elsewhere'));
  return { outer, dest: path.join(outer, 'app') };
}

function refuses(generator: string, fixture: string, flags: Record<string, string>, message: RegExp, prepare?: (dest: string, outer: string) => void) {
  const { outer, dest } = sandbox('hostile', fixture);
  prepare?.(dest, outer);
  const before = snapshotTree(outer);
  const result = runPlop(generator, dest, flags);
  assert.is.not(result.code, 0, result.output);
  assert.match(result.output, message);
  assert.equal(snapshotTree(outer), before, 'nothing may be written');
  return result;
}

const vanilla = { framework: 'vanilla', workspaceId: 'abc12345' };
const express = { framework: 'express' };

const controlCases: [string, string, string, Record<string, string>][] = [
  ['the issue\'s --jwtEndpoint injection', 'intercom-frontend', 'frontend/vanilla', { ...vanilla, jwtEndpoint: '/api/intercom-jwt?x\\\nglobalThis.PWNED=1//' }],
  ['a carriage return in --workspaceId', 'intercom-frontend', 'frontend/vanilla', { framework: 'vanilla', workspaceId: 'abc12345\r' }],
  ['a newline in --htmlFile', 'intercom-frontend', 'frontend/vanilla', { ...vanilla, htmlFile: 'index.html\nx' }],
  ['a tab in --route', 'intercom-backend', 'backend/express', { ...express, route: '/api/\tjwt' }],
  ['a newline in --allowedOrigin', 'intercom-backend', 'backend/express', { ...express, allowedOrigin: 'https://a.example.com\n' }],
  ['a newline in --secret', 'intercom-backend', 'backend/express', { ...express, secret: 'abc\nINJECTED=1' }],
  ['a line separator in --secretEnvVar', 'intercom-backend', 'backend/flask', { framework: 'flask', secretEnvVar: 'A\u2028B' }],
  ['an escape in --force', 'intercom-backend', 'backend/express', { ...express, force: 'true\u001b' }],
  ['a newline in --appOrigin', 'intercom', 'backend/express', { backend: 'express', frontend: 'vanilla', workspaceId: 'abc12345', apiOrigin: 'https://api.example.com', appOrigin: 'https://app.example.com\n' }],
];

for (const [name, generator, fixture, flags] of controlCases) {
  const flag = Object.entries(flags).find(([, value]) => /[\u0000-\u001f\u2028]/.test(value))![0];
  test(`refuses ${name}, naming the flag`, () => {
    refuses(generator, fixture, flags, new RegExp(`--${flag}:? .*holds a control character`));
  });
}

test('a control character in a preset from plop.load config is refused too, naming the flag', () => {
  const { outer, dest } = sandbox('hostile-preset', 'frontend/vanilla');
  const plopfile = path.join(outer, 'plopfile.ts');
  fs.writeFileSync(
    plopfile,
    `import pack from ${JSON.stringify(path.join(repoRoot, 'plopfile.ts'))};\nexport default (plop) => pack(plop, { defaults: { workspaceId: 'abc12345', jwtEndpoint: '/jwt\\nglobalThis.PWNED=1//' } });\n`,
  );
  const before = snapshotTree(outer);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'node_modules/plop/bin/plop.js'), '--plopfile', plopfile, 'intercom-frontend', '--dest', dest, '--', '--framework', 'vanilla'],
    { cwd: repoRoot, encoding: 'utf8', input: '', timeout: 60_000 },
  );
  assert.is.not(result.status, 0);
  assert.match(`${result.stdout}${result.stderr}`, /--jwtEndpoint: holds a control character \(U\+000A/);
  assert.equal(snapshotTree(outer), before);
});

const badValues: [string, string, string, Record<string, string>, RegExp][] = [
  ['an http --jwtEndpoint on another host', 'intercom-frontend', 'frontend/vanilla', { ...vanilla, jwtEndpoint: 'http://evil.com/api/intercom-jwt' }, /--jwtEndpoint: "http:\/\/evil.com\/api\/intercom-jwt" must use https/],
  ['a protocol-relative --jwtEndpoint', 'intercom-frontend', 'frontend/vanilla', { ...vanilla, jwtEndpoint: '//evil.com/x' }, /--jwtEndpoint: "\/\/evil.com\/x" must be a path .* or an https URL/],
  ['a javascript: --jwtEndpoint', 'intercom-frontend', 'frontend/vanilla', { ...vanilla, jwtEndpoint: 'javascript:alert(1)' }, /--jwtEndpoint: .*must be a path/],
  ['a quote in the --jwtEndpoint query', 'intercom-frontend', 'frontend/vanilla', { ...vanilla, jwtEndpoint: "/api/intercom-jwt?x='+alert(1)+'" }, /--jwtEndpoint: .*has a query with characters other than/],
  ['quotes in --allowedOrigin', 'intercom-backend', 'backend/express', { ...express, allowedOrigin: `https://a'"b.example.com` }, /--allowedOrigin: .*the host may hold only letters, digits, dots and dashes/],
  ['a backtick in --allowedOrigin', 'intercom-backend', 'backend/express', { ...express, allowedOrigin: 'https://a`b.example.com' }, /--allowedOrigin: .*letters, digits, dots and dashes/],
  ['${ in --allowedOrigin', 'intercom-backend', 'backend/flask', { framework: 'flask', allowedOrigin: 'https://${process.env}.example.com' }, /--allowedOrigin: .*letters, digits, dots and dashes/],
  ['userinfo in --allowedOrigin', 'intercom-backend', 'backend/express', { ...express, allowedOrigin: 'https://evil.com@a.example.com' }, /--allowedOrigin: .*not an exact origin/],
];
for (const prefix of ['NEXT_PUBLIC_', 'VITE_', 'REACT_APP_', 'NUXT_PUBLIC_', 'PUBLIC_', 'EXPO_PUBLIC_', 'GATSBY_']) {
  badValues.push([`--secretEnvVar ${prefix}…`, 'intercom-backend', 'backend/express', { ...express, secretEnvVar: `${prefix}INTERCOM_SECRET` }, new RegExp(`--secretEnvVar: "${prefix}INTERCOM_SECRET" starts with ${prefix}, which bundlers copy into the browser bundle`)]);
}
for (const [name, generator, fixture, flags, message] of badValues) {
  test(`refuses ${name}`, () => {
    refuses(generator, fixture, flags, message);
  });
}

test('accepted endpoints and origins: a path with a query, https, and http only on localhost', () => {
  for (const jwtEndpoint of ['/api/intercom-jwt?v=2', 'https://api.example.com/api/intercom-jwt', 'http://localhost:3000/api/intercom-jwt']) {
    const { dest } = sandbox('hostile-ok', 'frontend/vanilla');
    const result = runPlop('intercom-frontend', dest, { ...vanilla, jwtEndpoint });
    assert.is(result.code, 0, result.output);
    assert.ok(read(dest, 'intercom/messenger.js').includes(`const JWT_ENDPOINT = '${jwtEndpoint}';`));
  }
});

// Each language reads the literal back: the value survives, whatever quotes and escapes it holds.
const evaluators: Record<keyof typeof stringLiteral, (literal: string) => string[]> = {
  js: (literal) => [process.execPath, '-e', `process.stdout.write(${literal})`],
  py: (literal) => ['python3', '-c', `import sys; sys.stdout.write(${literal})`],
  rb: (literal) => ['ruby', '-e', `$stdout.write(${literal})`],
  php: (literal) => ['php', '-r', `echo ${literal};`],
};
test('values land in code as string literals of that language, never HTML-escaped', () => {
  const hostile = `a'b"c\\d \`e\` \${f} #{g} <?php ?> </script> &amp; $h {{i}}`;
  for (const [language, literal] of Object.entries(stringLiteral) as [keyof typeof stringLiteral, (v: string) => string][]) {
    const [command, ...args] = evaluators[language](literal(hostile));
    const result = spawnSync(command, args, { encoding: 'utf8' });
    assert.is(result.stdout, hostile, `${language}: ${result.stderr}`);
  }
});

test('no template puts a flag value between quotes by hand: every one goes through a language helper', () => {
  const flags = ['workspaceId', 'jwtEndpoint', 'route', 'secretEnvVar', 'allowedOrigin', 'apiBase', 'urlPattern', 'htmlFile', 'basePath'];
  const bare = new RegExp(`['"\`]\\{\\{\\{?(${flags.join('|')})\\}\\}\\}?['"\`]`);
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (bare.test(fs.readFileSync(full, 'utf8'))) offenders.push(path.relative(repoRoot, full));
    }
  };
  walk(path.join(repoRoot, 'templates'));
  assert.equal(offenders, []);
});

test("the header's re-run line holds every value as one quoted shell word", () => {
  const options = [
    { name: 'framework', message: '', kind: 'input' as const },
    { name: 'htmlFile', message: '', kind: 'input' as const },
  ];
  const line = rerunCommand('intercom-frontend', { framework: 'vanilla', htmlFile: `my page's "x" $(id).html` }, options);
  const words = spawnSync('bash', ['-c', `printf '%s\\n' ${line.replace(/^npx plop /, '')}`], { encoding: 'utf8' }).stdout.trim().split('\n');
  assert.equal(words, ['intercom-frontend', '--', '--framework', 'vanilla', '--htmlFile', `my page's "x" $(id).html`]);
});

// Paths: `..`, symbolic links to outside, a folder where a file goes.
test('--htmlFile ../outside.html is refused, naming every path outside --dest', () => {
  const result = refuses('intercom-frontend', 'frontend/vanilla', { ...vanilla, htmlFile: '../outside.html' }, /\.\.\/outside\.html is outside --dest/);
  assert.match(result.output, /\.\.\/intercom\/messenger\.js is outside --dest/);
  assert.match(result.output, /Nothing was written/);
});

test('a page that is a symbolic link to a file outside --dest is refused', () => {
  refuses('intercom-frontend', 'frontend/vanilla', vanilla, /index\.html leads outside --dest through a symbolic link/, (dest) => {
    fs.rmSync(path.join(dest, 'index.html'));
    fs.symlinkSync('../outside.html', path.join(dest, 'index.html'));
  });
});

for (const [fixture, generator, flags, folder] of [
  ['frontend/vanilla', 'intercom-frontend', vanilla, 'intercom'],
  ['backend/express', 'intercom-backend', express, 'routes'],
  ['backend/rails', 'intercom-backend', { framework: 'rails' }, 'app'],
] as const) {
  test(`a ${folder}/ folder that links outside --dest is refused (${generator} ${flags.framework})`, () => {
    refuses(generator, fixture, flags, new RegExp(`${folder}/\\S+ leads outside --dest through a symbolic link`), (dest) => {
      fs.rmSync(path.join(dest, folder), { recursive: true, force: true });
      fs.symlinkSync('../elsewhere', path.join(dest, folder));
    });
  });
}

test('a generated file that links to a file outside --dest is refused, even with --force true', () => {
  refuses('intercom-backend', 'backend/express', { ...express, force: 'true' }, /routes\/intercom-jwt\.js leads outside --dest through a symbolic link/, (dest, outer) => {
    write(outer, 'elsewhere/victim.js', 'precious\n');
    fs.mkdirSync(path.join(dest, 'routes'), { recursive: true });
    fs.symlinkSync('../../elsewhere/victim.js', path.join(dest, 'routes/intercom-jwt.js'));
  });
});

test('a symbolic link that stays inside --dest is written through, and stays a link', () => {
  const { dest } = sandbox('hostile-inner-link', 'frontend/vanilla');
  fs.renameSync(path.join(dest, 'index.html'), path.join(dest, 'page.html'));
  fs.symlinkSync('page.html', path.join(dest, 'index.html'));
  const result = runPlop('intercom-frontend', dest, vanilla);
  assert.is(result.code, 0, result.output);
  assert.ok(fs.lstatSync(path.join(dest, 'index.html')).isSymbolicLink());
  assert.match(read(dest, 'page.html'), /intercom\/start\.js/);
});

test('a folder where a generated file goes is refused before anything is written', () => {
  refuses('intercom-backend', 'backend/express', express, /routes\/intercom-jwt\.js is a folder, where a file must be written/, (dest) => {
    fs.mkdirSync(path.join(dest, 'routes/intercom-jwt.js'), { recursive: true });
  });
});

test('a file where a folder must be created is refused before anything is written', () => {
  refuses('intercom-backend', 'backend/express', express, /routes is a file, where a folder must be created/, (dest) => {
    write(dest, 'routes', 'not a folder\n');
  });
});

test('an immutable file is refused up front, naming it', () => {
  const { outer, dest } = sandbox('hostile-immutable', 'starters/express-cjs');
  const before = snapshotTree(outer);
  const app = path.join(dest, 'app.js');
  assert.is(spawnSync('chattr', ['+i', app]).status, 0, 'chattr +i must work here');
  try {
    const result = runPlop('intercom-backend', dest, { ...express, secret: 'sup3r-secret-value' });
    assert.is.not(result.code, 0);
    assert.match(result.output, /app\.js is not writable \(read-only, or immutable/);
  } finally {
    spawnSync('chattr', ['-i', app]);
  }
  assert.equal(snapshotTree(outer), before);
});

test('--dryRun masks the secret in its diff and writes nothing', () => {
  const secret = 'sUp3r"s3cr3t-VALUE-42';
  const { outer, dest } = sandbox('hostile-dry', 'backend/express');
  const before = snapshotTree(outer);
  const result = runPlop('intercom-backend', dest, { ...express, secret, dryRun: 'true' });
  assert.is(result.code, 0, result.output);
  assert.match(result.output, /\+INTERCOM_IDENTITY_SECRET="\*\*\*\*\*\*\*\*"/);
  assert.not.ok(result.output.includes('sUp3r'), 'the secret is printed');
  assert.equal(snapshotTree(outer), before);
});

test.run();
