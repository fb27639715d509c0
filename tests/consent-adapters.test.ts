// --consent true through the Angular and Ember adapters, in Chromium, without a framework build:
// esbuild bundles the generated files against the toolchains the framework suites install (Angular's
// packages, finished by its JIT compiler; ember-source's ES modules) into one page per framework,
// served by the generated Express backend. injectIntercom()'s and the intercom service's
// grantConsent()/revokeConsent() must meet the contract that tests/consent.test.ts checks on vanilla.
import fs from 'node:fs';
import path from 'node:path';
import esbuild from 'esbuild';
import type { Browser } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { launchBrowser, sleep } from './helpers/browser.js';
import { assertGrantBoots, assertNothingBeforeGrant, assertRevokeShutsDown, openConsentPage } from './helpers/consent.js';
import { generateFrontend, startBackend } from './helpers/frontend-contract.js';
import type { RunningServer } from './helpers/server.js';
import { appInToolchain } from './helpers/toolchains.js';
import { tempDir, write } from './helpers/workspace.js';
import { angular } from './frontend/angular.test.js';
import { emberToolchain } from './frontend/ember.test.js';

// The host's app.config.ts, as the generator wired it (provideIntercom() asks for the boot, which
// waits for consent), started without a component as bootstrapApplication() starts it; zoneless, as
// \`ng new\` makes it, so NgZone is Angular's no-op zone.
const ANGULAR_PAGE = `// The router and common packages ship partially compiled: without the CLI's linker, the JIT compiler finishes them.
import '@angular/compiler';
import { runInInjectionContext } from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import { appConfig } from './src/app/app.config';
import { injectIntercom } from './src/app/intercom/intercom';

const app = await createApplication(appConfig);
window.intercomAdapter = runInInjectionContext(app.injector, injectIntercom);
`;

// An app whose strict resolver knows the router and the generated service; visit() boots an
// instance, whose generated instance-initializer starts the Messenger (which waits for consent).
const EMBER_PAGE = `import Application from '@ember/application';
import EmberRouter from '@ember/routing/router';
import IntercomService from './app/services/intercom';
import intercomInitializer from './app/instance-initializers/intercom';

class Router extends EmberRouter {
  location = 'none';
}
class App extends Application {}
App.instanceInitializer({ name: 'intercom', ...intercomInitializer });

const app = App.create({ autoboot: false, modules: { './router': Router, './services/intercom': IntercomService } });
const instance = await app.visit('/', {});
window.intercomAdapter = instance.lookup('service:intercom');
`;

// What Embroider does for an app: @ember/* from ember-source's ES modules (they import each other relatively).
const emberSource: esbuild.Plugin = {
  name: 'ember-source',
  setup(build) {
    const packages = path.join(emberToolchain, 'node_modules/ember-source/dist/prod/packages');
    build.onResolve({ filter: /^@ember\// }, ({ path: id }) => {
      const file = path.join(packages, id);
      return { path: fs.existsSync(`${file}.js`) ? `${file}.js` : path.join(file, 'index.js') };
    });
  },
};

/** Generates the adapter with --consent true into a copy of the framework's app and bundles `page` beside it as www/<framework>.js. */
async function bundlePage(framework: 'angular' | 'ember', app: string, page: string, www: string, plugins: esbuild.Plugin[] = []) {
  const { stdout } = generateFrontend(app, framework, 'us', { consent: 'true' });
  // The summary names the adapter's method, the one these pages call.
  const grant = { angular: 'injectIntercom().grantConsent()', ember: "the intercom service's grantConsent()" }[framework];
  assert.match(stdout, `Consent: nothing loads until your consent banner calls ${grant} (on every page load)`);
  write(app, 'consent-page.ts', page);
  write(www, `${framework}.html`, `<!doctype html><title>${framework}</title><script type="module" src="/${framework}.js"></script>\n`);
  await esbuild.build({
    entryPoints: [path.join(app, 'consent-page.ts')],
    outfile: path.join(www, `${framework}.js`),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    plugins,
    logLevel: 'error',
  });
}

type AdapterWindow = Window & { intercomAdapter: { grantConsent(): void; revokeConsent(): void; login(): Promise<void> } };

const test = suite('--consent true: the Angular and Ember adapters in Chromium (pages bundled from the generated files, no framework build)');
const state = {} as { browser: Promise<Browser>; app: RunningServer };

test.before(async () => {
  state.browser = launchBrowser(); // Chromium starts while the code is generated and bundled
  const www = tempDir('consent-adapters-www');
  const angularApp = appInToolchain(angular(), 'angular-consent-page', 'frontend/angular');
  for (const file of ['angular.json', 'tsconfig.json']) fs.copyFileSync(path.join(angular(), file), path.join(angularApp, file));
  const emberApp = appInToolchain(emberToolchain, 'ember-consent-page');
  fs.cpSync(path.join(emberToolchain, 'ts'), emberApp, { recursive: true });
  await Promise.all([bundlePage('angular', angularApp, ANGULAR_PAGE, www), bundlePage('ember', emberApp, EMBER_PAGE, www, [emberSource])]);
  state.app = await startBackend(www);
});

test.after(async () => {
  await state.browser?.then((browser) => browser.close());
  await state.app?.stop();
});

const ADAPTERS = { angular: 'injectIntercom()', ember: "the intercom service's" } as const;

for (const framework of ['angular', 'ember'] as const) {
  test(`${framework}: nothing before ${ADAPTERS[framework]} grantConsent(), the signed-in boot after it; revokeConsent() shuts down and deletes the cookies, nothing after it`, async () => {
    const page = await openConsentPage(await state.browser);
    // Signed in before the page loads: the boot asked for at start would fetch alice's token.
    await page.page.context().request.get(`${state.app.url}/test/login/alice`);
    await page.page.goto(`${state.app.url}/${framework}`);
    await page.page.waitForFunction(() => 'intercomAdapter' in window);
    await sleep(300); // the start has asked for the boot: a token fetch or the widget script would have begun
    await assertNothingBeforeGrant(page);

    const adapter = (method: 'grantConsent' | 'revokeConsent' | 'login') => () =>
      page.page.evaluate((m) => (window as unknown as AdapterWindow).intercomAdapter[m](), method);
    await assertGrantBoots(page, adapter('grantConsent'), 1);
    await assertRevokeShutsDown(page, adapter('revokeConsent'), adapter('login'));
  });
}

test.run();
