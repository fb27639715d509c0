// Hostile and unlucky input: every refusal names the flag or the path, exits non-zero and
// leaves the tree exactly as it was (checked on the folder that holds --dest, so a write
// outside --dest shows up too).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { controlCharacters } from '../generators/options.js';
import { stringLiteral } from '../generators/steps/render.js';
import { rerunCommand } from '../generators/steps/skeleton.js';
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
  ["the issue's --jwtEndpoint injection", 'intercom-frontend', 'frontend/vanilla', { ...vanilla, jwtEndpoint: '/api/intercom-jwt?x\\\nglobalThis.PWNED=1//' }],
  ['a carriage return in --workspaceId', 'intercom-frontend', 'frontend/vanilla', { framework: 'vanilla', workspaceId: 'abc12345\r' }],
  ['a newline in --htmlFile', 'intercom-frontend', 'frontend/vanilla', { ...vanilla, htmlFile: 'index.html\nx' }],
  ['a tab in --route', 'intercom-backend', 'backend/express', { ...express, route: '/api/\tjwt' }],
  ['a newline in --allowedOrigin', 'intercom-backend', 'backend/express', { ...express, allowedOrigin: 'https://a.example.com\n' }],
  ['a newline in --secret', 'intercom-backend', 'backend/express', { ...express, secret: 'abc\nINJECTED=1' }],
  ['a line separator in --secretEnvVar', 'intercom-backend', 'backend/flask', { framework: 'flask', secretEnvVar: 'A\u2028B' }],
  ['an escape in --force', 'intercom-backend', 'backend/express', { ...express, force: 'true\u001b' }],
  [
    'a newline in --appOrigin',
    'intercom',
    'backend/express',
    { backend: 'express', frontend: 'vanilla', workspaceId: 'abc12345', apiOrigin: 'https://api.example.com', appOrigin: 'https://app.example.com\n' },
  ],
];

for (const [name, generator, fixture, flags] of controlCases) {
  const flag = Object.entries(flags).find(([, value]) => controlCharacters(value))![0];
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
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'node_modules/plop/bin/plop.js'),
      '--plopfile',
      plopfile,
      'intercom-frontend',
      '--dest',
      dest,
      '--',
      '--framework',
      'vanilla',
    ],
    { cwd: repoRoot, encoding: 'utf8', input: '', timeout: 60_000 },
  );
  assert.is.not(result.status, 0);
  assert.match(`${result.stdout}${result.stderr}`, /--jwtEndpoint: holds a control character \(U\+000A/);
  assert.equal(snapshotTree(outer), before);
});

