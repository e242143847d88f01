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
      schema: secret.optional(),
      localDefault: 'local-development-only-secret-change-me-0123456789',
      secret: true,
    },
    JWT_SECRETS: { schema: namedSecrets.default([]), secret: true },
    JWT_JWKS_URL: { schema: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional() },
    JWT_ISSUER: { schema: z.string().min(1), localDefault: 'copilot-platform' },
    JWT_AUDIENCE: { schema: z.string().min(1), localDefault: 'copilot-api' },
    JWT_TENANT_CLAIM: { schema: z.string().min(1).default('tenant_id') },
    JWT_CLOCK_SKEW_SECONDS: { schema: z.coerce.number().int().min(0).max(300).default(30) },
    JWT_JWKS_CACHE_MS: { schema: positiveInt.default(600_000) },
    JWT_JWKS_COOLDOWN_MS: { schema: positiveInt.default(30_000) },
  },
  (v) => ({
    secret: v.JWT_SECRET,
    namedSecrets: v.JWT_SECRETS,
    jwksUrl: v.JWT_JWKS_URL,
    issuer: v.JWT_ISSUER,
    audience: v.JWT_AUDIENCE,
    tenantClaim: v.JWT_TENANT_CLAIM,
    clockSkewSeconds: v.JWT_CLOCK_SKEW_SECONDS,
    jwksCacheMs: v.JWT_JWKS_CACHE_MS,
    jwksCooldownMs: v.JWT_JWKS_COOLDOWN_MS,
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
    // Comma-separated origins; `*` is refused. Empty: no cross-origin access (open only in APP_ENV=local).
    CORS_ORIGINS: { schema: z.string(), localDefault: '' },
    BODY_LIMIT_BYTES: { schema: positiveInt.default(1_048_576) },
    RATE_LIMIT_REQUESTS: { schema: positiveInt.default(100) },
    RATE_LIMIT_WINDOW_MS: { schema: positiveInt.default(60_000) },
    RATE_LIMIT_TENANT_REQUESTS: { schema: positiveInt.default(1_000) },
  },
  (v) => ({
    corsOrigins: v.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    bodyLimitBytes: v.BODY_LIMIT_BYTES,
    rateLimit: {
      requests: v.RATE_LIMIT_REQUESTS,
      windowMs: v.RATE_LIMIT_WINDOW_MS,
      tenantRequests: v.RATE_LIMIT_TENANT_REQUESTS,
    },
  }),
  (v) =>
    (v.CORS_ORIGINS ?? '').split(',').some((o) => o.trim() === '*')
      ? ['CORS_ORIGINS: list the allowed origins; "*" is not accepted']
      : [],
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
    ENCRYPTION_KEY: { schema: key32, localDefault: 'bG9jYWwtb25seS1lbmNyeXB0aW9uLWtleS0zMmJ5dGU=', secret: true },
    ENCRYPTION_KEY_VERSION: { schema: positiveInt.default(1) },
    // `version:key,...`: earlier keys, still able to decrypt until everything is re-encrypted.
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
        .default([]),
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
