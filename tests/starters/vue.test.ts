// Vue starters, wired by the generator itself (no --wire false, no manual step):
//   vue-ts: create-vue's TypeScript + vue-router + ESLint shape (const app = createApp(App); app.use(router);
//           app.mount('#app')), built the way its `npm run build` does (vue-tsc -b, then vite build),
//           and linted the way its `npm run lint` does (oxlint, then eslint);
//   vue-js: create-vite's vue template (createApp(App).mount('#app')) without a router, navigating
//           with history.pushState.
// Both pass the browser contract; then a rerun, an edited generated file and a dry run are checked on
// fresh copies, and entries without a safe anchor are left byte-identical with the snippet printed.
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Project } from '../../generators/project.js';
import { vue as vueTarget } from '../../generators/targets/frontend/vue.js';
import { CORE_CHECKS, frontendContractSuite, generateFrontend, regionFlags, WORKSPACE_ID, type Region } from '../helpers/frontend-contract.js';
import { filesWrittenBy, sourceFiles } from '../helpers/host-checks.js';
import { assertDryRunWritesNothing, assertRerunIsSafe } from '../helpers/idempotence.js';
import { runPlop } from '../helpers/plop.js';
import { appInToolchain, sh } from '../helpers/toolchains.js';
import { vueToolchain } from '../helpers/vite-toolchains.js';
import { fixturesDir, read, write } from '../helpers/workspace.js';

const bin = (name: string) => path.join(vueToolchain(), 'node_modules/.bin', name);

type Starter = 'vue-ts' | 'vue-js';

/** The entry each starter has after the generator wired it: the file's own style, nothing else touched. */
const WIRED: Record<Starter, { entry: string; content: string; plugin: string }> = {
  'vue-ts': {
    entry: 'src/main.ts',
    plugin: 'src/plugins/intercom.ts',
    content: `import './assets/main.css'

import { createApp } from 'vue'
import App from './App.vue'
import router from './router'
import { intercom } from './plugins/intercom'

const app = createApp(App)

app.use(router)
app.use(intercom, { router })

app.mount('#app')
`,
  },
  'vue-js': {
    entry: 'src/main.js',
    plugin: 'src/plugins/intercom.js',
    content: `import { createApp } from 'vue'
import './style.css'
import App from './App.vue'
import { intercom } from './plugins/intercom'

createApp(App).use(intercom).mount('#app')
`,
  },
};

const flags = (region: Region = 'us') => ({ framework: 'vue', workspaceId: WORKSPACE_ID, ...regionFlags(region) });
const copy = (starter: Starter, edit?: (dir: string) => void) => {
  const dir = appInToolchain(vueToolchain(), `starter-${starter}`, `starters/${starter}`);
  edit?.(dir);
  return dir;
};

/** A fresh copy of the starter, generated into with wiring on (the default), checked to be wired. */
function wired(starter: Starter, region: Region): string {
  const dir = copy(starter);
  const { entry, content } = WIRED[starter];
  const result = generateFrontend(dir, 'vue', region);
  assert.match(result.output, `Wired in: ${entry}`);
  assert.is(read(dir, entry), content);
  return dir;
}

/** The starter's own `npm run build`, with the shared toolchain's binaries. */
function build(dir: string, typeCheck: boolean): string {
  if (typeCheck) sh(bin('vue-tsc'), ['-b'], dir);
  sh(bin('vite'), ['build', '--logLevel', 'warn'], dir);
  return path.join(dir, 'dist');
}

// The region only changes the generated core (tests/frontend/vue.test.ts builds every region);
// one other region here proves the wired starter carries it through.
frontendContractSuite({
  framework: 'vue starter (create-vue TypeScript + vue-router), wired by the generator',
  build: async (region) => build(wired('vue-ts', region), true),
  regions: ['au'],
  coreChecksIn: CORE_CHECKS.ts,
}).run();

frontendContractSuite({
  framework: 'vue starter (create-vite vue, JavaScript, History API), wired by the generator',
  build: async (region) => build(wired('vue-js', region), false),
  regions: ['eu'],
  coreChecksIn: CORE_CHECKS.js,
}).run();

const safety = suite('intercom-frontend --framework vue on the starters: detection, rerun, dry run, no anchor');

