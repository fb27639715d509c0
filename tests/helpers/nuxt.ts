// The Nuxt toolchain that the backend and frontend Nuxt tests share (one install): Nuxt 4.3 (the
// last Nuxt whose engines allow Node 20; 4.4 and later need Node 22), nuxt-auth-utils (whose
// sealed session cookie the host logs in with), jose, and vue-tsc for `nuxt typecheck`.
import fs from 'node:fs';
import path from 'node:path';
import { sh, toolchain } from './toolchains.js';
import { fixturesDir, tempDir } from './workspace.js';

export const nuxtToolchain = () =>
  toolchain({
    name: 'nuxt',
    packageJson: {
      name: 'nuxt-toolchain',
      private: true,
      type: 'module',
      dependencies: {
        jose: '6.2.19',
        nuxt: '4.3.1',
        'nuxt-auth-utils': '0.5.30',
        vue: '^3.5.27',
        'vue-router': '^4.6.4',
      },
      devDependencies: {
        typescript: '~5.9.3',
        'vue-tsc': '^3.1.0',
      },
    },
  });

const nuxtCli = () => path.join(nuxtToolchain(), 'node_modules/.bin/nuxt');

/** A fresh copy of the fixture (and the overlays laid over it), resolving the shared toolchain's packages through a node_modules link. */
export function nuxtApp(name: string, fixture: string, ...overlays: string[]): string {
  const dir = tempDir(name, fixture);
  for (const overlay of overlays) fs.cpSync(path.join(fixturesDir, overlay), dir, { recursive: true });
  fs.symlinkSync(path.join(nuxtToolchain(), 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** `nuxt typecheck` (vue-tsc over the app and server tsconfigs Nuxt generates): the generated TypeScript must type-check. */
export const nuxtTypecheck = (dir: string) => sh(nuxtCli(), ['typecheck'], dir);

/** `nuxt build` (the node-server preset), once per app folder; `node .output/server/index.mjs` then serves it. */
export function buildOnce(dir: string): void {
  if (fs.existsSync(path.join(dir, '.output/server/index.mjs'))) return;
  sh(nuxtCli(), ['build'], dir, { NUXT_TELEMETRY_DISABLED: '1' });
}
