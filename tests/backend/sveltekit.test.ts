// The SvelteKit backend in its real runtime: the fixture (tests/fixtures/backend/sveltekit, whose
// hooks.server.ts turns a session cookie into event.locals.user) gets the generated +server.ts,
// is type-checked by svelte-check, built by `vite build` with adapter-node and served by `node build`.
import fs from 'node:fs';
import path from 'node:path';
import { backendContractSuite } from '../helpers/backend-contract.js';
import { backendHost, startHost } from '../helpers/hosts.js';
import { buildOnce, svelteCheck, sveltekitToolchain } from '../helpers/sveltekit.js';

/** The temporary app resolves the shared toolchain's packages, as an installed app resolves its own. */
const linkToolchain = (dir: string) => fs.symlinkSync(path.join(sveltekitToolchain(), 'node_modules'), path.join(dir, 'node_modules'), 'dir');

backendContractSuite({
  framework: 'sveltekit',
  flags: { auth: 'locals' },
  wiredFile: null,
  generatedFile: (variant) => `src/routes${variant.route}/+server.ts`,
  prepare: (dir) => {
    linkToolchain(dir);
    svelteCheck(dir);
  },
  start: (dir, env, port) => {
    buildOnce(dir);
    return startHost(backendHost('sveltekit').start, dir, env, port);
  },
}).run();
