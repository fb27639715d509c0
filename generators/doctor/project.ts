// 5. Project scan: the JWT library, the secret kept out of source, .env out of git, no old install, no user_hash.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Project, type SourceFile } from '../project.js';
import { findLegacyIdentity } from '../steps/legacy-identity.js';
import { publicEnvPrefix } from '../validators.js';
import { type CheckResult, type DoctorOptions, fail, pass, skip, warn } from './result.js';

/** Dependencies and VCS data; built output (dist, .next, build) is scanned on purpose: a secret inlined in a bundle is the bug. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'vendor', '__pycache__', '.venv', 'venv']);
const MAX_FILE_BYTES = 5_000_000;
/** .env and .env.local etc. hold the secret on purpose; .env.example and friends are committed, so they are scanned. */
const ENV_FILE = /^\.env(\.(?!example$|sample$|template$)[\w.-]+)?$/;

export function checkProject(options: DoctorOptions): CheckResult[] {
  if (!options.dir)
    return [skip('project', 'No --dir: the project was not scanned', 'Pass --dir <project folder> to check the JWT library, the secret in source and .env')];
  const files = sourceFiles(options.dir);
  return [
    checkJwtLibrary(options.dir, files),
    checkSecretInSource(files, options),
    checkEnvIgnored(options.dir),
    checkPublicSecretVariable(options.dir, options),
    checkLeftovers(files),
    checkUserHash(files, options),
  ];
}

const sourceFiles = (root: string) =>
  new Project(root).sourceFiles({ skipDirs: SKIPPED_DIRS, maxBytes: MAX_FILE_BYTES, include: (name) => !ENV_FILE.test(name) });

const read = (dir: string, file: string) => new Project(dir).read(file);

