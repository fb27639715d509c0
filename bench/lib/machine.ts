// The machine and the versions a run measured with, for the report's header.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backendIds, frontendIds } from '../../generators/registry.js';
import { backendHost, frontendHost, type VersionSource } from '../../tests/helpers/hosts.js';
import { repoRoot } from '../../tests/helpers/workspace.js';

const run = (command: string, args: string[]) => {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 }).trim();
  } catch {
    return 'unavailable';
  }
};

const packageVersion = (dir: string, name: string) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')).version as string;
  } catch {
    return undefined;
  }
};

/** The version installed in any of the tests' framework toolchains (.tmp/toolchains/*). */
function toolchainVersion(name: string): string {
  // Where the tests install them: TOOLCHAINS_DIR when checkouts share one set (tests/helpers/toolchains.ts).
  const root = process.env.TOOLCHAINS_DIR ? path.resolve(process.env.TOOLCHAINS_DIR) : path.join(repoRoot, '.tmp/toolchains');
  const dirs = fs.existsSync(root) ? fs.readdirSync(root).map((d) => path.join(root, d)) : [];
  for (const dir of dirs) {
    const version = packageVersion(dir, name);
    if (version) return version;
  }
  return 'not installed here';
}

export interface Machine {
  date: string;
  cores: number;
  cpu: string;
  memoryGiB: number;
  os: string;
  loadAverageAtStart: number[];
  node: string;
}

export function machine(): Machine {
  return {
    date: new Date().toISOString(),
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((n) => Math.round(n * 100) / 100),
    node: process.version,
  };
}

/** The version a host descriptor names, read from where it says. */
function versionOf(source: VersionSource): string {
  if ('command' in source) return run(source.command[0], source.command.slice(1));
  if ('npm' in source) return packageVersion(repoRoot, source.npm) ?? '?';
  return toolchainVersion(source.toolchain);
}

/** The pack's own tools, then what every target's host descriptor reports (a version named twice is read once). */
export function versions(): Record<string, string> {
  const reported = [...backendIds.map(backendHost), ...frontendIds.map(frontendHost)].flatMap((host) => Object.entries(host.versions));
  return {
    plop: packageVersion(repoRoot, 'plop') ?? '?',
    tsx: packageVersion(repoRoot, 'tsx') ?? '?',
    esbuild: packageVersion(repoRoot, 'esbuild') ?? '?',
    'playwright-core': packageVersion(repoRoot, 'playwright-core') ?? '?',
    ...Object.fromEntries([...new Map(reported)].map(([name, source]) => [name, versionOf(source)])),
  };
}
