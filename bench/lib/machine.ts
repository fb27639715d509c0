// The machine and the versions a run measured with, for the report's header.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

export function versions(): Record<string, string> {
  const py = (module: string, attr = '__version__') => run('/usr/bin/python3', ['-c', `import ${module}; print(${module}.${attr})`]);
  return {
    plop: packageVersion(repoRoot, 'plop') ?? '?',
    tsx: packageVersion(repoRoot, 'tsx') ?? '?',
    esbuild: packageVersion(repoRoot, 'esbuild') ?? '?',
    'playwright-core': packageVersion(repoRoot, 'playwright-core') ?? '?',
    express: packageVersion(repoRoot, 'express') ?? '?',
    jsonwebtoken: packageVersion(repoRoot, 'jsonwebtoken') ?? '?',
    python: run('/usr/bin/python3', ['-c', 'import platform; print(platform.python_version())']),
    flask: run('/usr/bin/python3', ['-c', 'import importlib.metadata as m; print(m.version("flask"))']),
    'flask-login': py('flask_login'),
    django: py('django'),
    pyjwt: py('jwt'),
    php: run('/usr/bin/php', ['-r', 'echo PHP_VERSION;']),
    ruby: run('/usr/bin/ruby', ['-e', 'print RUBY_VERSION']),
    rails: run('/usr/bin/ruby', ['-e', "require 'rails'; print Rails.version"]),
    'jwt (gem)': run('/usr/bin/ruby', ['-e', "require 'jwt'; print JWT::VERSION::STRING"]),
    rack: run('/usr/bin/ruby', ['-e', "require 'rack'; print Rack.release"]),
    'react (tests toolchain)': toolchainVersion('react'),
    'next (tests toolchain)': toolchainVersion('next'),
    'vue (tests toolchain)': toolchainVersion('vue'),
    '@angular/core (tests toolchain)': toolchainVersion('@angular/core'),
    'ember-source (tests toolchain)': toolchainVersion('ember-source'),
  };
}
