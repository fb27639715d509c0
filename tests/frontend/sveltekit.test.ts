// The SvelteKit host: the backend host app (tests/fixtures/backend/sveltekit, whose hooks.server.ts
// turns a session cookie into event.locals.user) with tests/fixtures/frontend/sveltekit laid over it
// (a root layout with the nav and the login buttons, not wired). One app holds both generated halves:
// it is type-checked by svelte-check, built by `vite build` with adapter-node and served by `node build`.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detectTargets } from '../../generators/detect.js';
import { Project } from '../../generators/project.js';
import { frontends } from '../../generators/registry.js';
import { SECRET } from '../helpers/backend-contract.js';
import { CORE_CHECKS, frontendContractSuite, generateFrontend, TOKEN_TTL, WORKSPACE_ID } from '../helpers/frontend-contract.js';
import { backendHost, startHost } from '../helpers/hosts.js';
import { runPlop } from '../helpers/plop.js';
import { freePort } from '../helpers/server.js';
import { buildOnce, svelteCheck, sveltekitApp } from '../helpers/sveltekit.js';
import { fixturesDir, read, snapshotTree, write } from '../helpers/workspace.js';

const LAYOUT = 'src/routes/+layout.svelte';

/** The backend host with the frontend overlay, in a fresh folder inside the toolchain. */
function hostApp(name: string): string {
  const dir = sveltekitApp(name, 'backend/sveltekit');
  fs.cpSync(path.join(fixturesDir, 'frontend/sveltekit'), dir, { recursive: true });
  return dir;
}

/** Whether the project's own Svelte compiler accepts the file. */
function compiles(dir: string, file: string): boolean {
  const { compile } = createRequire(path.join(dir, 'package.json'))('svelte/compiler') as { compile: (source: string, options: object) => unknown };
  try {
    compile(read(dir, file), { filename: file, generate: 'client' });
    return true;
  } catch {
    return false;
  }
}

// The au build also takes --csp true and kit.csp's nonce mode: SvelteKit sends a script-src of
// 'self' and a fresh nonce on every page, and puts that nonce on its own scripts.
const NONCE_REGION = 'au';
const NONCE_CONFIG = `import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess(),
  kit: { adapter: adapter(), csp: { mode: 'nonce', directives: { 'script-src': ['self'] } } },
};
`;

frontendContractSuite({
  framework: 'sveltekit',
  nonce: { region: NONCE_REGION },
  coreChecksIn: CORE_CHECKS.ts,
  queryLink: true,
  build: async (region) => {
    const dir = hostApp(`sveltekit-${region}`);
    const backend = runPlop('intercom-backend', dir, { framework: 'sveltekit', auth: 'locals', ttl: TOKEN_TTL });
    assert.is(backend.code, 0, backend.output);
    if (region === NONCE_REGION) write(dir, 'svelte.config.js', NONCE_CONFIG);
    const result = generateFrontend(dir, 'sveltekit', region, region === NONCE_REGION ? { csp: 'true' } : {});
    assert.ok(result.stdout.includes(`Wired in: ${LAYOUT}: imports IntercomMessenger`), result.stdout);
    // The generated TypeScript and Svelte pass the starter's `npm run check` (once: the regions differ in one string).
    if (region === 'us') svelteCheck(dir);
    buildOnce(dir);
    return dir;
  },
  serve: async (dir) => startHost(backendHost('sveltekit').start, dir, { INTERCOM_IDENTITY_SECRET: SECRET }, await freePort()),
}).run();

const variants = suite('intercom-frontend --framework sveltekit: other project shapes');

variants('a SvelteKit app wins detection over the other frameworks it depends on', () => {
  const dir = sveltekitApp('sveltekit-detect', 'backend/sveltekit');
  const pkg = JSON.parse(read(dir, 'package.json'));
  write(dir, 'package.json', JSON.stringify({ ...pkg, dependencies: { react: '^19.0.0', vue: '^3.5.0' } }));
  assert.equal(detectTargets(frontends, new Project(dir)), ['sveltekit']);
});

variants('the fixture layout is wired by syntax tree: import after the imports, <IntercomMessenger /> before the markup; a second run changes nothing', () => {
  const dir = hostApp('sveltekit-wire');
  generateFrontend(dir, 'sveltekit', 'us');
  const layout = read(dir, LAYOUT);
  assert.match(
    layout,
    "\timport Controls from '$lib/Controls.svelte';\n\timport IntercomMessenger from '$lib/IntercomMessenger.svelte';\n\n\tlet { children }",
  );
  assert.match(layout, '</script>\n\n<IntercomMessenger />\n<nav>');
  assert.ok(compiles(dir, LAYOUT));
  const before = snapshotTree(dir);
  const again = runPlop('intercom-frontend', dir, { framework: 'sveltekit', workspaceId: WORKSPACE_ID });
  assert.is(again.code, 0, again.output);
  assert.match(again.stdout, `Wired in: ${LAYOUT} already renders <IntercomMessenger />`);
  assert.equal(snapshotTree(dir), before);
});

variants('without a root layout, one is created that renders the Messenger and the page, and it type-checks', () => {
  const dir = hostApp('sveltekit-no-layout');
  fs.rmSync(path.join(dir, LAYOUT));
  fs.rmSync(path.join(dir, 'src/lib/Controls.svelte'));
  const result = generateFrontend(dir, 'sveltekit', 'us');
  assert.match(result.stdout, `Wired in: ${LAYOUT} was created`);
  assert.is(
    read(dir, LAYOUT),
    '<script lang="ts">\n\timport IntercomMessenger from \'$lib/IntercomMessenger.svelte\';\n\n\tlet { children } = $props();\n</script>\n\n<IntercomMessenger />\n\n{@render children()}\n',
  );
  svelteCheck(dir);
});

variants('a layout without an instance script gets one (after the module script); a JavaScript app gets .js and no lang="ts"', () => {
  const dir = hostApp('sveltekit-js');
  fs.rmSync(path.join(dir, 'tsconfig.json'));
  write(dir, LAYOUT, '<script module>\n  export const prerender = false;\n</script>\n\n<main>\n  <slot />\n</main>\n');
  const result = generateFrontend(dir, 'sveltekit', 'us');
  assert.ok(fs.existsSync(path.join(dir, 'src/lib/intercom.js')), result.output);
  assert.is(
    read(dir, LAYOUT),
    "<script module>\n  export const prerender = false;\n</script>\n\n<script>\n  import IntercomMessenger from '$lib/IntercomMessenger.svelte';\n</script>\n\n<IntercomMessenger />\n<main>\n  <slot />\n</main>\n",
  );
  assert.not.match(read(dir, 'src/lib/IntercomMessenger.svelte'), 'lang="ts"');
  assert.ok(compiles(dir, LAYOUT));
});

variants('a layout that does not parse is left alone and the snippet is printed', () => {
  const dir = hostApp('sveltekit-broken');
  write(dir, LAYOUT, '<script lang="ts">\n\tlet { children } = $props();\n</script>\n\n{#if true}\n{@render children()}\n');
  const result = generateFrontend(dir, 'sveltekit', 'us');
  assert.match(result.stdout, 'No safe place to wire it in was found');
  assert.match(result.stdout, "import IntercomMessenger from '$lib/IntercomMessenger.svelte';");
  assert.is(read(dir, LAYOUT), '<script lang="ts">\n\tlet { children } = $props();\n</script>\n\n{#if true}\n{@render children()}\n');
});

variants.run();
