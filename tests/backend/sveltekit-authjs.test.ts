// The SvelteKit backend with --auth authjs: the host (tests/fixtures/backend/sveltekit-authjs) signs in
// through Auth.js's own credentials flow, with its JWT session cookie, and the generated endpoint reads
// the user from `await event.locals.auth()`. Type-checked, built with adapter-node, served by `node build`.
import { backendContractSuite } from '../helpers/backend-contract.js';
import { sveltekitBackendHost } from '../helpers/sveltekit.js';

backendContractSuite(sveltekitBackendHost('authjs', 'backend/sveltekit-authjs')).run();
