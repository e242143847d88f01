import type { JwtPrincipal } from './jwt-verifier';

export interface ClaimRules {
  issuer: string;
  audience: string;
  tenantClaim: string;
  clockSkewSeconds: number;
}

export const TOKEN_INVALID = 'The bearer token is not valid.';
export const TOKEN_EXPIRED = 'The bearer token has expired.';
export const TOKEN_NOT_YET_VALID = 'The bearer token is not valid yet.';
export const TOKEN_NO_TENANT = 'The token has no tenant.';
export const TOKEN_NO_SUBJECT = 'The token has no subject.';
export const TOKEN_UNKNOWN_KEY = 'The bearer token was signed with an unknown key.';
export const KEYS_UNAVAILABLE = "The identity provider's signing keys are unavailable; try again later.";

/** A rejection whose message is safe to send to the caller (no token, no key material). */
export class TokenRejected extends Error {
  override readonly name = 'TokenRejected';
}

/**
 * The token cannot be checked (the identity provider's keys are out of reach), which says
 * nothing about the token itself: the caller should retry, not drop its credential.
 */
export class SigningKeysUnavailable extends Error {
  override readonly name = 'SigningKeysUnavailable';
  constructor(readonly retryAfterSeconds: number) {
    super(KEYS_UNAVAILABLE);
  }
}

export const KID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The registered claims and ours, checked on every token whatever its algorithm: jsonwebtoken
 * already checks iss/aud/exp/nbf for HS256/RS256/ES256, but it neither requires `exp` nor
 * verifies EdDSA at all (see ed25519-support.ts), so these rules are the single source of truth.
 */
export function principalFromClaims(payload: unknown, rules: ClaimRules, nowSeconds: number): JwtPrincipal {
  if (!isRecord(payload)) throw new TokenRejected(TOKEN_INVALID);
  const { exp, nbf, iss, aud, sub } = payload;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new TokenRejected(TOKEN_INVALID);
  if (nowSeconds >= exp + rules.clockSkewSeconds) throw new TokenRejected(TOKEN_EXPIRED);
  if (nbf !== undefined && (typeof nbf !== 'number' || !Number.isFinite(nbf))) throw new TokenRejected(TOKEN_INVALID);
  if (typeof nbf === 'number' && nbf > nowSeconds + rules.clockSkewSeconds) {
    throw new TokenRejected(TOKEN_NOT_YET_VALID);
  }
  if (iss !== rules.issuer) throw new TokenRejected(TOKEN_INVALID);
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(rules.audience)) throw new TokenRejected(TOKEN_INVALID);
  if (typeof sub !== 'string' || sub.length === 0) throw new TokenRejected(TOKEN_NO_SUBJECT);

  const tenant = payload[rules.tenantClaim];
  if (typeof tenant !== 'string' || !UUID.test(tenant)) throw new TokenRejected(TOKEN_NO_TENANT);
  // Postgres prints UUIDs in lower case: compare like with like downstream.
  return { tenantId: tenant.toLowerCase(), subject: sub, scopes: scopesOf(payload) };
}

/** `scope` (RFC 8693, space-separated), `scp` (string or array: Azure AD, Okta), `permissions` (Auth0). */
function scopesOf(payload: Record<string, unknown>): string[] {
  const found: string[] = [];
  const { scope, scp, permissions } = payload;
  if (typeof scope === 'string') found.push(...splitScopes(scope));
  if (typeof scp === 'string') found.push(...splitScopes(scp));
  if (Array.isArray(scp)) found.push(...scp.filter(isString));
  if (Array.isArray(permissions)) found.push(...permissions.filter(isString));
  return [...new Set(found.filter((s) => s.length > 0))];
}

function splitScopes(raw: string): string[] {
  return raw.split(/\s+/);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
