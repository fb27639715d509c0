// The SvelteKit backend in its real runtime, with --auth locals: the fixture's hooks.server.ts turns
// a session cookie into event.locals.user, the SvelteKit convention. The app with the generated
// +server.ts is type-checked by svelte-check, built by `vite build` with adapter-node and served by `node build`.
import { backendContractSuite } from '../helpers/backend-contract.js';
import { sveltekitBackendHost } from '../helpers/sveltekit.js';

backendContractSuite(sveltekitBackendHost('locals')).run();
