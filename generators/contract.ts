// The endpoint contract that all five backends implement, written once. Templates read it
// through the template data (`contract.*`) and the shared partials in templates/partials/backend.

export const DEFAULT_ROUTE = '/api/intercom-jwt';
export const DEFAULT_SECRET_ENV_VAR = 'INTERCOM_IDENTITY_SECRET';
export const DEFAULT_TTL_SECONDS = 7200;
export const MIN_TTL_SECONDS = 60;
export const MAX_TTL_SECONDS = 86400;

export const contract = {
  /** The claims in the order every backend writes them. */
  claims: ['user_id', 'email', 'name', 'iat', 'exp'] as const,
  errors: {
    unauthenticated: 'not_authenticated',
    secretMissing: 'intercom_secret_missing',
  },
  cacheControl: 'no-store',
  corsMethods: 'GET, OPTIONS',
  corsHeaders: 'Content-Type',
} as const;

export type Claim = (typeof contract.claims)[number];

/** What the endpoint logs when the secret is missing; the same sentence in every language. */
export const missingSecretLog = (envVar: string) =>
  `[intercom] ${envVar} is not set; refusing to sign an Intercom JWT`;

/** How a language writes one entry of the claims map literal. */
export interface ClaimSyntax {
  quote: '' | "'" | '"';
  separator: ': ' | ' => ';
}

/** One claim per line, for the `backend/claims` partial, in the language's own map syntax. */
export function claimLines(syntax: ClaimSyntax, exprs: Record<Claim, string>) {
  return contract.claims.map((claim) => ({
    entry: `${syntax.quote}${claim}${syntax.quote}${syntax.separator}${exprs[claim]}`,
  }));
}

export const securitySteps = [
  'Open Intercom > Settings > Messenger > Security and enable identity verification (JWT).',
  'Once logged-in users boot with a token, switch it to "Enforced" so unsigned identities are rejected.',
  'On the same page, mark email, phone and account IDs as protected attributes, so only signed JWTs can set them.',
];
