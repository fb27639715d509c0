// Ember 7.3 hosts (ember-cli's Vite/Embroider blueprint), one TypeScript and one JavaScript app
// scaffolded once into the shared toolchain. us and au build the TypeScript app (us also runs
// the blueprint's own type-check, ember-tsc), eu builds the JavaScript one.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';
import { CORE_CHECKS, frontendContractSuite, generateFrontend, regionFlags, WORKSPACE_ID, type Region } from '../helpers/frontend-contract.js';
import { filesWrittenBy, sourceFiles } from '../helpers/host-checks.js';
import { assertDryRunWritesNothing, assertRerunIsSafe } from '../helpers/idempotence.js';
import { runPlop } from '../helpers/plop.js';
import { appInToolchain, npmInstall, sh, toolchain } from '../helpers/toolchains.js';
import { fixturesDir } from '../helpers/workspace.js';

// ember-cli and Vite run under plain Node, without the tsx loader that this repo's .npmrc
// (node-options) and this process's NODE_OPTIONS would hand down.
const plain = { NODE_OPTIONS: '' };

/** The installed toolchain (tests/consent-adapters.test.ts bundles its ember-source). */
export const emberToolchain = toolchain({
  name: 'ember',
  create(dir) {
    const emberNew = [
      '--yes',
      '--node-options=',
      'ember-cli@7.3',
      'new',
      'host',
      '--skip-npm',
      '--skip-git',
      '--no-welcome',
      '--package-manager=npm',
      '--ci-provider=none',
    ];
    sh('npx', [...emberNew, '--directory', 'ts', '--typescript'], dir, plain);
    sh('npx', [...emberNew, '--directory', 'js'], dir, plain);
    // The TypeScript app's dependencies are a superset of the JavaScript app's: install them once here.
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'ts/package.json'), 'utf8'));
    pkg.overrides = {
      // @glimmer/syntax 0.97 needs simple-html-tokenizer@^1.0.0, which the registry lacks.
      '@glimmer/syntax': '0.95.0',
      // @glint/ember-tsc 1.11.4 patches @volar/typescript's source and fails on 2.4.31.
      '@volar/typescript': '2.4.28',
    };
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
    npmInstall(dir, plain);
  },
});
const bin = (name: string) => path.join(emberToolchain, 'node_modules/.bin', name);

async function build(region: Region): Promise<string> {
  const flavor = region === 'eu' ? 'js' : 'ts';
  const dir = appInToolchain(emberToolchain, `ember-${flavor}-${region}`);
  fs.cpSync(path.join(emberToolchain, flavor), dir, { recursive: true });
  fs.cpSync(path.join(fixturesDir, 'frontend/ember', flavor), dir, { recursive: true });
  const { files } = filesWrittenBy(dir, () => {
    if (region !== 'au') return generateFrontend(dir, 'ember', region);
    // The framework is left to detection here (ember-source in package.json).
    const result = runPlop('intercom-frontend', dir, { workspaceId: WORKSPACE_ID, ...regionFlags(region) });
    assert.is(result.code, 0, result.output);
    assert.match(result.stdout, /Nothing to wire automatically \(Ember\)/);
    installedApp = dir;
    return result;
  });
  const generated = ['utils/intercom-messenger', 'services/intercom', 'instance-initializers/intercom'].map((file) => `app/${file}.${flavor}`);
  for (const file of generated) assert.ok(files.includes(file), `${file} generated`);
  // The blueprint's own lint and format checks (`npm run lint`: eslint with warp-drive and
  // type-checked typescript-eslint, prettier at 80 columns) pass on every file written.
  const sources = sourceFiles(files, /\.[jt]s$/);
  sh(bin('eslint'), ['--max-warnings=0', ...sources], dir, plain);
  sh(bin('prettier'), ['--check', ...sources], dir, plain);
  const started = Date.now();
  if (region === 'us') sh(bin('ember-tsc'), ['--noEmit'], dir, plain);
  sh(bin('vite'), ['build', '--logLevel', 'warn'], dir, plain);
  console.log(`ember ${flavor} ${region}: ${((Date.now() - started) / 1000).toFixed(1)} s to ${region === 'us' ? 'type-check and ' : ''}build`);
  return path.join(dir, 'dist');
}

let installedApp = '';

const test = frontendContractSuite({ framework: 'ember', build, coreChecksIn: CORE_CHECKS.ts });

test('a second run changes nothing, an edited file survives, a dry run writes nothing', () => {
  const flags = { workspaceId: WORKSPACE_ID, ...regionFlags('au') };
  assertRerunIsSafe('intercom-frontend', installedApp, flags, 'app/services/intercom.ts');
  const fresh = appInToolchain(emberToolchain, 'ember-dry');
  fs.cpSync(path.join(emberToolchain, 'ts'), fresh, { recursive: true });
  assertDryRunWritesNothing('intercom-frontend', fresh, flags);
});

test("--consent true: the intercom service gains grantConsent()/revokeConsent(), and passes the blueprint's type-checked lint and Prettier", () => {
  const dir = appInToolchain(emberToolchain, 'ember-consent');
  fs.cpSync(path.join(emberToolchain, 'ts'), dir, { recursive: true });
  generateFrontend(dir, 'ember', 'us', { consent: 'true' });
  const service = 'app/services/intercom.ts';
  assert.match(fs.readFileSync(path.join(dir, service), 'utf8'), 'grantConsent = grantIntercomConsent;');
  // typescript-eslint's type-checked rules fail on a member typed from a missing export.
  sh(bin('eslint'), ['--max-warnings=0', service], dir, plain);
  sh(bin('prettier'), ['--check', service], dir, plain);
});

// Only as a test file: tests/consent-adapters.test.ts imports the toolchain from here.
if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) test.run();