const badValues: [string, string, string, Record<string, string>, RegExp][] = [
  [
    'an http --jwtEndpoint on another host',
    'intercom-frontend',
    'frontend/vanilla',
    { ...vanilla, jwtEndpoint: 'http://evil.com/api/intercom-jwt' },
    /--jwtEndpoint: "http:\/\/evil.com\/api\/intercom-jwt" must use https/,
  ],
  [
    'a protocol-relative --jwtEndpoint',
    'intercom-frontend',
    'frontend/vanilla',
    { ...vanilla, jwtEndpoint: '//evil.com/x' },
    /--jwtEndpoint: "\/\/evil.com\/x" must be a path .* or an https URL/,
  ],
  [
    'a javascript: --jwtEndpoint',
    'intercom-frontend',
    'frontend/vanilla',
    { ...vanilla, jwtEndpoint: 'javascript:alert(1)' },
    /--jwtEndpoint: .*must be a path/,
  ],
  [
    'a quote in the --jwtEndpoint query',
    'intercom-frontend',
    'frontend/vanilla',
    { ...vanilla, jwtEndpoint: "/api/intercom-jwt?x='+alert(1)+'" },
    /--jwtEndpoint: .*has a query with characters other than/,
  ],
  [
    'quotes in --allowedOrigin',
    'intercom-backend',
    'backend/express',
    { ...express, allowedOrigin: `https://a'"b.example.com` },
    /--allowedOrigin: .*the host may hold only letters, digits, dots and dashes/,
  ],
  [
    'a backtick in --allowedOrigin',
    'intercom-backend',
    'backend/express',
    { ...express, allowedOrigin: 'https://a`b.example.com' },
    /--allowedOrigin: .*letters, digits, dots and dashes/,
  ],
  [
    '${ in --allowedOrigin',
    'intercom-backend',
    'backend/flask',
    { framework: 'flask', allowedOrigin: 'https://${process.env}.example.com' },
    /--allowedOrigin: .*letters, digits, dots and dashes/,
  ],
  [
    'userinfo in --allowedOrigin',
    'intercom-backend',
    'backend/express',
    { ...express, allowedOrigin: 'https://evil.com@a.example.com' },
    /--allowedOrigin: .*not an exact origin/,
  ],
];
for (const prefix of ['NEXT_PUBLIC_', 'VITE_', 'REACT_APP_', 'NUXT_PUBLIC_', 'PUBLIC_', 'EXPO_PUBLIC_', 'GATSBY_']) {
  badValues.push([
    `--secretEnvVar ${prefix}…`,
    'intercom-backend',
    'backend/express',
    { ...express, secretEnvVar: `${prefix}INTERCOM_SECRET` },
    new RegExp(`--secretEnvVar: "${prefix}INTERCOM_SECRET" starts with ${prefix}, which bundlers copy into the browser bundle`),
  ]);
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
  const words = spawnSync('bash', ['-c', `printf '%s\\n' ${line.replace(/^npx plop /, '')}`], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n');
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
  refuses(
    'intercom-backend',
    'backend/express',
    { ...express, force: 'true' },
    /routes\/intercom-jwt\.js leads outside --dest through a symbolic link/,
    (dest, outer) => {
      write(outer, 'elsewhere/victim.js', 'precious\n');
      fs.mkdirSync(path.join(dest, 'routes'), { recursive: true });
      fs.symlinkSync('../../elsewhere/victim.js', path.join(dest, 'routes/intercom-jwt.js'));
    },
  );
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

// JWT libraries pinned below the major the generated code needs.
const oldPins: [string, string, (dest: string) => void, RegExp][] = [
  [
    'PyJWT 1 in requirements.txt',
    'flask',
    (dest) => fs.appendFileSync(path.join(dest, 'requirements.txt'), 'pyjwt==1.7.1\n'),
    /requirements\.txt pins PyJWT ==1\.7\.1, older than the >=2 the generated code needs .*PyJWT 1 returns bytes.*change it to PyJWT>=2/,
  ],
  [
    'ruby-jwt 1 in the Gemfile',
    'rails',
    (dest) => fs.appendFileSync(path.join(dest, 'Gemfile'), "gem 'jwt', '~> 1.5'\n"),
    /Gemfile pins jwt ~> 1\.5, older than the ~> 2\.7 .*gem 'jwt', '~> 2\.7' and run bundle update jwt/,
  ],
  [
    'jsonwebtoken 8 in package.json',
    'express',
    (dest) => {
      const pkg = JSON.parse(read(dest, 'package.json'));
      pkg.dependencies.jsonwebtoken = '^8.5.1';
      write(dest, 'package.json', JSON.stringify(pkg, null, 2));
    },
    /package\.json pins jsonwebtoken \^8\.5\.1, older than the \^9\.0\.2 .*change it to "\^9\.0\.2"/,
  ],
  [
    'firebase/php-jwt 5 in composer.json',
    'php',
    (dest) => write(dest, 'composer.json', '{\n  "require": {\n    "firebase/php-jwt": "^5.0"\n  }\n}\n'),
    /composer\.json pins firebase\/php-jwt \^5\.0, older than the \^6\.10 .*composer require firebase\/php-jwt:"\^6\.10"/,
  ],
];
for (const [name, framework, prepare, message] of oldPins) {
  test(`an old JWT library already pinned is refused with the fix (${name}); --force true keeps it`, () => {
    const result = refuses('intercom-backend', `backend/${framework}`, { framework }, message, prepare);
    assert.match(result.output, /re-run with -- --force true to keep it/);
    const { dest } = sandbox('old-pin-forced', `backend/${framework}`);
    prepare(dest);
    const forced = runPlop('intercom-backend', dest, { framework, force: 'true' });
    assert.is(forced.code, 0, forced.output);
    assert.match(forced.output, /was kept in \S+ \(--force true\), although the code needs/);
  });
}

test('a current JWT library already pinned is simply listed', () => {
  const { dest } = sandbox('new-pin', 'backend/flask');
  fs.appendFileSync(path.join(dest, 'requirements.txt'), 'PyJWT>=2.4,<3\n');
  const result = runPlop('intercom-backend', dest, { framework: 'flask' });
  assert.is(result.code, 0, result.output);
  assert.match(result.output, /PyJWT is listed in requirements\.txt/);
});

test('a manifest that does not parse is named, with its line', () => {
  refuses('intercom-backend', 'backend/express', express, /package\.json is not valid JSON \(line 3: Expected double-quoted property name\)/, (dest) =>
    write(dest, 'package.json', '{\n  "name": "x",\n  dependencies: {}\n}\n'),
  );
  refuses('intercom-backend', 'backend/php', { framework: 'php' }, /composer\.json is not valid JSON \(line 2/, (dest) =>
    write(dest, 'composer.json', '{\n  "require": {,}\n}\n'),
  );
});

test('the summary says what happened to .env: created, key added, or key already defined and left alone', () => {
  const { dest } = sandbox('env-summary', 'backend/express');
  let result = runPlop('intercom-backend', dest, { ...express, secret: 'first-secret-value' });
  assert.match(result.output, /\.env was created with INTERCOM_IDENTITY_SECRET/);
  result = runPlop('intercom-backend', dest, { ...express, secret: 'second-secret-value' });
  assert.match(result.output, /INTERCOM_IDENTITY_SECRET is already defined in \.env, so it was left alone: the --secret value was not written/);
  assert.not.match(result.output, /written to \.env/);
  assert.match(read(dest, '.env'), /^INTERCOM_IDENTITY_SECRET=first-secret-value\n$/);
  result = runPlop('intercom-backend', dest, { ...express, secretEnvVar: 'OTHER_INTERCOM_SECRET', secret: 'third-secret-value' });
  assert.match(result.output, /OTHER_INTERCOM_SECRET was added to \.env/);
});

test('user files keep their line endings, key order and final newline; a dependency goes in sorted only when the list is', () => {
  const { dest } = sandbox('formats', 'backend/express');
  const unsorted = '{\r\n  "name": "host",\r\n  "dependencies": {\r\n    "zod": "^3.0.0",\r\n    "express": "^5.1.0"\r\n  },\r\n  "private": true\r\n}';
  write(dest, 'package.json', unsorted);
  write(dest, '.env', 'PORT=3000\r\n');
  write(dest, '.gitignore', 'node_modules\r\n');
  const result = runPlop('intercom-backend', dest, { ...express, secret: 'crlf-secret-value' });
  assert.is(result.code, 0, result.output);
  const pkg = read(dest, 'package.json');
  assert.not.match(pkg, /[^\r]\n/, 'every line ends in CRLF');
  assert.not.match(pkg, /\n$/, 'no final newline was added');
  assert.equal(Object.keys(JSON.parse(pkg)), ['name', 'dependencies', 'private']);
  assert.equal(Object.keys(JSON.parse(pkg).dependencies), ['zod', 'express', 'jsonwebtoken']);
  assert.is(read(dest, '.env'), 'PORT=3000\r\nINTERCOM_IDENTITY_SECRET=crlf-secret-value\r\n');
  assert.is(read(dest, '.gitignore'), 'node_modules\r\n.env\r\n');

  const sorted = sandbox('formats-sorted', 'backend/express').dest;
  write(sorted, 'package.json', '{\n  "dependencies": {\n    "express": "^5.1.0",\n    "zod": "^3.0.0"\n  }\n}\n');
  assert.is(runPlop('intercom-backend', sorted, express).code, 0);
  assert.equal(Object.keys(JSON.parse(read(sorted, 'package.json')).dependencies), ['express', 'jsonwebtoken', 'zod']);
  assert.match(read(sorted, 'package.json'), /\n$/);
});

test.run();
