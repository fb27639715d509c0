// create-vite's React starters, wired by the generator itself (no --wire false, no manual step):
//   react-ts: the react-ts template plus react-router-dom (<BrowserRouter> around <App /> in main.tsx),
//             built the way its `npm run build` does (tsc -b, then vite build);
//   react-js: the react template in JSX without a router library, navigating with history.pushState.
// Both pass the browser contract; then a rerun, an edited generated file and a dry run are checked on
// fresh copies, and entries without a safe anchor (a data router with several top-level routes, no
// router around App anywhere) are left alone, and the starter's own `npm run lint` (oxlint) passes
// on every file the generator wrote. Other entry shapes are in tests/wiring/react.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Project } from '../../generators/project.js';
import { detectTargets } from '../../generators/detect.js';
import { frontends } from '../../generators/registry.js';
import { CORE_CHECKS, frontendContractSuite, generateFrontend, regionFlags, WORKSPACE_ID, type Region } from '../helpers/frontend-contract.js';
import { filesWrittenBy, sourceFiles } from '../helpers/host-checks.js';
import { assertDryRunWritesNothing, assertRerunIsSafe } from '../helpers/idempotence.js';
import { runPlop } from '../helpers/plop.js';
import { appInToolchain, sh } from '../helpers/toolchains.js';
import { reactToolchain } from '../helpers/vite-toolchains.js';
import { fixturesDir, read, write } from '../helpers/workspace.js';

const react = reactToolchain;

const bin = (name: string) => path.join(react(), 'node_modules/.bin', name);

type Starter = 'react-ts' | 'react-js';

/** The entry each starter has after the generator wired it: the file's own style, nothing else touched. */
const WIRED: Record<Starter, { entry: string; content: string; provider: string }> = {
  'react-ts': {
    entry: 'src/main.tsx',
    provider: 'src/intercom/IntercomMessenger.tsx',
    content: `import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router-dom'
import './index.css'
import App from './App.tsx'
import { IntercomMessenger } from './intercom/IntercomMessenger'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <IntercomMessenger>
        <App />
      </IntercomMessenger>
    </BrowserRouter>
  </StrictMode>,
)
`,
  },
  'react-js': {
    entry: 'src/main.jsx',
    provider: 'src/intercom/IntercomMessenger.jsx',
    content: `import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './index.css'
import App from './App.jsx'
import { IntercomMessenger } from './intercom/IntercomMessenger'

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <IntercomMessenger>
      <App />
    </IntercomMessenger>
  </StrictMode>,
)
`,
  },
};

const flags = (region: Region = 'us') => ({ framework: 'react', workspaceId: WORKSPACE_ID, ...regionFlags(region) });
const copy = (starter: Starter, edit?: (dir: string) => void) => {
  const dir = appInToolchain(react(), `starter-${starter}`, `starters/${starter}`);
  edit?.(dir);
  return dir;
};

/** A fresh copy of the starter, generated into with wiring on (the default), checked to be wired. */
function wired(starter: Starter, region: Region): string {
  const dir = copy(starter);
  const { entry, content } = WIRED[starter];
  const result = generateFrontend(dir, 'react', region);
  assert.match(result.output, `Wired in: ${entry}`);
  assert.is(read(dir, entry), content);
  return dir;
}

/** The starter's own `npm run build`, with the shared toolchain's binaries. */
function build(dir: string, typeCheck: boolean): string {
  if (typeCheck) sh(bin('tsc'), ['-b'], dir);
  sh(bin('vite'), ['build', '--logLevel', 'warn'], dir);
  return path.join(dir, 'dist');
}

