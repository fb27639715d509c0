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

const exampleApp = path.join(repoRoot, 'scripts/example-app');
const port = process.env.PORT ?? '3000';
// A throwaway secret for the demo only; a real app uses the one from Intercom's Messenger Security page.
const secret = crypto.randomBytes(32).toString('hex');
// The example app's own session sets req.user, as Passport does: the endpoint reads it there.
const flags = [
  '--backend',
  'express',
  '--auth',
  'passport',
  '--frontend',
  'vanilla',
  '--htmlFile',
  'public/index.html',
  '--workspaceId',
  workspaceId,
  '--secret',
  secret,
];

/** The combined generator, as a user runs it; stdin is not a terminal, so nothing is ever asked. */
const generate = (dest: string, extra: string[], stdio: 'pipe' | 'inherit') =>
  spawnSync(
    process.execPath,
    ['--import', 'tsx', plopBin, '--plopfile', path.join(repoRoot, 'plopfile.ts'), 'intercom', '--dest', dest, '--', ...flags, ...extra],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', stdio, stdio],
    },
  );

function refuse(reason: string): never {
  console.error(`npm run demo: ${reason}; nothing was written.`);
  process.exit(1);
}

// Everything is checked before anything is written: the port, then every flag, by a dry run of the
// generator on the example app itself (a dry run writes nothing).
if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) refuse(`PORT=${port} is not a port number (1 to 65535)`);
const check = generate(exampleApp, ['--dryRun', 'true'], 'pipe');
if (check.status !== 0) {
  process.stderr.write(`${check.stdout}${check.stderr}`);
  refuse('the generator refused (above)');
}

// Inside the repo, so the app resolves express and jsonwebtoken from its node_modules.
fs.mkdirSync(path.join(repoRoot, '.tmp'), { recursive: true });
const appDir = fs.mkdtempSync(path.join(repoRoot, '.tmp/demo-'));
fs.cpSync(exampleApp, appDir, { recursive: true });
if (generate(appDir, [], 'inherit').status !== 0) {
  // The generator writes all or nothing; the copy goes too, so no half-installed app is left.
  fs.rmSync(appDir, { recursive: true, force: true });
  refuse('the generator failed (above)');
}

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
