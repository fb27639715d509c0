// The SvelteKit toolchain that the backend and frontend SvelteKit tests share (one install):
// SvelteKit 2 (what @auth/sveltekit supports), Svelte 5, Vite 8, adapter-node, svelte-check.
import fs from 'node:fs';
import path from 'node:path';
import type { BackendHost } from './backend-contract.js';
import { backendHost, startHost } from './hosts.js';
import { sh, toolchain } from './toolchains.js';
import { tempDir } from './workspace.js';

export const sveltekitToolchain = () =>
  toolchain({
    name: 'sveltekit',
    packageJson: {
      name: 'sveltekit-toolchain',
      private: true,
      type: 'module',
      dependencies: { '@auth/sveltekit': '^1.11.3', jose: '^6.2.19' },
      devDependencies: {
        '@sveltejs/adapter-node': '^5.5.7',
        '@sveltejs/kit': '~2.70.4',
        '@sveltejs/vite-plugin-svelte': '^7.3.2',
        svelte: '^5.59.1',
        'svelte-check': '^4.7.8',
        typescript: '~5.9.3',
        vite: '^8.3.8',
      },
    },
  });

const bin = (name: string) => path.join(sveltekitToolchain(), 'node_modules/.bin', name);

/** The app resolves the shared toolchain's packages through a node_modules link, as an installed app resolves its own. */
export const linkToolchain = (dir: string) => fs.symlinkSync(path.join(sveltekitToolchain(), 'node_modules'), path.join(dir, 'node_modules'), 'dir');

/** A fresh copy of the fixture, linked to the toolchain. */
export function sveltekitApp(name: string, fixture: string): string {
  const dir = tempDir(name, fixture);
  linkToolchain(dir);
  return dir;
}

/** `svelte-kit sync` then svelte-check (the starter's `npm run check`): the generated TypeScript must type-check. */
export function svelteCheck(dir: string): void {
  sh(bin('svelte-kit'), ['sync'], dir);
  sh(bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--fail-on-warnings'], dir);
}

/**
 * `vite build` with adapter-node, once per app folder; `node build` then serves it. First
 * `svelte-kit sync`, as the starter's `prepare` script does on install: Vite reads the
 * generated .svelte-kit/tsconfig.json that the app's tsconfig extends.
 */
export function buildOnce(dir: string): void {
  if (fs.existsSync(path.join(dir, 'build/index.js'))) return;
  sh(bin('svelte-kit'), ['sync'], dir);
  sh(bin('vite'), ['build', '--logLevel', 'warn'], dir);
}

/**
 * A SvelteKit app as the backend contract runs it: linked to the toolchain and type-checked once
 * generated, then built and served by `node build` as the host descriptor says.
 */
export const sveltekitBackendHost = (auth: string, fixture?: string): BackendHost => ({
  framework: 'sveltekit',
  // Left out rather than undefined: the descriptor's fixture is the default.
  ...(fixture && { fixture }),
  flags: { auth },
  wiredFile: null,
  generatedFile: (variant) => `src/routes${variant.route}/+server.ts`,
  prepare: (dir) => {
    linkToolchain(dir);
    svelteCheck(dir);
  },
  start: (dir, env, port) => {
    buildOnce(dir);
    return startHost(backendHost('sveltekit').start, dir, env, port);
  },
});
