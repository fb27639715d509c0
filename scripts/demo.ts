// `npm run demo`: copies the example app, installs the Intercom Messenger into it with the
// combined generator (both halves planned together, written all or nothing, no prompt), and
// starts it. Workspace ID: $INTERCOM_WORKSPACE_ID, else an obviously fake one, said on screen.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const plopBin = path.join(repoRoot, 'node_modules/plop/bin/plop.js');

/** Not a real workspace: without INTERCOM_WORKSPACE_ID the demo still runs end to end, offline. */
export const DEMO_WORKSPACE_ID = 'demo0fake';
const workspaceId = process.env.INTERCOM_WORKSPACE_ID || DEMO_WORKSPACE_ID;

// Inside the repo, so the app resolves express and jsonwebtoken from its node_modules.
fs.mkdirSync(path.join(repoRoot, '.tmp'), { recursive: true });
const appDir = fs.mkdtempSync(path.join(repoRoot, '.tmp/demo-'));
fs.cpSync(path.join(repoRoot, 'scripts/example-app'), appDir, { recursive: true });

// A throwaway secret for the demo only; a real app uses the one from Intercom's Messenger Security page.
const secret = crypto.randomBytes(32).toString('hex');
const flags = ['--backend', 'express', '--frontend', 'vanilla', '--htmlFile', 'public/index.html', '--workspaceId', workspaceId, '--secret', secret];
const generated = spawnSync(
  process.execPath,
  ['--import', 'tsx', plopBin, '--plopfile', path.join(repoRoot, 'plopfile.ts'), 'intercom', '--dest', appDir, '--', ...flags],
  // stdin is not a terminal: nothing is ever asked, a problem fails the run before anything is written.
  { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] },
);
if (generated.status !== 0) {
  fs.rmSync(appDir, { recursive: true, force: true });
  console.error('npm run demo: the generator refused (above); nothing was written.');
  process.exit(generated.status ?? 1);
}

const port = process.env.PORT ?? '3000';
const app = spawn(process.execPath, ['--env-file=.env', 'app.js'], {
  cwd: appDir,
  env: { ...process.env, PORT: port, NODE_OPTIONS: '' },
  stdio: 'inherit',
});
app.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.kill(signal));

const fake = workspaceId === DEMO_WORKSPACE_ID;
console.log(`
Demo app in ${appDir}
Open http://127.0.0.1:${port}  (Ctrl-C stops it)
  - Workspace ID: ${workspaceId}${fake ? ' (a made-up demo ID: set INTERCOM_WORKSPACE_ID=<yours> to load your real Messenger)' : ''}
  - "Log in as Alice" (user_id 42) or "Log in as Bob" (user_id 7): the Messenger boots with a signed JWT.
  - "Log out": the Messenger shuts down, then boots again as an anonymous visitor.
  - The JWT endpoint: http://127.0.0.1:${port}/api/intercom-jwt (401 until you log in).
The page lists every call the Messenger received (boot, update, shutdown), the claims of the token in
use and when its refresh is due, so the demo shows what happens even offline, where the widget cannot load.
`);
