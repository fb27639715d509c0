// Angular CLI starters, standalone (`ng new --standalone`) and NgModule (`ng new
// --no-standalone`): the fixtures hold the src/ of each scaffold plus the test buttons, and no
// Intercom wiring. The generator runs with no --framework (detected from @angular/core) and
// without --wire false, so provideIntercom() reaches app.config.ts or AppModule by itself; the
// wired app is built with `ng build` in the shared Angular toolchain and passes the browser
// contract, then reruns, a hand edit and a dry run are checked on the app's folder.
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Project } from '../../generators/project.js';
import { Plan } from '../../generators/steps/plan.js';
import { angular as target } from '../../generators/targets/frontend/angular.js';
import type { FrontendAnswers } from '../../generators/targets/types.js';
import { angular as angularToolchain } from '../frontend/angular.test.js';
import { frontendContractSuite, regionFlags, WORKSPACE_ID, type Region } from '../helpers/frontend-contract.js';
import { filesWrittenBy, sourceFiles } from '../helpers/host-checks.js';
import { assertDryRunWritesNothing, assertRerunIsSafe } from '../helpers/idempotence.js';
import { runPlop } from '../helpers/plop.js';
import { appInToolchain, sh } from '../helpers/toolchains.js';
import { read, repoRoot, snapshotTree, tempDir, write } from '../helpers/workspace.js';

type Kind = 'standalone' | 'ngmodule';
const CONFIG_FILES: Record<Kind, string> = { standalone: 'src/app/app.config.ts', ngmodule: 'src/app/app-module.ts' };
const fixture = (kind: Kind) => `starters/angular-${kind}`;
const starterFile = (kind: Kind, file: string) => fs.readFileSync(path.join(repoRoot, 'tests/fixtures', fixture(kind), file), 'utf8');

// The scaffold's workspace files around the fixture's src/ (angular.json, package.json, tsconfig…).
const WORKSPACE_FILES = ['angular.json', 'package.json', 'tsconfig.json', 'tsconfig.app.json', 'tsconfig.spec.json', '.editorconfig', '.prettierrc', 'public'];
function withWorkspace(dir: string): string {
  const root = angularToolchain();
  for (const file of WORKSPACE_FILES) fs.cpSync(path.join(root, file), path.join(dir, file), { recursive: true });
  return dir;
}

/** A copy of the starter outside the toolchain, for runs that build nothing. */
const starterCopy = (kind: Kind) => withWorkspace(tempDir(`angular-${kind}-starter`, fixture(kind)));

const flags = (region: Region) => ({ workspaceId: WORKSPACE_ID, ...regionFlags(region) });

function starterSuite(kind: Kind, expected: string) {
  const apps: Partial<Record<Region, string>> = {};
  const outputs: Partial<Record<Region, string>> = {};
  const written: Partial<Record<Region, string[]>> = {};
  const test = frontendContractSuite({
    framework: `angular (${kind} starter)`,
    // The region and --load change only the generated core, not the wiring: tests/frontend/angular.test.ts
    // builds every region and load mode.
    regions: [],
    coreChecksIn: 'tests/frontend/angular.test.ts',
    build: async (region) => {
      const root = angularToolchain();
      const dir = withWorkspace(appInToolchain(root, `angular-${kind}-${region}`, fixture(kind)));
      // One CLI disk cache for every build, as in tests/frontend/angular.test.ts.
      const workspace = JSON.parse(fs.readFileSync(path.join(dir, 'angular.json'), 'utf8'));
      workspace.cli.cache = { enabled: true, environment: 'all', path: path.join(root, '.angular/cache') };
      fs.writeFileSync(path.join(dir, 'angular.json'), JSON.stringify(workspace, null, 2));
      const { result, files } = filesWrittenBy(dir, () => runPlop('intercom-frontend', dir, flags(region)));
      assert.is(result.code, 0, result.output);
      const started = Date.now();
      sh(path.join(root, 'node_modules/.bin/ng'), ['build'], dir);
      console.log(`ng build (${kind}, ${region}): ${((Date.now() - started) / 1000).toFixed(1)} s`);
      apps[region] = dir;
      outputs[region] = result.output;
      written[region] = files;
      return path.join(dir, 'dist/demo/browser');
    },
  });

  test(`${kind}: detected as Angular and wired into ${CONFIG_FILES[kind]} in the file's own style`, () => {
    assert.match(outputs.us!, new RegExp(`Wired in: ${CONFIG_FILES[kind]}: imports provideIntercom and puts provideIntercom\\(\\) last`));
    assert.match(outputs.us!, new RegExp(`updated\\s+${CONFIG_FILES[kind]}`));
    assert.is(read(apps.us!, CONFIG_FILES[kind]), expected);
  });

  // ng new ships Prettier and its .prettierrc. The NgModule schematic's own app-module.ts is not
  // Prettier-formatted, so there the wired file keeps its style and only the generated files are checked.
  test(`${kind}: the workspace's Prettier passes on the generated files${kind === 'standalone' ? ' and the wired app.config.ts' : ''}`, () => {
    const sources = sourceFiles(written.us!, /\.ts$/).filter((file) => kind === 'standalone' || file !== CONFIG_FILES.ngmodule);
    assert.ok(sources.includes('src/app/intercom/intercom.ts'), sources.join(', '));
    sh(path.join(angularToolchain(), 'node_modules/.bin/prettier'), ['--check', ...sources], apps.us!);
  });

  test(`${kind}: a rerun changes nothing; an edited generated file survives and the conflict is reported`, () => {
    assertRerunIsSafe('intercom-frontend', apps.us!, flags('us'), 'src/app/intercom/intercom.ts');
  });

  test(`${kind}: a dry run on a fresh copy prints the diff of ${CONFIG_FILES[kind]} and writes nothing`, () => {
    const dry = assertDryRunWritesNothing('intercom-frontend', starterCopy(kind), flags('us'));
    assert.ok(dry.stdout.includes(`+++ b/${CONFIG_FILES[kind]}`), dry.stdout);
    assert.ok(dry.stdout.includes("+import { provideIntercom } from './intercom/intercom';"), dry.stdout);
  });

  return test;
}

