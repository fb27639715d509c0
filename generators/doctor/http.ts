// One HTTP request that never throws: an unreachable server becomes a sentence for a FAIL line.

export interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

export interface Unreachable {
  error: string;
}

const TIMEOUT_MS = 10_000;

/** A kept-alive connection that the server closed as it was reused; one fresh attempt settles it. */
const STALE_SOCKET = new Set(['UND_ERR_SOCKET', 'ECONNRESET']);

export async function request(url: string, init: { method?: string; headers?: Record<string, string> } = {}, retry = true): Promise<Answer | Unreachable> {
  try {
    // Redirects are reported, not followed: a login redirect is an answer the doctor must see.
    const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    return { status: res.status, headers: res.headers, body: await res.text() };
  } catch (error) {
    const err = error as Error & { cause?: { code?: string; message?: string } };
    if (err.name === 'TimeoutError') return { error: `${url} did not answer within ${TIMEOUT_MS / 1000} s` };
    if (retry && STALE_SOCKET.has(err.cause?.code ?? '')) return request(url, init, false);
    return { error: `could not connect to ${url} (${err.cause?.code ?? err.cause?.message ?? err.message})` };
  }
}

export const isUnreachable = (answer: Answer | Unreachable): answer is Unreachable => 'error' in answer;

/** Parses a JSON body; HTML (a login page, an SPA fallback) is named as such. */
export function parseJson(answer: Answer): { json: unknown } | { problem: string } {
  try {
    return { json: JSON.parse(answer.body) };
  } catch {
    const type = answer.headers.get('content-type') ?? 'no Content-Type';
    const html = /html/i.test(type) || answer.body.trimStart().startsWith('<');
    return { problem: html ? `HTML instead of JSON (${type})` : `a body that is not JSON (${type})` };
  }
}