if (process.argv[2] === '--install') console.log(react());
else {
  // The region only changes the generated core (tests/frontend/react.test.ts builds every region);
  // one other region here proves the wired starter carries it through.
  frontendContractSuite({
    framework: 'react starter (create-vite react-ts + react-router-dom), wired by the generator',
    build: async (region) => build(wired('react-ts', region), true),
    regions: ['au'],
    coreChecksIn: CORE_CHECKS.ts,
  }).run();

  frontendContractSuite({
    framework: 'react starter (create-vite react, JavaScript, History API), wired by the generator',
    build: async (region) => build(wired('react-js', region), false),
    regions: ['eu'],
    coreChecksIn: CORE_CHECKS.js,
  }).run();

  const safety = suite('intercom-frontend --framework react on the create-vite starters: detection, rerun, dry run, no anchor');

  safety('both starters are detected as React, and a Next app is not', () => {
    for (const starter of ['react-ts', 'react-js'] as const)
      assert.equal(detectTargets(frontends, new Project(path.join(fixturesDir, 'starters', starter))), ['react'], starter);
    const next = copy('react-js', (dir) => write(dir, 'package.json', JSON.stringify({ dependencies: { next: '^16.0.0', react: '^19.0.0' } })));
    // Next declares that it wins over React (before: ['react']): the registry's detection, not react.detect alone.
    assert.equal(detectTargets(frontends, new Project(next)), ['next']);
  });

  for (const starter of ['react-ts', 'react-js'] as const) {
    safety(`${starter}: a second run changes nothing; an edited generated file survives and the conflict is reported`, () => {
      const dir = wired(starter, 'us');
      assertRerunIsSafe('intercom-frontend', dir, flags(), WIRED[starter].provider);
      assert.is(read(dir, WIRED[starter].entry), WIRED[starter].content, 'the entry is still wired once');
    });

    safety(`${starter}: the starter's own lint (oxlint, .oxlintrc.json) passes on the generated files and the wired entry, warnings included`, () => {
      const dir = copy(starter);
      const { files } = filesWrittenBy(dir, () => generateFrontend(dir, 'react', 'us'));
      const sources = sourceFiles(files, /\.[jt]sx?$/);
      assert.ok(sources.includes(WIRED[starter].entry) && sources.includes(WIRED[starter].provider), files.join(', '));
      sh(bin('oxlint'), ['--deny-warnings', ...sources], dir);
    });

    safety(`${starter}: a dry run prints the entry's diff and writes nothing`, () => {
      const dir = copy(starter);
      const dry = assertDryRunWritesNothing('intercom-frontend', dir, flags());
      assert.match(dry.stdout, `+++ b/${WIRED[starter].entry}`);
      assert.match(dry.stdout, /^\+\s+<IntercomMessenger>$/m);
      assert.match(dry.stdout, `+++ b/${WIRED[starter].provider}`);
    });
  }

  const noAnchor: Record<string, { files: Record<string, string>; snippet: RegExp }> = {
    'a data router (createBrowserRouter + RouterProvider) with several top-level routes in main.tsx': {
      files: {
        'src/main.tsx': `import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createBrowserRouter, RouterProvider } from 'react-router-dom'
import './index.css'
import App from './App.tsx'
import Login from './Login.tsx'

const router = createBrowserRouter([
  { path: '/login', element: <Login /> },
  { path: '*', element: <App /> },
])

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
)
`,
      },
      snippet:
        /In src\/main\.tsx, where createBrowserRouter lists the routes: import \{ IntercomMessenger \} from '\.\/intercom\/IntercomMessenger'; then wrap the root route's element in it, e\.g\. \{ path: '\/', element: <IntercomMessenger><Root \/><\/IntercomMessenger>/,
    },
    'the router inside App (main.tsx renders a bare <App />)': {
      files: {
        'src/main.tsx': `import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './index.css'
import App from './App.tsx'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
`,
      },
      snippet:
        /render it inside the router, around everything else: <BrowserRouter><IntercomMessenger>\.\.\.<\/IntercomMessenger><\/BrowserRouter>; with createBrowserRouter, in the root route's element instead/,
    },
  };

  for (const [shape, { files, snippet }] of Object.entries(noAnchor)) {
    safety(`no safe anchor, ${shape}: main.tsx is left byte-identical and the snippet is printed`, () => {
      const dir = copy('react-ts', (app) => Object.entries(files).forEach(([file, content]) => write(app, file, content)));
      const before = fs.readFileSync(path.join(dir, 'src/main.tsx'));
      const result = runPlop('intercom-frontend', dir, flags());
      assert.is(result.code, 0, result.output);
      assert.equal(fs.readFileSync(path.join(dir, 'src/main.tsx')), before);
      assert.match(result.output, 'No safe place to wire it in was found, so no app file was changed. Add this (React):');
      assert.match(result.output, snippet);
      assert.match(result.output, "import { intercom } from './intercom'");
      assert.ok(fs.existsSync(path.join(dir, 'src/intercom/IntercomMessenger.tsx')), 'the files are still generated');
      const again = runPlop('intercom-frontend', dir, flags());
      assert.is(again.code, 0, again.output);
      assert.equal(fs.readFileSync(path.join(dir, 'src/main.tsx')), before);
    });
  }

  safety.run();
}
