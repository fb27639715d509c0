// The Vue 3 host (tests/fixtures/frontend/vue, shaped like create-vite's vue-ts template) with
// the generated plugin installed after vue-router, type-checked by vue-tsc and built by Vite.
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CORE_CHECKS, frontendContractSuite, generateFrontend } from '../helpers/frontend-contract.js';
import { appInToolchain, sh } from '../helpers/toolchains.js';
import { vueToolchain } from '../helpers/vite-toolchains.js';
import { read, write } from '../helpers/workspace.js';

const bin = (name: string) => path.join(vueToolchain(), 'node_modules/.bin', name);
const viteBuild = (dir: string) => sh(bin('vite'), ['build', '--logLevel', 'warn'], dir);

frontendContractSuite({
  framework: 'vue',
  coreChecksIn: CORE_CHECKS.ts,
  build: async (region) => {
    const dir = appInToolchain(vueToolchain(), `vue-${region}`, 'frontend/vue');
    generateFrontend(dir, 'vue', region);
    // The app's own build script: `vue-tsc -b && vite build`.
    sh(bin('vue-tsc'), ['-b'], dir);
    viteBuild(dir);
    return path.join(dir, 'dist');
  },
}).run();

const variants = suite('intercom-frontend --framework vue: other project shapes');

variants('--insecure type-checks with vue-tsc in the TypeScript host', () => {
  const dir = appInToolchain(vueToolchain(), 'vue-insecure', 'frontend/vue');
  const result = generateFrontend(dir, 'vue', 'us', { insecure: 'true' });
  assert.ok(fs.existsSync(path.join(dir, 'src/plugins/intercom.ts')), result.output);
  sh(bin('vue-tsc'), ['-b'], dir);
});

variants('a JavaScript app without vue-router gets .js files that follow the History API, and builds', () => {
  const dir = appInToolchain(vueToolchain(), 'vue-js');
  write(dir, 'package.json', JSON.stringify({ name: 'vue-js', private: true, type: 'module', dependencies: { vue: '^3.5.0' } }));
  write(dir, 'index.html', '<!doctype html>\n<div id="app"></div>\n<script type="module" src="/src/main.js"></script>\n');
  write(dir, 'vite.config.js', "import vue from '@vitejs/plugin-vue';\nexport default { plugins: [vue()] };\n");
  write(dir, 'src/App.vue', '<template><h1 id="page">home</h1></template>\n');
  write(dir, 'src/main.js', "import { createApp } from 'vue';\nimport App from './App.vue';\n\ncreateApp(App).mount('#app');\n");
  const result = generateFrontend(dir, 'vue', 'us');
  // Starts unwired: the generator itself installs the plugin in the createApp chain.
  const main = read(dir, 'src/main.js');
  assert.match(main, /^import \{ intercom \} from '\.\/plugins\/intercom(\.js)?';$/m, result.output);
  assert.match(main, /createApp\(App\)\s*\.use\(intercom\)\s*\.mount\('#app'\)/, main);
  assert.ok(fs.existsSync(path.join(dir, 'src/intercom/messenger.js')));
  const plugin = read(dir, 'src/plugins/intercom.js');
  assert.match(plugin, 'watchHistory(trackRouteChange)');
  assert.not.match(plugin, /vue-router|: Plugin/);
  viteBuild(dir);
  assert.ok(fs.existsSync(path.join(dir, 'dist/index.html')));
});

variants.run();
