// 3. CORS: the frontend's origin, and only it, may read the token with credentials.
import { type Answer, isUnreachable, request } from './http.js';
import { authHeaders, type CheckResult, type DoctorOptions, endpointUrl, fail, pass, skip } from './result.js';

/** An origin no one owns: an endpoint that allows it allows every site. */
const PROBE_ORIGIN = 'https://intercom-doctor.invalid';

export async function checkCors(options: DoctorOptions): Promise<CheckResult[]> {
  const { origin } = options;
  if (!origin) {
    return [skip('cors', 'No --origin: CORS was not checked', 'Pass --origin <frontend origin> when the frontend calls the endpoint from another origin')];
  }
  const url = endpointUrl(options);
  const fix = `Allow exactly ${origin} with credentials on ${options.jwtEndpoint}, e.g. Express: cors({ origin: '${origin}', credentials: true }), or regenerate it with intercom-backend -- --allowedOrigin ${origin}`;
  const [preflight, actual, probe] = await Promise.all([
    request(url, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' } }),
    request(url, { headers: { ...authHeaders(options), Origin: origin } }),
    request(url, { headers: { ...authHeaders(options), Origin: PROBE_ORIGIN } }),
  ]);

  const allows = (id: string, what: string, res: Answer | { error: string }): CheckResult => {
    if (isUnreachable(res)) return fail(id, `The ${what} failed: ${res.error}`, 'Check that the server stays up');
    const allowOrigin = res.headers.get('access-control-allow-origin');
    const credentials = res.headers.get('access-control-allow-credentials') === 'true';
    if (allowOrigin === '*') {
      return fail(
        id,
        `The ${what} allows any origin (Access-Control-Allow-Origin: *)${credentials ? ' with credentials' : ''}: browsers refuse a credentialed fetch from it`,
        fix,
      );
    }
    if (allowOrigin !== origin) return fail(id, `The ${what} does not allow ${origin} (Access-Control-Allow-Origin: ${allowOrigin ?? 'missing'})`, fix);
    if (!credentials) return fail(id, `The ${what} allows ${origin} without Access-Control-Allow-Credentials: true, so the session cookie is not sent`, fix);
    if (res.status >= 400) return fail(id, `The ${what} allows ${origin} but answers HTTP ${res.status}`, fix);
    return pass(id, `The ${what} allows exactly ${origin} with credentials`);
  };

  return [allows('cors.preflight', 'preflight (OPTIONS)', preflight), allows('cors.actual', 'GET response', actual), checkOtherOrigins(probe, fix)];
}

function checkOtherOrigins(probe: Answer | { error: string }, fix: string): CheckResult {
  const id = 'cors.other-origins';
  if (isUnreachable(probe)) return fail(id, `The request from another origin failed: ${probe.error}`, 'Check that the server stays up');
  return probe.headers.get('access-control-allow-origin') === PROBE_ORIGIN
    ? fail(id, `The endpoint echoes any Origin back (it allowed ${PROBE_ORIGIN}): any website can read a signed-in user's token`, fix)
    : pass(id, 'Other origins are not echoed back in Access-Control-Allow-Origin');
}