const nodeResolves = (dir: string, name: string) => {
  try {
    createRequire(path.join(dir, 'package.json')).resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
};

/** Imports jwt with the project's virtualenv, else python3; no Python at all means "not checked". */
const pythonImports = (dir: string) => {
  const python = ['.venv/bin/python', 'venv/bin/python'].map((venv) => path.join(dir, venv)).find((file) => fs.existsSync(file)) ?? 'python3';
  const result = spawnSync(python, ['-c', 'import jwt'], { stdio: 'ignore' });
  return result.error ? true : result.status === 0;
};

interface JwtLibrary {
  manifest: string;
  name: string;
  listed: RegExp;
  installed: (dir: string) => boolean;
  install: string;
}

const JWT_LIBRARIES: JwtLibrary[] = [
  {
    manifest: 'package.json',
    name: 'jsonwebtoken',
    listed: /"jsonwebtoken"\s*:/,
    installed: (dir) => nodeResolves(dir, 'jsonwebtoken'),
    install: 'npm install jsonwebtoken',
  },
  { manifest: 'package.json', name: 'jose', listed: /"jose"\s*:/, installed: (dir) => nodeResolves(dir, 'jose'), install: 'npm install jose' },
  { manifest: 'requirements.txt', name: 'PyJWT', listed: /^\s*pyjwt\b/im, installed: pythonImports, install: 'pip install PyJWT' },
  { manifest: 'pyproject.toml', name: 'PyJWT', listed: /["']pyjwt\b|^\s*pyjwt\s*=/im, installed: pythonImports, install: 'pip install PyJWT' },
  {
    manifest: 'Gemfile',
    name: 'jwt',
    listed: /^\s*gem\s+["']jwt["']/m,
    installed: (dir) => /^\s+jwt \(/m.test(read(dir, 'Gemfile.lock') ?? ''),
    install: 'bundle install',
  },
  {
    manifest: 'composer.json',
    name: 'firebase/php-jwt',
    listed: /"firebase\/php-jwt"\s*:/,
    installed: (dir) => fs.existsSync(path.join(dir, 'vendor/firebase/php-jwt')),
    install: 'composer install',
  },
];

function checkJwtLibrary(dir: string, files: SourceFile[]): CheckResult {
  const id = 'project.jwt-library';
  const listed = JWT_LIBRARIES.filter((lib) => lib.listed.test(read(dir, lib.manifest) ?? ''));
  const installed = listed.find((lib) => lib.installed(dir));
  if (installed) return pass(id, `${installed.name} is in ${installed.manifest} and installed`);
  if (listed.length) return fail(id, `${listed[0].name} is in ${listed[0].manifest} but not installed`, `Run ${listed[0].install}`);
  // The PHP target may sign with hash_hmac alone, which needs no library.
  const phpSigner = files.find((file) => file.path.endsWith('.php') && /hash_hmac\(\s*['"]sha256['"]/.test(file.text));
  if (phpSigner) return pass(id, `${phpSigner.path} signs with hash_hmac, no library needed`);
  const manifests = [...new Set(JWT_LIBRARIES.map((lib) => lib.manifest))].filter((manifest) => read(dir, manifest) !== undefined);
  return fail(
    id,
    manifests.length
      ? `No JWT library in ${manifests.join(', ')}`
      : 'No manifest (package.json, requirements.txt, pyproject.toml, Gemfile, composer.json) lists a JWT library',
    'Install one: npm install jsonwebtoken, pip install PyJWT, bundle add jwt, or composer require firebase/php-jwt',
  );
}

function checkSecretInSource(files: SourceFile[], options: DoctorOptions): CheckResult {
  const id = 'project.secret-in-source';
  if (!options.secret)
    return skip(
      id,
      `${options.secretEnvVar} is not known here: the source was not searched for it`,
      `Run the doctor with ${options.secretEnvVar} set, or keep it in --dir's .env`,
    );
  const leaks = files.filter((file) => file.text.includes(options.secret!)).map((file) => file.path);
  return leaks.length
    ? fail(
        id,
        `The secret ${options.secretEnvVar} is written in ${leaks.join(', ')}`,
        'Read it from the environment on the server only, never in frontend code; then rotate it on the Messenger Security page',
      )
    : pass(id, `The secret is in none of the ${files.length} files outside node_modules, vendor and .env files`);
}

function checkEnvIgnored(dir: string): CheckResult {
  const id = 'project.env-ignored';
  if (!fs.existsSync(path.join(dir, '.env'))) return skip(id, 'No .env in the project');
  const fix = 'Add .env to .gitignore (and run git rm --cached .env if it was committed)';
  const git = spawnSync('git', ['-C', dir, 'check-ignore', '-q', '.env'], { stdio: 'ignore' });
  if (git.status === 0) return pass(id, '.env is ignored by git');
  if (git.status === 1) return fail(id, '.env is not ignored by git: the secret would be committed', fix);
  // Not a git repository (or no git): read .gitignore itself.
  const lines = (read(dir, '.gitignore') ?? '').split(/\r?\n/).map((line) => line.trim());
  return ['.env', '/.env', '.env*', '/.env*', '*.env'].some((entry) => lines.includes(entry))
    ? pass(id, '.env is listed in .gitignore')
    : fail(id, '.env is not listed in .gitignore: the secret would be committed', fix);
}

/** Every .env file of the project (.env.example and friends included: they teach the name). */
function envFiles(root: string): string[] {
  const envFile = (name: string) => /^\.env(\.[\w.-]+)?$/.test(name);
  return new Project(root)
    .sourceFiles({ skipDirs: SKIPPED_DIRS, maxBytes: MAX_FILE_BYTES, include: envFile })
    .map((file) => file.path)
    .sort();
}

/**
 * An Intercom secret under a name that bundlers inline into browser code (NEXT_PUBLIC_, VITE_, …):
 * the configured name or any INTERCOM…SECRET behind the prefix, or any such variable holding the secret.
 */
function checkPublicSecretVariable(dir: string, options: DoctorOptions): CheckResult {
  const id = 'project.public-secret';
  const files = envFiles(dir);
  if (!files.length) return skip(id, 'No .env files in the project');
  const exposed: string[] = [];
  for (const file of files) {
    for (const match of (read(dir, file) ?? '').matchAll(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/gm)) {
      const [, name, raw] = match;
      const prefix = publicEnvPrefix(name);
      if (!prefix) continue;
      const bare = name.slice(prefix.length);
      const value = raw.trim().replace(/^(["'])(.*)\1$/, '$2');
      const holdsSecret = Boolean(options.secret && options.secret.length >= 8 && value === options.secret);
      if (bare === options.secretEnvVar || /INTERCOM\w*SECRET/.test(bare) || holdsSecret) exposed.push(`${name} in ${file}`);
    }
  }
  return exposed.length
    ? fail(
        id,
        `${exposed.join(', ')}: bundlers copy variables with that prefix into the browser bundle, so the identity secret would be public`,
        `Rename it to ${options.secretEnvVar} (no public prefix), read it only on the server, and rotate the secret on the Messenger Security page if a bundle was deployed`,
      )
    : pass(id, `No .env file gives the Intercom secret a name bundlers make public (${files.join(', ')})`);
}

function checkLeftovers(files: SourceFile[]): CheckResult {
  const id = 'project.leftovers';
  const unsigned = files.filter(
    (file) =>
      /intercomSettings\s*=\s*\{[^}]*\b(email|name)\s*:/.test(file.text) && !file.text.includes('intercom_user_jwt') && !/\buser_hash\b/.test(file.text),
  );
  if (unsigned.length) {
    return fail(
      id,
      `Unsigned identity in ${unsigned.map((f) => f.path).join(', ')}: intercomSettings with email/name and no intercom_user_jwt lets anyone impersonate a user`,
      'Remove the insecure installation: identity must come only from the signed intercom_user_jwt',
    );
  }
  return pass(id, 'No unsigned intercomSettings left in the project');
}

/** A warning, not a failure: user_hash code stays on purpose until JWT is enforced (the rollout). */
function checkUserHash(files: SourceFile[], options: DoctorOptions): CheckResult {
  const id = 'project.user-hash';
  const places = findLegacyIdentity(files, options.jwtEndpoint);
  if (!places.length) return pass(id, 'No user_hash (HMAC) identity code left in the project');
  return warn(
    id,
    `The legacy user_hash method is still used at ${places.map((place) => `${place.file}:${place.line} (${place.what})`).join(', ')}`,
    `Once JWT is enforced, remove it: intercom_user_jwt from ${options.jwtEndpoint} replaces it (npx plop intercom-backend prints each replacement)`,
  );
}
