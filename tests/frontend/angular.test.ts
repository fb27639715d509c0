// The Angular 21 host: a CLI-scaffolded standalone app (`ng new`) is the toolchain, installed
// once; each build copies its workspace files plus the fixture's src/ into a fresh folder
// inside it, generates the Intercom code there, and runs the CLI's production build (AOT, with
// full type-checking and the scaffold's budgets).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';
import { frontendContractSuite, generateFrontend, type Region } from '../helpers/frontend-contract.js';
import { appInToolchain, sh, toolchain } from '../helpers/toolchains.js';
import { tempDir, write } from '../helpers/workspace.js';

export const angular = () =>
  toolchain({
    name: 'angular',
    create: (dir) =>
      sh(
        'npx',
        [
          '--yes',
          '@angular/cli@21.2.27',
          'new',
          'demo',
          '--directory=.',
          '--defaults',
          '--skip-git',
          '--standalone',
          '--routing',
          '--style=css',
          '--ssr=false',
          '--ai-config=none',
          '--interactive=false',
          '--package-manager=npm',
        ],
        dir,
      ),
  });

// Everything of the scaffolded workspace but its src/, which the fixture replaces.
const WORKSPACE_FILES = ['angular.json', 'package.json', 'tsconfig.json', 'tsconfig.app.json', 'tsconfig.spec.json', '.editorconfig', '.prettierrc', 'public'];
const apps: Partial<Record<Region, string>> = {};
// The au build also takes --csp true: its page is served with the nonce only on the root
// element (ngCspNonce, which Angular's CSP_NONCE reads), none on a script, so the widget
// script can only get it through the adapter's CSP_NONCE.
const NONCE_REGION: Region = 'au';

const test = frontendContractSuite({
  framework: 'angular',
  build: async (region) => {
    const root = angular();
    const dir = appInToolchain(root, `angular-${region}`, 'frontend/angular');
    for (const file of WORKSPACE_FILES) fs.cpSync(path.join(root, file), path.join(dir, file), { recursive: true });
    // CI=true turns the CLI's disk cache off; the builds differ only in messenger.ts, so one
    // cache shared by all of them halves their time.
    const workspace = JSON.parse(fs.readFileSync(path.join(dir, 'angular.json'), 'utf8'));
    workspace.cli.cache = { enabled: true, environment: 'all', path: path.join(root, '.angular/cache') };
    fs.writeFileSync(path.join(dir, 'angular.json'), JSON.stringify(workspace, null, 2));
    generateFrontend(dir, 'angular', region, region === NONCE_REGION ? { csp: 'true' } : {});
    const started = Date.now();
    sh(path.join(root, 'node_modules/.bin/ng'), ['build'], dir);
    console.log(`ng build (${region}): ${((Date.now() - started) / 1000).toFixed(1)} s`);
    apps[region] = dir;
    return path.join(dir, 'dist/demo/browser');
  },
  nonce: { region: NONCE_REGION, page: (html, nonce) => html.replace('<app-root>', `<app-root ngCspNonce="${nonce}">`) },
});

test('the generated files are where Angular expects them, formatted by the workspace prettier config', () => {
  const dir = apps.us!;
  const files = ['messenger.ts', 'intercom.ts'].map((f) => `src/app/intercom/${f}`);
  for (const file of files) assert.ok(fs.existsSync(path.join(dir, file)), file);
  sh(path.join(angular(), 'node_modules/.bin/prettier'), ['--check', ...files], dir);
});

test('--consent true with --csp true and the facade: injectIntercom() gains grantConsent()/revokeConsent(), and the adapter and core type-check (tsc) and pass the workspace Prettier', () => {
  const root = angular();
  const dir = appInToolchain(root, 'angular-consent', 'frontend/angular');
  for (const file of WORKSPACE_FILES) fs.cpSync(path.join(root, file), path.join(dir, file), { recursive: true });
  generateFrontend(dir, 'angular', 'us', { consent: 'true', csp: 'true', load: 'interaction', launcher: 'facade', launcherColor: '#123456' });
  const adapter = 'src/app/intercom/intercom.ts';
  const source = fs.readFileSync(path.join(dir, adapter), 'utf8');
  assert.match(source, 'grantConsent: () => zone.runOutsideAngular(grantIntercomConsent)');
  assert.match(source, 'inject(CSP_NONCE)');
  sh(path.join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.app.json', '--noEmit'], dir);
  sh(path.join(root, 'node_modules/.bin/prettier'), ['--check', adapter, 'src/app/intercom/messenger.ts'], dir);
});

test("a multi-project workspace gets the files in its application's sourceRoot", () => {
  const dir = tempDir('angular-workspace');
  write(
    dir,
    'angular.json',
    JSON.stringify({
      projects: {
        ui: { projectType: 'library', sourceRoot: 'projects/ui/src' },
        shop: { projectType: 'application', root: 'projects/shop', sourceRoot: 'projects/shop/src' },
      },
    }),
  );
  write(dir, 'projects/shop/src/app/app.config.ts', 'export const appConfig = { providers: [] };\n');
  write(dir, 'tsconfig.json', '{}');
  generateFrontend(dir, 'angular', 'us');
  for (const file of ['messenger.ts', 'intercom.ts']) assert.ok(fs.existsSync(path.join(dir, 'projects/shop/src/app/intercom', file)), file);
});

// Only as a test file: tests/starters/angular.test.ts imports the toolchain from here.
if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) test.run();
