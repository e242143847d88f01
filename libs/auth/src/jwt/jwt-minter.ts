import { sign } from 'jsonwebtoken';
import type { JwtSettings } from './jwt-verifier';

export interface LocalTokenInput {
  tenantId: string;
  scopes: string[];
  /** Who the token is for; `cli` when an operator mints one by hand. */
  subject?: string;
  ttlSeconds?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A self-issued HS256 token that JwtVerifier accepts. Signs with the first JWT_SECRETS entry
 * (the current key during a rotation) and names it in `kid`, else with JWT_SECRET and no kid.
 */
export function mintLocalToken(settings: JwtSettings, input: LocalTokenInput): string {
  const named = settings.namedSecrets[0];
  const secret = named?.secret ?? settings.secret;
  if (!secret) {
    throw new Error(
      'Cannot mint a local token: no shared secret is configured (set JWT_SECRET or JWT_SECRETS; ' +
        'tokens for an identity provider are issued by that provider).',
    );
  }
  // Fail here rather than mint a token the verifier will refuse.
  if (!UUID.test(input.tenantId)) throw new Error('Cannot mint a local token: tenantId must be a UUID.');
  const ttlSeconds = input.ttlSeconds ?? 3_600;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new Error('Cannot mint a local token: ttlSeconds must be a positive integer.');
  }
  return sign({ [settings.tenantClaim]: input.tenantId, scope: input.scopes.join(' ') }, secret, {
    algorithm: 'HS256',
    issuer: settings.issuer,
    audience: settings.audience,
    subject: input.subject ?? 'cli',
    expiresIn: ttlSeconds,
    ...(named ? { keyid: named.kid } : {}),
  });
}
