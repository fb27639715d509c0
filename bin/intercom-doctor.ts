#!/usr/bin/env node
// The doctor outside a plopfile: `intercom-doctor --url http://localhost:3000 …`, same flags as the generator.
import { resolveDoctorOptions, USAGE } from '../generators/doctor/flags.js';
import { failures, formatReport, runDoctor } from '../generators/doctor/runner.js';
import { InputError, readFlags } from '../generators/options.js';

// readFlags reads what follows `--`, as after `plop intercom-doctor --`.
const argv = process.argv.includes('--') ? process.argv : ['--', ...process.argv.slice(2)];

try {
  const flags = readFlags(argv);
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
  } else {
    const options = await resolveDoctorOptions(flags, argv);
    const results = await runDoctor(options);
    process.stdout.write(formatReport(results, options.json));
    process.exitCode = failures(results) ? 1 : 0;
  }
} catch (error) {
  if (!(error instanceof InputError)) throw error;
  process.stderr.write(`intercom-doctor: ${error.message}\n\n${USAGE}\n`);
  process.exitCode = 2;
}
