import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { diffLines } from 'diff';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HASH_SLOT } from '../../generators/steps/plan.js';
import { SECRET, USERS, backendContractSuite, login, request } from '../helpers/backend-contract.js';
import { runPlop } from '../helpers/plop.js';
import { backendHost, startHost } from '../helpers/hosts.js';
import { freePort } from '../helpers/server.js';
import { read, tempDir, write } from '../helpers/workspace.js';

const PHP = '/usr/bin/php';
const endpointFile = (route: string) => `public${route}/index.php`;

/** php -S on the host's public/ folder, as the host descriptor starts it (sessions outside the project tree). */
const startPhp = (dir: string, env: NodeJS.ProcessEnv, port: number) => startHost(backendHost('php').start, dir, env, port);

backendContractSuite({
  framework: 'php',
  wiredFile: null,
  generatedFile: (variant) => endpointFile(variant.route),
}).run();

// firebase/php-jwt cannot be installed here (no Packagist), so its variant is checked by
// syntax, by its difference from the tested variant, and against a stand-in autoloader.
const composer = suite('intercom-backend --framework php, with composer.json (firebase/php-jwt)');
const FILE = endpointFile('/api/intercom-jwt');

const generate = (withComposer: boolean) => {
  const dir = tempDir('backend-php', 'backend/php');
  if (withComposer) write(dir, 'composer.json', `${JSON.stringify({ name: 'acme/app', require: { php: '>=8.2' } }, null, 4)}\n`);
  const result = runPlop('intercom-backend', dir, { framework: 'php' });
  assert.is(result.code, 0, result.output);
  return { dir, result };
};

const lint = (dir: string) => {
  const result = spawnSync(PHP, ['-l', path.join(dir, FILE)], { encoding: 'utf8' });
  assert.is(result.status, 0, `${result.stdout}${result.stderr}`);
};

composer('both signer variants pass php -l', () => {
  lint(generate(false).dir);
  lint(generate(true).dir);
});

composer('the php-jwt variant differs from the tested one only in how the token is signed', () => {
  // Each variant's header records the hash of its own content; compare the code, not the hash.
  const code = (dir: string) => read(dir, FILE).replace(/sha256:[0-9a-f]{16}/, HASH_SLOT);
  const plain = code(generate(false).dir);
  const firebase = code(generate(true).dir);
  const changed = (kind: 'added' | 'removed') =>
    diffLines(plain, firebase)
      .filter((part) => part[kind])
      .flatMap((part) => part.value.split('\n'))
      .filter((line) => line.trim() !== '');
  assert.equal(changed('added'), [
    'use Firebase\\JWT\\JWT;',
    "require dirname(__DIR__, 3) . '/vendor/autoload.php';",
    "    $token = JWT::encode($claims, $secret, 'HS256');",
  ]);
  // What the firebase variant drops: the two signer functions and their call.
  const signer = /\n\/\*\* Base64url[\s\S]*?\n}\n\n\/\*\* An HS256 JWT[\s\S]*?\n}\n/.exec(plain)?.[0];
  assert.ok(signer, 'the dependency-free signer functions are where the template puts them');
  assert.equal(changed('removed'), [...signer.split('\n').filter((line) => line.trim() !== ''), '    $token = intercom_sign_hs256($claims, $secret);']);
});

composer('composer.json gains firebase/php-jwt ^6.10 and the summary says how to install it', () => {
  const { dir, result } = generate(true);
  assert.equal(JSON.parse(read(dir, 'composer.json')).require, { 'firebase/php-jwt': '^6.10', php: '>=8.2' });
  assert.match(result.stdout, /composer require firebase\/php-jwt/);
  const without = generate(false);
  assert.not.ok(fs.existsSync(path.join(without.dir, 'composer.json')));
  assert.not.match(without.result.stdout, /composer/);
});

composer('the php-jwt variant finds vendor/autoload.php and calls JWT::encode($claims, $secret, HS256)', async () => {
  const { dir } = generate(true);
  // A stand-in for Composer's autoloader and firebase/php-jwt: it reports its arguments.
  write(
    dir,
    'vendor/autoload.php',
    `<?php
namespace Firebase\\JWT;

final class JWT
{
    public static function encode(array $payload, $key, string $alg): string
    {
        return 'stub:' . json_encode(['payload' => $payload, 'key' => $key, 'alg' => $alg]);
    }
}
`,
  );
  const port = await freePort();
  const server = await startPhp(dir, { INTERCOM_IDENTITY_SECRET: SECRET }, port);
  try {
    const res = await request(`${server.url}/api/intercom-jwt`, { headers: { Cookie: await login(server, 'alice') } });
    assert.is(res.status, 200, `${res.body}\n${server.logs()}`);
    const token: string = JSON.parse(res.body).token;
    assert.ok(token.startsWith('stub:'), token);
    const call = JSON.parse(token.slice('stub:'.length));
    assert.is(call.alg, 'HS256');
    assert.is(call.key, SECRET);
    assert.is(call.payload.user_id, USERS.alice.id);
    assert.is(call.payload.exp - call.payload.iat, 7200);
  } finally {
    await server.stop();
  }
});

composer.run();

// The README promises PHP 7.4; the only PHP here is 8.x, so PHP's own tokenizer looks for what 7.4 lacks.
const floor = suite('intercom-backend --framework php runs on PHP 7.4');

const NEWER_THAN_74 = `
$newer = ['T_MATCH', 'T_NULLSAFE_OBJECT_OPERATOR', 'T_ATTRIBUTE', 'T_ENUM', 'T_READONLY'];
$names = ['never', 'mixed', 'str_contains', 'str_starts_with', 'str_ends_with', 'array_is_list', 'get_debug_type'];
$tokens = token_get_all(file_get_contents($argv[1]));
foreach ($tokens as $token) {
    if (!is_array($token)) {
        continue;
    }
    [$id, $text, $line] = $token;
    if (in_array(token_name($id), $newer, true) || ($id === T_STRING && in_array(strtolower($text), $names, true))) {
        echo "line $line: $text\\n";
    }
}
`;

const scanFor74 = (file: string) => spawnSync(PHP, ['-r', NEWER_THAN_74, file], { encoding: 'utf8' });

floor('no syntax, type or function newer than PHP 7.4 in either variant, with every option', () => {
  for (const withComposer of [false, true]) {
    const dir = tempDir('backend-php', 'backend/php');
    if (withComposer) write(dir, 'composer.json', '{}\n');
    const result = runPlop('intercom-backend', dir, { framework: 'php', allowedOrigin: 'https://app.example.com', attributes: 'phone,company_id' });
    assert.is(result.code, 0, result.output);
    const scan = scanFor74(path.join(dir, FILE));
    assert.is(scan.status, 0, scan.stderr);
    assert.is(scan.stdout, '', `composer: ${withComposer}`);
  }
});

floor('the scan finds the never return type', () => {
  const dir = tempDir('backend-php-never');
  write(dir, 'x.php', '<?php\nfunction stop(): never\n{\n    exit;\n}\n');
  const scan = scanFor74(path.join(dir, 'x.php'));
  assert.is(scan.stdout, 'line 2: never\n');
});

floor.run();
