// Framework toolchains are installed once per machine into .tmp/toolchains/<name> and shared
// by every test: host apps are copied inside that folder, so they resolve its node_modules.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './workspace.js';

// TOOLCHAINS_DIR lets several checkouts (git worktrees) share one set of installed toolchains.
const toolchainsRoot = process.env.TOOLCHAINS_DIR ? path.resolve(process.env.TOOLCHAINS_DIR) : path.join(repoRoot, '.tmp/toolchains');

export interface ToolchainSpec {
  name: string;
  /** Written as package.json, then `npm install`ed (unless create does the work). */
  packageJson?: Record<string, unknown>;
  /** Scaffolds the toolchain instead (ng new, ember new…); runs in an empty folder. */
  create?: (dir: string) => void;
}

// NODE_OPTIONS and npm's node-options are cleared: this repo's `--import tsx` must not leak into
// framework CLIs and builds (outside the repo, tsx cannot even be resolved).
const { npm_config_node_options: _repoNodeOptions, ...inherited } = process.env;
export const env = { ...inherited, NODE_OPTIONS: '', NEXT_TELEMETRY_DISABLED: '1', NG_CLI_ANALYTICS: 'false', CI: 'true', npm_config_yes: 'true' };

export function sh(command: string, args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}, timeout = 600_000): string {
  try {
    return execFileSync(command, args, {
      cwd,
      env: { ...env, ...extraEnv },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr, message } = error as Error & { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr ?? message}`, { cause: error });
  }
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * `npm install` in a toolchain, tried twice more (1 and 2 minutes later) when the registry is
 * mid-publish (ETARGET: a fresh release names a sibling version its packument does not list yet)
 * or the network drops: ranges resolve to the newest releases, so a publish can race a fresh install.
 */
export function npmInstall(dir: string, extraEnv: NodeJS.ProcessEnv = {}): void {
  const args = ['install', '--no-audit', '--no-fund', '--loglevel=error'];
  for (let attempt = 1; ; attempt++) {
    try {
      sh('npm', attempt === 1 ? args : [...args, '--prefer-online'], dir, extraEnv);
      return;
    } catch (error) {
      if (attempt === 3 || !/ETARGET|ECONNRESET|ETIMEDOUT|EAI_AGAIN/.test((error as Error).message)) throw error;
      console.error(`npm install in ${dir} failed (${/ETARGET|ECONNRESET|ETIMEDOUT|EAI_AGAIN/.exec((error as Error).message)![0]}); trying again`);
      sleepSync(attempt * 60_000);
    }
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Holds `${dir}.lock` (a folder: creating it is atomic) while `install` runs, so test files running
 * side by side never install one toolchain into the same folder twice. A waiting file returns once
 * the holder's marker appears; a lock whose holder died is taken over.
 */
function installOnce(dir: string, marker: string, install: () => void): void {
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 20 * 60_000;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  for (;;) {
    if (fs.existsSync(marker)) return;
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      let holder = 0;
      try {
        holder = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        // the lock is being taken or was just released: look again
      }
      if (holder && !alive(holder)) fs.rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`${dir}: another test has been installing this toolchain for 20 minutes`);
      else sleepSync(1000);
    }
  }
  try {
    if (!fs.existsSync(marker)) install();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The installed toolchain folder; installs it the first time (a marker file records success). */
export function toolchain(spec: ToolchainSpec): string {
  const key = crypto
    .createHash('sha1')
    .update(JSON.stringify(spec.packageJson ?? null) + String(spec.create))
    .digest('hex')
    .slice(0, 10);
  const dir = path.join(toolchainsRoot, `${spec.name}-${key}`);
  const marker = path.join(dir, '.installed');
  if (fs.existsSync(marker)) return dir;
  installOnce(dir, marker, () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    if (spec.create) spec.create(dir);
    if (spec.packageJson) {
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(spec.packageJson, null, 2));
      npmInstall(dir);
    }
    fs.writeFileSync(marker, new Date().toISOString());
  });
  return dir;
}

/** A fresh app folder inside the toolchain, holding a copy of tests/fixtures/<fixture>. */
export function appInToolchain(toolchainDir: string, name: string, fixture?: string): string {
  const appsDir = path.join(toolchainDir, 'apps');
  fs.mkdirSync(appsDir, { recursive: true });
  const dir = fs.mkdtempSync(path.join(appsDir, `${name}-`));
  if (fixture) fs.cpSync(path.join(repoRoot, 'tests/fixtures', fixture), dir, { recursive: true });
  return dir;
}
