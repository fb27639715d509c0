// 1. Endpoint: a token for the signed-in user only, never cached.
import { type Answer, isUnreachable, parseJson, request } from './http.js';
import { authHeaders, type CheckResult, type DoctorOptions, endpointUrl, fail, pass, signedIn, skip, warn } from './result.js';

export interface EndpointFindings {
  results: CheckResult[];
  reachable: boolean;
  /** The signed-in user's token, when the endpoint gave one. */
  token?: string;
}

const looksLikeJwt = (text: string) => /eyJ[\w-]+\.eyJ[\w-]+\./.test(text);

export async function checkEndpoint(options: DoctorOptions): Promise<EndpointFindings> {
  const url = endpointUrl(options);
  const anonymous = await request(url, { headers: { Accept: 'application/json' } });
  if (isUnreachable(anonymous)) {
    return {
      reachable: false,
      results: [
        fail('endpoint.reachable', `The server is down or unreachable: ${anonymous.error}`, `Start the app, or pass --url with the address it listens on`),
      ],
    };
  }
  const results = [pass('endpoint.reachable', `${url} answers (HTTP ${anonymous.status})`), checkAnonymous(anonymous)];
  if (!signedIn(options)) {
    results.push(
      skip(
        'endpoint.signed-in',
        'No --cookie or --header: the signed-in request, its token and no-store were not checked',
        'Sign in in a browser, copy the session cookie, and pass --cookie "name=value"',
      ),
    );
    return { reachable: true, results };
  }
  const signed = await request(url, { headers: { Accept: 'application/json', ...authHeaders(options) } });
  if (isUnreachable(signed)) {
    results.push(fail('endpoint.signed-in', `The signed-in request failed: ${signed.error}`, 'Check that the server stays up (its log may show a crash)'));
    return { reachable: true, results };
  }
  const { result, token } = checkSignedIn(signed, options);
  results.push(result);
  if (signed.status === 200) results.push(checkNoStore(signed));
  return { reachable: true, results, token };
}

function checkAnonymous(res: Answer): CheckResult {
  const id = 'endpoint.anonymous';
  if (looksLikeJwt(res.body)) {
    return fail(
      id,
      `A request without a session got a token (HTTP ${res.status}): anyone can impersonate any user`,
      'Sign only for the signed-in user from the server-side session, and answer 401 when there is none',
    );
  }
  if (res.status === 401 || res.status === 403) return pass(id, `A request without a session gets ${res.status} and no token`);
  const where = res.status >= 300 && res.status < 400 ? `, a redirect to ${res.headers.get('location')}` : '';
  return warn(
    id,
    `A request without a session gets HTTP ${res.status}${where}, not 401/403 (no token, though)`,
    'Answer 401 with JSON, so the frontend can tell "signed out" from an error',
  );
}

function checkSignedIn(res: Answer, options: DoctorOptions): { result: CheckResult; token?: string } {
  const id = 'endpoint.signed-in';
  if (res.status !== 200) {
    const staleSession = 'The --cookie/--header is not a valid session: sign in again and copy the fresh cookie';
    const fixes: Record<number, string> = {
      401: staleSession,
      403: staleSession,
      404: `No route at ${options.jwtEndpoint}: pass --jwtEndpoint with the route, or mount the generated router`,
      500: `Read the server log: is ${options.secretEnvVar} set where the server runs?`,
    };
    const fix =
      fixes[res.status] ??
      (res.status < 400 ? `The endpoint redirects to ${res.headers.get('location')}: it must answer JSON itself` : 'Read the server log for the error');
    return { result: fail(id, `The signed-in request got HTTP ${res.status}, not 200 {token}`, fix) };
  }
  const parsed = parseJson(res);
  if ('problem' in parsed) {
    return {
      result: fail(
        id,
        `The signed-in request got ${parsed.problem}`,
        `Make ${options.jwtEndpoint} answer {"token": "<jwt>"}; mount it before any catch-all page route`,
      ),
    };
  }
  const token = (parsed.json as { token?: unknown } | null)?.token;
  if (typeof token !== 'string' || token === '') {
    return {
      result: fail(
        id,
        'The signed-in request got JSON without a "token" string',
        'Answer exactly {"token": "<jwt>"}: the frontend passes it as intercom_user_jwt',
      ),
    };
  }
  return { result: pass(id, 'The signed-in request gets 200 {"token": …}'), token };
}

function checkNoStore(res: Answer): CheckResult {
  const cacheControl = res.headers.get('cache-control') ?? '';
  return /(^|,)\s*no-store\s*(,|$)/i.test(cacheControl)
    ? pass('endpoint.no-store', 'The token response has Cache-Control: no-store')
    : fail(
        'endpoint.no-store',
        `The token response may be cached (Cache-Control: ${cacheControl || 'missing'}): a shared cache could hand one user's token to another`,
        "Set Cache-Control: no-store on the token response, e.g. res.set('Cache-Control', 'no-store')",
      );
}
