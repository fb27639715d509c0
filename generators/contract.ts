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

/** What the endpoint logs when the secret is missing or blank; the same sentence in every language. */
export const missingSecretLog = (envVar: string) => `[intercom] ${envVar} is not set (or is blank); refusing to sign an Intercom JWT`;

/** Claim names `--attributes` may not take: the endpoint writes these itself. */
export const reservedClaims: readonly string[] = contract.claims;

/** The `--attributes` value as a list of attribute names (empty for none). */
export const attributeNames = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);

/** How a language writes the entries of a map literal. */
export interface ClaimSyntax {
  quote: '' | "'" | '"';
  separator: ': ' | ' => ';
  /** Whether the last entry of a multi-line literal takes a comma too (RuboCop's default wants none). */
  trailingComma: boolean;
  /** The claims literal's entry that merges in the signed attributes (`...` in JS, `**` in Python and Ruby); none in PHP. */
  spread?: '...' | '**';
}

/** A target's claim expressions and how it reads a signed attribute from the user. */
export interface ClaimsContext {
  claimSyntax: ClaimSyntax;
  claimExprs: Record<Claim, string>;
  /** The generated file that signs the token (and reads the signed attributes). */
  endpointFile: string;
  /** The function that reads the signed attributes, and what the claims literal passes it: the user. */
  attributesReader: { fn: string; user: string };
  /** The expression that reads attribute `name` from the signed-in user, inside that function. */
  readAttribute: (name: string) => string;
  /** With `--auth custom`: the marked function that says who is signed in, for the user to fill in (the summary names it). */
  customAuth?: { fn: string };
}

/** A key and its expression, or (without a key) an entry that merges another map in. */
type Entry = [key: string | undefined, expr: string];

/** One entry per line, each with its comma, for the `backend/entries` partial. */
function entries(syntax: ClaimSyntax, pairs: Entry[]): string[] {
  return pairs.map(([key, expr], i) => {
    const entry = key === undefined ? expr : `${syntax.quote}${key}${syntax.quote}${syntax.separator}${expr}`;
    return i < pairs.length - 1 || syntax.trailingComma ? `${entry},` : entry;
  });
}

/** The claims literal, in the language's own map syntax: the signed attributes merge in after name. */
export function claimLines(context: ClaimsContext, attributes: readonly string[]): string[] {
  const { claimSyntax: syntax, claimExprs: exprs, attributesReader: reader } = context;
  const merge: Entry[] = attributes.length && syntax.spread ? [[undefined, `${syntax.spread}${reader.fn}(${reader.user})`]] : [];
  return entries(
    syntax,
    contract.claims.flatMap((claim): Entry[] => [[claim, exprs[claim]], ...(claim === 'name' ? merge : [])]),
  );
}

/** The body of the signed-attributes function: one attribute per line, read from the user. */
export function attributeLines(context: ClaimsContext, attributes: readonly string[]): string[] {
  return entries(
    context.claimSyntax,
    attributes.map((name) => [name, context.readAttribute(name)]),
  );
}

/** The Messenger Security step for `--attributes`, after securitySteps. */
export const protectAttributesStep = (attributes: readonly string[]) =>
  `On the same page, also mark the signed attributes ${attributes.join(', ')} as protected ("require verified updates").`;

export const securitySteps = [
  'Open Intercom > Settings > Messenger > Security and enable identity verification (JWT).',
  'Once logged-in users boot with a token, switch it to "Enforced" so unsigned identities are rejected.',
  'On the same page, mark email, phone and account IDs as protected attributes, so only signed JWTs can set them.',
];
