// The one Next.js toolchain every Next test shares (frontend, starters, backend): installed once
// into $TOOLCHAINS_DIR. The backend's auth libraries are in it too, so adding an adapter's test
// reinstalls it once instead of creating a toolchain per adapter.
import fs from 'node:fs';
import path from 'node:path';
import * as assert from 'uvu/assert';
import { appInToolchain, sh, toolchain } from './toolchains.js';

export const nextToolchain = () =>
  toolchain({
    name: 'next',
    packageJson: {
      name: 'next-toolchain',
      private: true,
      dependencies: {
        '@clerk/nextjs': '7.9.17',
        '@supabase/ssr': '0.12.7',
        '@supabase/supabase-js': '2.119.2',
        'better-auth': '1.7.29',
        'iron-session': '8.0.4',
        jsonwebtoken: '9.0.2',
        next: '16.4.6',
        // Auth.js v5 is next-auth@5; v4 sits beside it under an alias (tests/backend/next.test.ts copies it in as next-auth).
        'next-auth': '5.0.0-beta.32',
        'next-auth-v4': 'npm:next-auth@4.24.15',
        react: '19.3.1',
        'react-dom': '19.3.1',
      },
      devDependencies: {
        '@types/jsonwebtoken': '^9.0.6',
        '@types/node': '^20.19.0',
        '@types/react': '^19.3.0',
        '@types/react-dom': '^19.3.0',
        // create-next-app's linter, which tests/starters/next.test.ts runs on the generated files.
        eslint: '^9',
        'eslint-config-next': '16.4.6',
        typescript: '^5.9.3',
      },
    },
  });

/** A copy of the fixture inside the shared Next toolchain, whose node_modules it resolves. */
export const copyNextFixture = (fixture: string) => appInToolchain(nextToolchain(), path.basename(fixture), fixture);

/** `next build` of a backend host; its token route must be rendered per request, never prerendered. */
export function nextBuild(dir: string): void {
  const started = Date.now();
  const output = sh(process.execPath, [path.join(nextToolchain(), 'node_modules/next/dist/bin/next'), 'build'], dir);
  assert.match(output, /ƒ \/api\/intercom-jwt/, output);
  console.log(`  next build (${path.basename(dir)}): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  fs.rmSync(path.join(dir, '.next/cache'), { recursive: true, force: true });
}
