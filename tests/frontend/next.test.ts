// Next.js 16, both routers: the host apps are built with `next build` as a static export
// (output: 'export'), which prerenders every page on the server first, so a generated
// component that touched `window` during rendering would fail the build. Turbopack builds
// in place: the app folder sits inside the toolchain (appInToolchain), whose real node_modules
// it resolves, so neither --webpack nor a copied node_modules is needed (next.config sets
// turbopack.root to that folder).
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CORE_CHECKS, frontendContractSuite, generateFrontend, WORKSPACE_ID, type Region } from '../helpers/frontend-contract.js';
import { runPlop } from '../helpers/plop.js';
import { nextToolchain } from '../helpers/next-toolchain.js';
import { appInToolchain, sh } from '../helpers/toolchains.js';
import { snapshotTree, tempDir, write } from '../helpers/workspace.js';

/** Copies the host app into the toolchain, generates into it, runs `next build`, and returns out/. */
function buildHost(fixture: 'next-app' | 'next-pages', region: Region, flags: Record<string, string> = {}): string {
  const toolchainDir = nextToolchain();
  const dir = appInToolchain(toolchainDir, `${fixture}-${region}`, `frontend/${fixture}`);
  generateFrontend(dir, 'next', region, flags);
  const started = Date.now();
  const output = sh(process.execPath, [path.join(toolchainDir, 'node_modules/next/dist/bin/next'), 'build'], dir);
  // The generated component must leave every page statically rendered (○), none dynamic (ƒ).
  assert.match(output, /○ \/\s/, output);
  assert.match(output, '(Static)', output);
  assert.not.match(output, /ƒ \//, output);
  console.log(`  next build (${fixture}, ${region}): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  fs.rmSync(path.join(dir, '.next'), { recursive: true, force: true }); // ~25 MB of build cache; out/ is all that is served
  return path.join(dir, 'out');
}

frontendContractSuite({
  framework: 'next (App Router)',
  build: async (region) => buildHost('next-app', region),
  queryLink: true,
  coreChecksIn: CORE_CHECKS.ts,
}).run();
// The region and --load change only the generated core, which the App Router suite builds in every
// region and load mode; a next build costs a minute.
frontendContractSuite({
  framework: 'next (Pages Router)',
  build: async (region) => buildHost('next-pages', region),
  regions: [],
  coreChecksIn: CORE_CHECKS.ts,
}).run();

const generator = suite('intercom-frontend --framework next: files and --router');
const files = (dir: string) => Object.keys(snapshotTree(dir)).sort();

generator('the App Router gets a client component and the core; the router defaults to the one the project has', () => {
  const app = tempDir('next-files-app', 'frontend/next-app');
  const result = generateFrontend(app, 'next', 'us');
  const component = fs.readFileSync(path.join(app, 'components/intercom-messenger.tsx'), 'utf8');
  assert.ok(component.startsWith("'use client';\n"), 'the directive comes first');
  assert.match(component, "from 'next/navigation'");
  assert.ok(fs.existsSync(path.join(app, 'lib/intercom.ts')));
  assert.match(result.stdout, 'Wired in: app/layout.tsx: imports IntercomMessenger and renders it');

  const pages = tempDir('next-files-pages', 'frontend/next-pages');
  generateFrontend(pages, 'next', 'us');
  const pagesComponent = fs.readFileSync(path.join(pages, 'components/intercom-messenger.tsx'), 'utf8');
  assert.not.match(pagesComponent, 'use client');
  assert.match(pagesComponent, "events.on('routeChangeComplete', trackRouteChange)");
});

generator('src/app projects get src/components and src/lib; JavaScript projects get .js without types', () => {
  const dir = tempDir('next-src-js');
  write(dir, 'package.json', JSON.stringify({ dependencies: { next: '16.4.6' } }));
  write(dir, 'src/app/layout.js', 'export default function RootLayout({ children }) {}\n');
  generateFrontend(dir, 'next', 'eu');
  assert.equal(files(dir), ['package.json', 'src/app/layout.js', 'src/components/intercom-messenger.js', 'src/lib/intercom.js']);
  const core = fs.readFileSync(path.join(dir, 'src/lib/intercom.js'), 'utf8');
  assert.not.match(core, /: (string|void|Promise)/);
  assert.match(core, WORKSPACE_ID);
});

for (const [fixture, router, has] of [
  ['next-app', 'pages', 'app/'],
  ['next-pages', 'app', 'pages/'],
] as const) {
  generator(`--router ${router} in a project with only ${has} is refused and nothing is written`, () => {
    const dir = tempDir(`next-bad-router-${router}`, `frontend/${fixture}`);
    const before = snapshotTree(dir);
    const result = runPlop('intercom-frontend', dir, { framework: 'next', workspaceId: WORKSPACE_ID, router });
    assert.is.not(result.code, 0, result.output);
    assert.match(result.output, `--router ${router}`);
    assert.match(result.output, `--router ${router === 'app' ? 'pages' : 'app'}`);
    assert.equal(snapshotTree(dir), before);
  });
}

generator.run();