const standalone = starterSuite(
  'standalone',
  starterFile('standalone', 'src/app/app.config.ts')
    .replace("import { routes } from './app.routes';\n", "import { routes } from './app.routes';\nimport { provideIntercom } from './intercom/intercom';\n")
    .replace('provideRouter(routes)]', 'provideRouter(routes), provideIntercom()]'),
);
standalone.run();

const ngmodule = starterSuite(
  'ngmodule',
  starterFile('ngmodule', 'src/app/app-module.ts')
    .replace("import { Home } from './home';\n", "import { Home } from './home';\nimport { provideIntercom } from './intercom/intercom';\n")
    .replace('    provideBrowserGlobalErrorListeners(),\n', '    provideBrowserGlobalErrorListeners(),\n    provideIntercom(),\n'),
);
ngmodule.run();

const test = suite('intercom-frontend --framework angular: where the providers are');

test('no safe anchor (appConfig built by a function call): app.config.ts is byte-identical and the snippet is printed', () => {
  const dir = starterCopy('standalone');
  const config = [
    "import { ApplicationConfig, mergeApplicationConfig } from '@angular/core';",
    "import { provideRouter } from '@angular/router';",
    '',
    "import { baseConfig } from './base.config';",
    "import { routes } from './app.routes';",
    '',
    'export const appConfig: ApplicationConfig = mergeApplicationConfig(baseConfig, {',
    '  providers: [provideRouter(routes)],',
    '});',
    '',
  ].join('\n');
  write(dir, 'src/app/app.config.ts', config);
  const before = snapshotTree(dir);
  const result = runPlop('intercom-frontend', dir, flags('us'));
  assert.is(result.code, 0, result.output);
  assert.is(read(dir, 'src/app/app.config.ts'), config);
  const changed = Object.keys(snapshotTree(dir)).filter((file) => before[file] === undefined);
  assert.equal(changed.sort(), ['src/app/intercom/intercom.ts', 'src/app/intercom/messenger.ts']);
  assert.match(result.output, /No safe place to wire it in was found, so no app file was changed/);
  assert.match(result.output, /In src\/app\/app\.config\.ts, import provideIntercom and put provideIntercom\(\) last in the providers of appConfig/);
  assert.ok(result.output.includes("    import { provideIntercom } from './intercom/intercom';"), result.output);
  assert.ok(result.output.includes('provideIntercom()],'), result.output);
});

test('--wire false only creates the files', () => {
  const dir = starterCopy('ngmodule');
  const result = runPlop('intercom-frontend', dir, { ...flags('us'), wire: false });
  assert.is(result.code, 0, result.output);
  assert.is(read(dir, 'src/app/app-module.ts'), starterFile('ngmodule', 'src/app/app-module.ts'));
  assert.match(result.output, /Not wired \(--wire false\)/);
  assert.match(
    result.output,
    /In src\/app\/app-module\.ts, import provideIntercom and put provideIntercom\(\) last in the providers of @NgModule \(AppModule\)/,
  );
});

/** Runs the target's wire() on these files; the edited file (or undefined: no anchor), and a second pass's result. */
function wire(files: Record<string, string>) {
  const dir = tempDir('angular-wire');
  for (const [file, content] of Object.entries(files)) write(dir, file, content);
  const project = new Project(dir);
  const answers: FrontendAnswers = {
    framework: 'angular',
    workspaceId: WORKSPACE_ID,
    region: 'us',
    load: 'eager',
    jwtEndpoint: '/api/intercom-jwt',
    insecure: false,
  };
  const data = { ...answers, ...target.context(project, answers) };
  const plan = new Plan(dir);
  const wired = target.wire!(plan, project, data);
  if (!wired) return { data, edited: undefined };
  plan.apply();
  const again = new Plan(dir);
  assert.ok(target.wire!(again, project, data)?.note.includes('already has provideIntercom()'));
  assert.is(again.apply().files.length, 0, 'a second pass plans no edit');
  return { data, edited: read(dir, wired.file) };
}

