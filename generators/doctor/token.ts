// 2. Token: what Intercom reads from intercom_user_jwt, checked the way Intercom would.
import crypto from 'node:crypto';
import { DEFAULT_TTL_SECONDS, MAX_TTL_SECONDS } from '../contract.js';
import { type CheckResult, type DoctorOptions, fail, pass, skip, warn } from './result.js';

/** Anything above this is a timestamp in milliseconds (1e11 s is the year 5138). */
const MILLISECONDS_THRESHOLD = 1e11;
const CLOCK_SKEW_SECONDS = 60;

type Claims = Record<string, unknown>;

function decodePart(part: string): Claims | undefined {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

const hours = (seconds: number) => `${(seconds / 3600).toFixed(1)} h`;
const ago = (seconds: number) => (seconds < 120 ? `${Math.round(seconds)} s` : seconds < 7200 ? `${Math.round(seconds / 60)} min` : hours(seconds));

export function checkToken(token: string, options: DoctorOptions, now = Date.now() / 1000): CheckResult[] {
  const parts = token.split('.');
  const header = decodePart(parts[0] ?? '');
  const claims = decodePart(parts[1] ?? '');
  if (parts.length !== 3 || !header || !claims) {
    return [
      fail(
        'token.format',
        'The token is not a JWT (three base64url parts with JSON header and claims)',
        'Sign it with a JWT library, e.g. jwt.sign(claims, secret, { algorithm: "HS256" })',
      ),
    ];
  }
  return [
    header.alg === 'HS256'
      ? pass('token.alg', 'The token is signed with HS256')
      : fail(
          'token.alg',
          `The token's alg is ${JSON.stringify(header.alg)}, not HS256: Intercom rejects it`,
          'Sign with { algorithm: "HS256" } and the Identity Verification secret',
        ),
    checkUserId(claims.user_id),
    checkExp(claims.exp, claims.iat, now),
    checkIat(claims.iat, now),
    checkSignature(parts, header, options),
  ];
}

function checkUserId(userId: unknown): CheckResult {
  const id = 'token.user_id';
  if (typeof userId === 'string' && userId !== '') return pass(id, 'user_id is a string');
  if (userId === undefined || userId === '') {
    return fail(id, 'The token has no user_id: users sharing an email address get mixed up', 'Sign user_id: String(user.id)');
  }
  return fail(
    id,
    `user_id is a ${typeof userId} (${JSON.stringify(userId)}), not a string: Intercom matches users by the string`,
    'Sign user_id: String(user.id)',
  );
}

function checkExp(exp: unknown, iat: unknown, now: number): CheckResult {
  const id = 'token.exp';
  const inSeconds = `exp = Math.floor(Date.now() / 1000) + ${DEFAULT_TTL_SECONDS}`;
  const fix = `Sign ${inSeconds} (Unix seconds, a few hours at most)`;
  if (exp === undefined) return warn(id, 'The token has no exp: it never expires', fix);
  if (typeof exp !== 'number') return fail(id, `exp is ${JSON.stringify(exp)}, not a number of Unix seconds`, fix);
  if (exp > MILLISECONDS_THRESHOLD) {
    return fail(id, `exp is in milliseconds (${exp}), not seconds: Intercom reads it as a date thousands of years away`, `Divide by 1000: sign ${inSeconds}`);
  }
  if (exp <= now) {
    return fail(
      id,
      `exp is in the past: the token expired ${ago(now - exp)} ago, so Intercom rejects it at once`,
      `Check the server's clock (date; enable NTP), and sign ${inSeconds}`,
    );
  }
  const issued = typeof iat === 'number' && iat < MILLISECONDS_THRESHOLD ? iat : now;
  const lifetime = exp - issued;
  if (lifetime > MAX_TTL_SECONDS) return fail(id, `The token lives ${hours(lifetime)}: longer than 24 h`, fix);
  if (lifetime > DEFAULT_TTL_SECONDS)
    return warn(id, `The token lives ${hours(lifetime)}: over 2 h`, 'Shorter is safer: the frontend fetches a fresh token when it expires');
  return pass(id, `exp is in Unix seconds, ${ago(exp - now)} ahead (lifetime ${hours(lifetime)})`);
}

function checkIat(iat: unknown, now: number): CheckResult {
  const id = 'token.iat';
  if (iat === undefined)
    return skip(id, "The token has no iat: the server's clock could not be compared with this one", 'Sign iat = Math.floor(Date.now() / 1000)');
  if (typeof iat !== 'number') return fail(id, `iat is ${JSON.stringify(iat)}, not a number of Unix seconds`, 'Sign iat = Math.floor(Date.now() / 1000)');
  if (iat > MILLISECONDS_THRESHOLD) return fail(id, `iat is in milliseconds (${iat}), not seconds`, 'Sign iat = Math.floor(Date.now() / 1000)');
  const skew = iat - now;
  if (Math.abs(skew) > CLOCK_SKEW_SECONDS) {
    return warn(
      id,
      `iat is ${ago(Math.abs(skew))} ${skew > 0 ? 'ahead of' : 'behind'} this machine's clock: the server's clock looks skewed`,
      "Sync the server's clock (timedatectl set-ntp true, or your host's NTP setting)",
    );
  }
  return pass(id, `iat matches this machine's clock (within ${CLOCK_SKEW_SECONDS} s)`);
}

function checkSignature(parts: string[], header: Claims, options: DoctorOptions): CheckResult {
  const id = 'token.signature';
  if (!options.secret) {
    return skip(
      id,
      `${options.secretEnvVar} is not set here nor in --dir's .env: the signature was not checked`,
      `Run the doctor with ${options.secretEnvVar} in its environment, or pass --dir with the project's .env`,
    );
  }
  if (header.alg !== 'HS256') return skip(id, 'Not an HS256 token: see token.alg');
  const expected = crypto.createHmac('sha256', options.secret).update(`${parts[0]}.${parts[1]}`).digest();
  const actual = Buffer.from(parts[2], 'base64url');
  const verifies = actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
  return verifies
    ? pass(id, `The token verifies with ${options.secretEnvVar} (from ${options.secretSource})`)
    : fail(
        id,
        `The token does not verify with ${options.secretEnvVar} (from ${options.secretSource}): wrong secret`,
        `Copy the Identity Verification secret from Intercom > Settings > Messenger > Security into ${options.secretEnvVar} where the server runs, and restart it`,
      );
}
