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
