// The SvelteKit toolchain that the backend and frontend SvelteKit tests share (one install):
// SvelteKit 2 (what @auth/sveltekit supports), Svelte 5, Vite 8, adapter-node, svelte-check.
import fs from 'node:fs';
import path from 'node:path';
import { appInToolchain, sh, toolchain } from './toolchains.js';

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

/** A fresh copy of the fixture inside the toolchain (so it resolves the toolchain's node_modules). */
export const sveltekitApp = (name: string, fixture: string) => appInToolchain(sveltekitToolchain(), name, fixture);

/** `svelte-kit sync` then svelte-check (the starter's `npm run check`): the generated TypeScript must type-check. */
export function svelteCheck(dir: string): void {
  sh(bin('svelte-kit'), ['sync'], dir);
  sh(bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--fail-on-warnings'], dir);
}

/** `vite build` with adapter-node, once per app folder; `node build` then serves it. */
export function buildOnce(dir: string): void {
  if (fs.existsSync(path.join(dir, 'build/index.js'))) return;
  sh(bin('vite'), ['build', '--logLevel', 'warn'], dir);
}
