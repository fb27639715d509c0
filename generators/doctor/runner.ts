// Runs every check in order and prints the report: text for people, JSON Lines for CI.
import { securitySteps } from '../contract.js';
import { checkCors } from './cors.js';
import { checkEndpoint } from './endpoint.js';
import { checkPage } from './page.js';
import { checkProject } from './project.js';
import { type CheckResult, type DoctorOptions, skip } from './result.js';
import { checkToken } from './token.js';

const MIN_REDACTED_LENGTH = 8;

export async function runDoctor(options: DoctorOptions): Promise<CheckResult[]> {
  const endpoint = await checkEndpoint(options);
  const results = [...endpoint.results];
  if (endpoint.token) results.push(...checkToken(endpoint.token, options));
  else results.push(skip('token', 'No token to check (see endpoint.signed-in)'));
  if (endpoint.reachable) {
    results.push(...(await checkCors(options)), ...(await checkPage(options)));
  } else {
    results.push(skip('cors', 'The server is unreachable (see endpoint.reachable)'), skip('page', 'The server is unreachable (see endpoint.reachable)'));
  }
  results.push(...checkProject(options));
  return redact(results, options.secret);
}

/** The secret is never printed, even when a server echoes it into a claim or a header. */
function redact(results: CheckResult[], secret: string | undefined): CheckResult[] {
  // A value this short is no real secret, and hiding it would garble every message.
  if (!secret || secret.length < MIN_REDACTED_LENGTH) return results;
  const hide = (text: string) => text.replaceAll(secret, '[secret]');
  return results.map((result) => ({ ...result, message: hide(result.message), fix: hide(result.fix) }));
}

export const failures = (results: CheckResult[]) => results.filter((result) => result.status === 'FAIL').length;

export function formatReport(results: CheckResult[], json: boolean): string {
  if (json) return results.map((result) => JSON.stringify(result)).join('\n') + '\n';
  const width = Math.max(...results.map((result) => result.id.length));
  const lines = results.flatMap((result) => [
    `${result.status}  ${result.id.padEnd(width)}  ${result.message}`,
    ...(result.fix ? [`      ${' '.repeat(width)}  fix: ${result.fix}`] : []),
  ]);
  const count = (status: CheckResult['status']) => results.filter((result) => result.status === status).length;
  return [
    '',
    ...lines,
    '',
    `${count('PASS')} passed, ${count('WARN')} warned, ${count('FAIL')} failed, ${count('SKIP')} skipped`,
    '',
    'Then, in Intercom (the doctor cannot see these settings):',
    ...securitySteps.map((step, i) => `  ${i + 1}. ${step}`),
    '',
  ].join('\n');
}
