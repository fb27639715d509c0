// `intercom-doctor`: checks a running installation and says exactly what is wrong.
// `npx plop intercom-doctor -- --url http://localhost:3000`; the bin `intercom-doctor` takes the same flags.
import type { NodePlopAPI, PlopGeneratorConfig } from 'plop';
import { resolveDoctorOptions } from './doctor/flags.js';
import { failures, formatReport, runDoctor } from './doctor/runner.js';
import { readFlags } from './options.js';
import type { PackConfig } from './steps/skeleton.js';

type DoctorAnswers = Awaited<ReturnType<typeof resolveDoctorOptions>>;

export function doctorGenerator(_plop: NodePlopAPI, config: PackConfig): PlopGeneratorConfig {
  return {
    description: 'Check a running installation: endpoint, token, CORS, page, project (-- --url http://localhost:3000)',
    // Never prompts: a doctor run must work the same in CI.
    prompts: async () => resolveDoctorOptions(readFlags(), process.argv, config.defaults) as never,
    actions: [
      async (answers) => {
        const options = answers as unknown as DoctorAnswers;
        const results = await runDoctor(options);
        process.stdout.write(formatReport(results, options.json));
        const failed = failures(results);
        // A thrown error is how a plop action makes the run exit non-zero.
        if (failed) throw new Error(`intercom-doctor: ${failed} check${failed === 1 ? '' : 's'} failed`);
        return 'intercom-doctor: no check failed';
      },
    ],
  };
}
