// The React hosts, both built by Vite 8 from one shared toolchain (installed once):
//   react-ts: create-vite's react-ts shape with react-router-dom, type-checked by `tsc -b` (strict);
//   react-js: plain JSX without a router library, navigating with history.pushState.
// Each build copies the fixture into a fresh folder inside the toolchain, generates the Intercom
// code there, and builds it the way the host's `npm run build` does; the suite serves Vite's dist/.
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CORE_CHECKS, frontendContractSuite, generateFrontend, type Region } from '../helpers/frontend-contract.js';
import { appInToolchain, sh } from '../helpers/toolchains.js';
import { reactToolchain } from '../helpers/vite-toolchains.js';

const react = reactToolchain;

const bin = (name: string) => path.join(react(), 'node_modules/.bin', name);
const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

/** A fresh copy of the fixture (optionally edited first) with the Intercom code generated into it. */
function generated(fixture: 'react-ts' | 'react-js', region: Region, edit?: (dir: string) => void): string {
  const dir = appInToolchain(react(), fixture, `frontend/${fixture}`);
  edit?.(dir);
  generateFrontend(dir, 'react', region);
  return dir;
}

const typeCheck = (dir: string) => sh(bin('tsc'), ['-b'], dir);

function viteBuild(dir: string): string {
  sh(bin('vite'), ['build', '--logLevel', 'warn'], dir);
  return path.join(dir, 'dist');
}

if (process.argv[2] === '--install') console.log(react());
else {
  frontendContractSuite({
    framework: 'react (TypeScript, react-router-dom)',
    build: async (region) => {
      const dir = generated('react-ts', region);
      assert.match(read(dir, 'src/intercom/IntercomMessenger.tsx'), "import { useLocation } from 'react-router-dom';");
      assert.ok(fs.existsSync(path.join(dir, 'src/intercom/index.ts')));
      typeCheck(dir);
      return viteBuild(dir);
    },
  }).run();

  frontendContractSuite({
    framework: 'react (JavaScript, History API)',
    build: async (region) => {
      const dir = generated('react-js', region);
      assert.match(read(dir, 'src/intercom/IntercomMessenger.jsx'), 'watchHistory(trackRouteChange)');
      assert.ok(fs.existsSync(path.join(dir, 'src/intercom/index.js')));
      return viteBuild(dir);
    },
    // The region and --load change only the core, and this is the JavaScript core the vanilla
    // suite builds in every region: the TypeScript suite above builds React's.
    regions: [],
    coreChecksIn: CORE_CHECKS.js,
  }).run();

  const typescript = suite('intercom-frontend --framework react (TypeScript, no router library)');

  typescript('the History API flavour passes tsc -b with strict', () => {
    const dir = generated('react-ts', 'eu', (app) => {
      const manifest = path.join(app, 'package.json');
      const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      delete pkg.dependencies['react-router-dom'];
      fs.writeFileSync(manifest, JSON.stringify(pkg, null, 2));
    });
    const provider = read(dir, 'src/intercom/IntercomMessenger.tsx');
    assert.not.match(provider, 'useLocation');
    assert.match(provider, 'watchHistory(trackRouteChange)');
    typeCheck(dir);
  });

  typescript.run();
}