safety('both starters are detected as Vue', () => {
  for (const starter of ['vue-ts', 'vue-js'] as const) assert.ok(vueTarget.detect!(new Project(path.join(fixturesDir, 'starters', starter))), starter);
  assert.not.ok(vueTarget.detect!(new Project(path.join(fixturesDir, 'starters/react-ts'))));
});

safety("vue-ts: the starter's own lint (create-vue's oxlint and eslint) passes on the generated files and the wired entry, warnings included", () => {
  const dir = copy('vue-ts');
  const { files } = filesWrittenBy(dir, () => generateFrontend(dir, 'vue', 'us'));
  const sources = sourceFiles(files, /\.(ts|vue)$/);
  assert.ok(sources.includes(WIRED['vue-ts'].entry) && sources.includes(WIRED['vue-ts'].plugin), files.join(', '));
  // Without the scripts' --fix, which would rewrite what it should report.
  sh(bin('oxlint'), ['--deny-warnings', ...sources], dir);
  sh(bin('eslint'), ['--max-warnings=0', ...sources], dir);
});

for (const starter of ['vue-ts', 'vue-js'] as const) {
  safety(`${starter}: a second run changes nothing; an edited generated file survives and the conflict is reported`, () => {
    const dir = wired(starter, 'us');
    assertRerunIsSafe('intercom-frontend', dir, flags(), WIRED[starter].plugin);
    assert.is(read(dir, WIRED[starter].entry), WIRED[starter].content, 'the entry is still wired once');
  });

  safety(`${starter}: a dry run prints the entry's diff and writes nothing`, () => {
    const dir = copy(starter);
    const dry = assertDryRunWritesNothing('intercom-frontend', dir, flags());
    assert.match(dry.stdout, `+++ b/${WIRED[starter].entry}`);
    assert.match(dry.stdout, /^\+(app\.use\(intercom, \{ router \}\)|createApp\(App\)\.use\(intercom\)\.mount\('#app'\))$/m);
    assert.match(dry.stdout, `+++ b/${WIRED[starter].plugin}`);
  });
}

const noAnchor: Record<string, Record<string, string>> = {
  // create-vuetify's shape: the router is installed by registerPlugins, out of main.ts's sight.
  'the router installed in another file (registerPlugins(app))': {
    'src/main.ts': `import { registerPlugins } from '@/plugins'
import App from './App.vue'
import { createApp } from 'vue'

const app = createApp(App)

registerPlugins(app)

app.mount('#app')
`,
    'src/plugins/index.ts': `import type { App } from 'vue'
import router from '../router'

export function registerPlugins(app: App) {
  app.use(router)
}
`,
  },
  'createApp(...) passed through a helper (no createApp statement or chain to anchor on)': {
    'src/main.ts': `import { createApp } from 'vue'
import App from './App.vue'
import router from './router'
import { withErrorReporting } from './errors'

withErrorReporting(createApp(App).use(router)).mount('#app')
`,
    'src/errors.ts': `import type { App } from 'vue'

export function withErrorReporting(app: App): App {
  app.config.errorHandler = (error) => console.error(error)
  return app
}
`,
  },
};

for (const [shape, files] of Object.entries(noAnchor)) {
  safety(`no safe anchor, ${shape}: main.ts is left byte-identical and the snippet is printed`, () => {
    const dir = copy('vue-ts', (app) => Object.entries(files).forEach(([file, content]) => write(app, file, content)));
    const before = fs.readFileSync(path.join(dir, 'src/main.ts'));
    const result = runPlop('intercom-frontend', dir, flags());
    assert.is(result.code, 0, result.output);
    assert.equal(fs.readFileSync(path.join(dir, 'src/main.ts')), before);
    assert.match(result.output, 'No safe place to wire it in was found, so no app file was changed. Add this (Vue 3):');
    assert.match(result.output, "In src/main.ts: import { intercom } from './plugins/intercom';");
    assert.match(result.output, 'app.use(router) then app.use(intercom, { router })');
    assert.ok(fs.existsSync(path.join(dir, 'src/plugins/intercom.ts')), 'the plugin is still generated');
    const again = runPlop('intercom-frontend', dir, flags());
    assert.is(again.code, 0, again.output);
    assert.equal(fs.readFileSync(path.join(dir, 'src/main.ts')), before);
  });
}

safety.run();
