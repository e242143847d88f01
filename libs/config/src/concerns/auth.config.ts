import { z } from 'zod';
import { defineConcern } from '../lib/define-settings';
import { positiveInt } from '../lib/types';

const secret = z.string().min(32, 'expected at least 32 characters');
const kid = /^[A-Za-z0-9._-]{1,64}$/;

/** `kid:secret,kid:secret`: several HS256 keys, so one can be rotated with an overlap. */
const namedSecrets = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((pair) => pair.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z
        .string()
        .regex(/^[A-Za-z0-9._-]{1,64}:.{32,}$/, 'expected kid:secret pairs, each secret at least 32 characters')
        .transform((pair) => ({ kid: pair.slice(0, pair.indexOf(':')), secret: pair.slice(pair.indexOf(':') + 1) })),
    ),
  );

/** JWTs: self-issued HS256 (JWT_SECRET, JWT_SECRETS) and/or an identity provider's JWKS. */
export const jwtConfig = defineConcern(
  'jwt',
  {
    JWT_SECRET: {
      schema: secret.optional().describe('Shared secret for self-issued HS256 tokens (`token:mint`)'),
      localDefault: 'local-development-only-secret-change-me-0123456789',
      secret: true,
    },
    JWT_SECRETS: {
      schema: namedSecrets.default([]).meta({
        description:
          'More HS256 keys; tokens name theirs in the `kid` header, `token:mint` signs with the first. To rotate: add the new pair first, drop the old one later',
        values: '`kid:secret,...` (secrets >= 32 characters)',
      }),
      secret: true,
    },
    JWT_JWKS_URL: {
      schema: z
        .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
        .optional()
        .describe("An identity provider's JWKS (RS256, ES256 or EdDSA tokens)"),
    },
    JWT_ISSUER: {
      schema: z.string().min(1).describe('Required `iss` of every token'),
      localDefault: 'copilot-platform',
    },
    JWT_AUDIENCE: { schema: z.string().min(1).describe('Required `aud` of every token'), localDefault: 'copilot-api' },
    JWT_TENANT_CLAIM: {
      schema: z.string().min(1).default('tenant_id').describe('The token claim that carries the tenant id (a UUID)'),
    },
    JWT_CLOCK_SKEW_SECONDS: {
      schema: z.coerce.number().int().min(0).max(300).default(30).describe('Tolerated clock difference for exp/nbf'),
    },
    JWT_KEY_MAX_LIFETIME_DAYS: {
      schema: positiveInt
        .max(3_650)
        .default(90)
        .describe(
          'Longest lifetime of an API key created with a JWT (POST /v1/api-keys): a token lives minutes, so it must not mint a key that never expires; omitted expiresAt means this long',
        ),
    },
    JWT_JWKS_CACHE_MS: { schema: positiveInt.default(600_000).describe('How long JWKS keys are cached') },
    JWT_JWKS_COOLDOWN_MS: {
      schema: positiveInt
        .default(30_000)
        .describe('Least time between two JWKS re-fetches for a token naming an unknown kid'),
    },
    JWT_JWKS_STALE_MAX_SECONDS: {
      schema: positiveInt
        .default(3_600)
        .describe(
          'While the JWKS host is down, how long after its last successful fetch the key set still verifies tokens; then 503 with Retry-After',
        ),
    },
  },
  (v) => ({
    secret: v.JWT_SECRET,
    namedSecrets: v.JWT_SECRETS,
    jwksUrl: v.JWT_JWKS_URL,
    issuer: v.JWT_ISSUER,
    audience: v.JWT_AUDIENCE,
    tenantClaim: v.JWT_TENANT_CLAIM,
    clockSkewSeconds: v.JWT_CLOCK_SKEW_SECONDS,
    keyMaxLifetimeDays: v.JWT_KEY_MAX_LIFETIME_DAYS,
    jwksCacheMs: v.JWT_JWKS_CACHE_MS,
    jwksCooldownMs: v.JWT_JWKS_COOLDOWN_MS,
    jwksStaleMaxSeconds: v.JWT_JWKS_STALE_MAX_SECONDS,
  }),
  (v) => {
    const problems: string[] = [];
    const named = v.JWT_SECRETS ?? [];
    if (!v.JWT_SECRET && named.length === 0 && !v.JWT_JWKS_URL) {
      problems.push('JWT_SECRET: is required (or JWT_SECRETS, or JWT_JWKS_URL for an identity provider)');
    }
    const kids = named.map((s) => s.kid);
    if (new Set(kids).size !== kids.length) problems.push('JWT_SECRETS: each kid must be unique');
    if (kids.some((k) => !kid.test(k))) problems.push('JWT_SECRETS: kids may use letters, digits, ".", "_" and "-"');
    return problems;
  },
);

