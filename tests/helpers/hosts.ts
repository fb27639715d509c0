// The host descriptors: tests/<side>/<target>.host.json, one beside each target's tests. Each says
// how the target's test app is made (its fixture) and, for a backend, started; which Debian
// packages it needs (.ci/debian-packages.mjs prints their union before npm ci, hence JSON); and
// which versions the bench reports.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BackendId, FrontendId } from '../../generators/registry.js';
import { startServer, type RunningServer } from './server.js';
import { repoRoot } from './workspace.js';

/** A command line; `{port}`, `{tmp}` (a fresh folder outside the app) and `{node}` are filled in at start. */
export interface StartCommand {
  command: string;
  args: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** Where a reported version comes from: a command's output, the repository's npm package, or a test toolchain's. */
export type VersionSource = { command: string[] } | { npm: string } | { toolchain: string };

interface HostDescriptor {
  debianPackages: string[];
  versions: Record<string, VersionSource>;
}

export interface BackendHostDescriptor extends HostDescriptor {
  fixture: string;
  start: StartCommand;
  /** Why `npm run bench` does not measure this host's endpoint (it is built inside a test toolchain the bench does not install). */
  benchEndpoint?: string;
  /** The generated file that reads `--attributes` from the user, and the function that does. */
  signedAttributes: { file: string; function: string };
}

/** One shape of a frontend's test app: the tests build it, the bench weighs it. */
export interface FrontendCase {
  id: string;
  label: string;
  fixture: string;
  flags?: Record<string, string>;
  /** The fixture holds only what the test changes, laid over the app its toolchain scaffolds (ng new, ember new). */
  overlay?: boolean;
}

export interface FrontendHostDescriptor extends HostDescriptor {
  /** The first is the target's representative shape. */
  cases: FrontendCase[];
}

export const hostFile = (side: 'backend' | 'frontend', id: string) => path.join(repoRoot, 'tests', side, `${id}.host.json`);

const readHost = <T>(side: 'backend' | 'frontend', id: string): T => JSON.parse(fs.readFileSync(hostFile(side, id), 'utf8')) as T;

export const backendHost = (id: BackendId) => readHost<BackendHostDescriptor>('backend', id);
export const frontendHost = (id: FrontendId) => readHost<FrontendHostDescriptor>('frontend', id);

/** Starts a backend's app in `dir` as its descriptor says; resolves once it answers. */
export function startHost(start: StartCommand, dir: string, env: NodeJS.ProcessEnv, port: number): Promise<RunningServer> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'host-'));
  const fill = (value: string) => value.replaceAll('{port}', String(port)).replaceAll('{tmp}', tmp).replaceAll('{node}', process.execPath);
  const own = Object.fromEntries(Object.entries(start.env ?? {}).map(([key, value]) => [key, fill(value)]));
  return startServer(fill(start.command), start.args.map(fill), { cwd: dir, env: { ...env, ...own }, port, timeoutMs: start.timeoutMs });
}