test('an older NgModule app (app.module.ts, platformBrowserDynamic) without a providers key gets one before bootstrap', () => {
  const { data, edited } = wire({
    'src/main.ts':
      "import { platformBrowserDynamic } from '@angular/platform-browser-dynamic';\n\nimport { AppModule } from './app/app.module';\n\nplatformBrowserDynamic().bootstrapModule(AppModule)\n  .catch(err => console.error(err));\n",
    'src/app/app.module.ts':
      "import { NgModule } from '@angular/core';\nimport { BrowserModule } from '@angular/platform-browser';\n\nimport { AppComponent } from './app.component';\n\n@NgModule({\n  declarations: [\n    AppComponent\n  ],\n  imports: [\n    BrowserModule\n  ],\n  bootstrap: [AppComponent]\n})\nexport class AppModule { }\n",
  });
  assert.is(data.standalone, false);
  assert.is(
    edited,
    "import { NgModule } from '@angular/core';\nimport { BrowserModule } from '@angular/platform-browser';\n\nimport { AppComponent } from './app.component';\nimport { provideIntercom } from './intercom/intercom';\n\n@NgModule({\n  declarations: [\n    AppComponent\n  ],\n  imports: [\n    BrowserModule\n  ],\n  providers: [provideIntercom()],\n  bootstrap: [AppComponent]\n})\nexport class AppModule { }\n",
  );
});

test('a multi-line providers array without a trailing comma, double quotes, no semicolons, a renamed config', () => {
  const { data, edited } = wire({
    'src/main.ts':
      'import { bootstrapApplication } from "@angular/platform-browser"\nimport { config } from "./app/config"\nimport { App } from "./app/app"\n\nbootstrapApplication(App, config)\n',
    'src/app/config.ts':
      'import { ApplicationConfig } from "@angular/core"\nimport { provideRouter } from "@angular/router"\n\nexport const config: ApplicationConfig = {\n    providers: [\n        provideRouter(\n            routes, // ] in a comment\n        ),\n        provideHttpClient() // http\n    ]\n}\n',
  });
  assert.is(data.standalone, true);
  assert.is(
    edited,
    'import { ApplicationConfig } from "@angular/core"\nimport { provideRouter } from "@angular/router"\nimport { provideIntercom } from "./intercom/intercom"\n\nexport const config: ApplicationConfig = {\n    providers: [\n        provideRouter(\n            routes, // ] in a comment\n        ),\n        provideHttpClient(), // http\n        provideIntercom()\n    ]\n}\n',
  );
});

test('a config written inline in main.ts; the providers of another @NgModule in the file are left alone', () => {
  const inline = wire({
    'src/main.ts':
      "import { bootstrapApplication } from '@angular/platform-browser';\nimport { App } from './app/app';\n\nbootstrapApplication(App, {\n  providers: [provideRouter(routes), { provide: TOKEN, useValue: '[]' }],\n}).catch((err) => console.error(err));\n",
    'src/app/app.ts': '',
  });
  assert.is(
    inline.edited,
    "import { bootstrapApplication } from '@angular/platform-browser';\nimport { App } from './app/app';\nimport { provideIntercom } from './app/intercom/intercom';\n\nbootstrapApplication(App, {\n  providers: [provideRouter(routes), { provide: TOKEN, useValue: '[]' }, provideIntercom()],\n}).catch((err) => console.error(err));\n",
  );
  const modules = wire({
    'src/main.ts':
      "import { platformBrowser } from '@angular/platform-browser';\nimport { AppModule } from './app/app-module';\n\nplatformBrowser().bootstrapModule(AppModule);\n",
    'src/app/app-module.ts':
      "import { NgModule } from '@angular/core';\n\n@NgModule({ providers: [a()] })\nexport class SharedModule {}\n\n@NgModule({\n  imports: [SharedModule],\n  providers: [b()],\n  bootstrap: [App],\n})\nexport class AppModule {}\n",
  });
  assert.ok(modules.edited!.includes('@NgModule({ providers: [a()] })\nexport class SharedModule {}'));
  assert.ok(modules.edited!.includes('  providers: [b(), provideIntercom()],\n'));
});

test('no array literal to extend: nothing is edited', () => {
  const main =
    "import { bootstrapApplication } from '@angular/platform-browser';\nimport { appConfig } from './app/app.config';\n\nbootstrapApplication(App, appConfig);\n";
  for (const config of [
    "import { ApplicationConfig } from '@angular/core';\n\nexport const appConfig: ApplicationConfig = {\n  providers: PROVIDERS,\n};\n",
    "import { ApplicationConfig } from '@angular/core';\n\nexport const appConfig: ApplicationConfig = buildConfig();\n",
    'export const appConfig: ApplicationConfig = {\n  providers: [a(),\n    b()],\n};\n',
  ]) {
    assert.is(wire({ 'src/main.ts': main, 'src/app/app.config.ts': config }).edited, undefined, config);
  }
});

test.run();