/** The public HTTP edge: CORS, body size, rate limits. */
export const edgeConfig = defineConcern(
  'edge',
  {
    CORS_ORIGINS: {
      schema: z.string().meta({
        description:
          'Origins allowed to call the api from a browser. Empty: none, except that APP_ENV=local allows any',
        values: 'comma-separated origins (`*` is refused)',
      }),
      localDefault: '',
    },
    BODY_LIMIT_BYTES: {
      schema: positiveInt.default(1_048_576).describe('Largest request body accepted (larger: 413)'),
    },
    JSON_MAX_DEPTH: {
      schema: positiveInt
        .max(1_000)
        .default(64)
        .describe('Deepest nesting of arrays and objects accepted in a JSON body (deeper: 400)'),
    },
    RATE_LIMIT_REQUESTS: {
      schema: positiveInt
        .default(100)
        .describe('Requests per window for each API key or token subject (a key may have its own limit)'),
    },
    RATE_LIMIT_WINDOW_MS: { schema: positiveInt.default(60_000).describe('The rate limit window') },
    RATE_LIMIT_TENANT_REQUESTS: {
      schema: positiveInt
        .default(1_000)
        .describe('Requests per window for a whole tenant, all its keys and tokens together'),
    },
    AUTH_FAILURE_LIMIT: {
      schema: positiveInt
        .default(30)
        .describe(
          'Failed authentications per window from one client address with one credential (an API key by its prefix, a token by its hash); beyond it that credential gets 429 from that address until the window ends, other credentials behind the same address do not',
        ),
    },
    AUTH_FAILURE_ADDRESS_LIMIT: {
      schema: positiveInt
        .optional()
        .describe(
          'Failed authentications per window from one client address, all credentials together (default: 10 x AUTH_FAILURE_LIMIT); beyond it the whole address gets 429, valid credentials included. It stops key guessing with a new prefix each try, and is high so that one NAT of honest clients does not reach it',
        ),
    },
    TRUST_PROXY: {
      schema: z.string().default('').meta({
        description:
          'Proxies in front of the api whose X-Forwarded-For is believed, for the client address (Fastify trustProxy). Empty: the socket peer is the client',
        values: '`true` (any), or comma-separated addresses/CIDRs',
      }),
    },
  },
  (v) => ({
    corsOrigins: v.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    bodyLimitBytes: v.BODY_LIMIT_BYTES,
    jsonMaxDepth: v.JSON_MAX_DEPTH,
    rateLimit: {
      requests: v.RATE_LIMIT_REQUESTS,
      windowMs: v.RATE_LIMIT_WINDOW_MS,
      tenantRequests: v.RATE_LIMIT_TENANT_REQUESTS,
      authFailures: v.AUTH_FAILURE_LIMIT,
      authFailuresPerAddress: v.AUTH_FAILURE_ADDRESS_LIMIT ?? 10 * v.AUTH_FAILURE_LIMIT,
    },
    trustProxy: parseTrustProxy(v.TRUST_PROXY),
  }),
  (v) => [
    ...((v.CORS_ORIGINS ?? '').split(',').some((o) => o.trim() === '*')
      ? ['CORS_ORIGINS: list the allowed origins; "*" is not accepted']
      : []),
    ...(v.AUTH_FAILURE_ADDRESS_LIMIT !== undefined && v.AUTH_FAILURE_ADDRESS_LIMIT < (v.AUTH_FAILURE_LIMIT ?? 30)
      ? ['AUTH_FAILURE_ADDRESS_LIMIT: must be at least AUTH_FAILURE_LIMIT (it counts every credential of the address)']
      : []),
  ],
);

const key32 = z
  .string()
  .refine(
    (raw) => Buffer.from(raw, 'base64').length === 32,
    'expected 32 bytes, base64-encoded (openssl rand -base64 32)',
  );

/** Secrets at rest (AES-256-GCM): the current key and the ones it replaced, by version. */
export const encryptionConfig = defineConcern(
  'encryption',
  {
    ENCRYPTION_KEY: {
      schema: key32.meta({
        description: 'AES-256-GCM key for tenant secrets (provider keys, webhook secrets)',
        values: '32 bytes, base64 (`openssl rand -base64 32`)',
      }),
      localDefault: 'bG9jYWwtb25seS1lbmNyeXB0aW9uLWtleS0zMmJ5dGU=',
      secret: true,
    },
    ENCRYPTION_KEY_VERSION: {
      schema: positiveInt.default(1).describe('Version of ENCRYPTION_KEY, stored with every ciphertext'),
    },
    ENCRYPTION_PREVIOUS_KEYS: {
      schema: z
        .string()
        .transform((raw) =>
          raw
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean),
        )
        .pipe(
          z.array(
            z
              .string()
              .regex(/^\d+:[A-Za-z0-9+/=]+$/, 'expected version:base64key pairs')
              .transform((pair) => ({ version: Number(pair.split(':')[0]), key: pair.slice(pair.indexOf(':') + 1) })),
          ),
        )
        .default([])
        .meta({
          description:
            'Keys being rotated out, still able to decrypt; after `secrets:reencrypt` nothing needs them any more',
          values: '`version:base64key,...`',
        }),
      secret: true,
    },
  },
  (v) => ({
    current: { version: v.ENCRYPTION_KEY_VERSION, key: Buffer.from(v.ENCRYPTION_KEY, 'base64') },
    previous: v.ENCRYPTION_PREVIOUS_KEYS.map((k) => ({ version: k.version, key: Buffer.from(k.key, 'base64') })),
  }),
  (v) => {
    const problems: string[] = [];
    for (const k of v.ENCRYPTION_PREVIOUS_KEYS ?? []) {
      if (Buffer.from(k.key, 'base64').length !== 32)
        problems.push(`ENCRYPTION_PREVIOUS_KEYS: key version ${k.version} is not 32 bytes`);
      if (k.version === v.ENCRYPTION_KEY_VERSION)
        problems.push('ENCRYPTION_PREVIOUS_KEYS: a previous key reuses ENCRYPTION_KEY_VERSION');
    }
    return problems;
  },
);

/** TRUST_PROXY as Fastify's trustProxy option: off, every proxy, or the proxies' addresses. */
function parseTrustProxy(raw: string): boolean | string[] {
  const value = raw.trim();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}
