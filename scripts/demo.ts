// `npm run demo`: copies the example app, installs the Intercom Messenger into it with both
// generators (non-interactively), and starts it. Workspace ID: $INTERCOM_WORKSPACE_ID, or asked.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const plopBin = path.join(repoRoot, 'node_modules/plop/bin/plop.js');

// Inside the repo, so the app resolves express and jsonwebtoken from its node_modules.
fs.mkdirSync(path.join(repoRoot, '.tmp'), { recursive: true });
const appDir = fs.mkdtempSync(path.join(repoRoot, '.tmp/demo-'));
fs.cpSync(path.join(repoRoot, 'scripts/example-app'), appDir, { recursive: true });

function generate(generator: string, flags: string[]): void {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', plopBin, '--plopfile', path.join(repoRoot, 'plopfile.ts'), generator, '--dest', appDir, '--', ...flags],
    { cwd: repoRoot, stdio: 'inherit' },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// A throwaway secret for the demo only; a real app uses the one from Intercom's Messenger Security page.
const secret = crypto.randomBytes(32).toString('hex');
generate('intercom-backend', ['--framework', 'express', '--secret', secret]);
const workspace = process.env.INTERCOM_WORKSPACE_ID ? ['--workspaceId', process.env.INTERCOM_WORKSPACE_ID] : [];
generate('intercom-frontend', ['--framework', 'vanilla', '--htmlFile', 'public/index.html', ...workspace]);

const port = process.env.PORT ?? '3000';
const app = spawn(process.execPath, ['--env-file=.env', 'app.js'], {
  cwd: appDir,
  env: { ...process.env, PORT: port, NODE_OPTIONS: '' },
  stdio: 'inherit',
});
app.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.kill(signal));

console.log(`
Demo app in ${appDir}
Open http://127.0.0.1:${port}  (Ctrl-C stops it)
  - "Log in as Alice" (user_id 42) or "Log in as Bob" (user_id 7): the Messenger boots with a signed JWT.
  - "Log out": the Messenger shuts down, then boots again as an anonymous visitor.
  - The JWT endpoint: http://127.0.0.1:${port}/api/intercom-jwt (401 until you log in).
Without internet access the widget itself cannot load; the page still shows every call in window.Intercom.q.
`);
