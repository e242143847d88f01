import { createHash } from 'node:crypto';
import type { AuthenticatedRequest } from './auth-context';

// header.payload.signature, each base64url: how a JWT differs from an API key (cp_...).
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** As many characters as a key's listed prefix (generateApiKeySecret). */
const KEY_PREFIX_LENGTH = 10;

export type PresentedCredential = { kind: 'api_key' | 'jwt'; value: string } | { kind: 'none' };

/** The credential of a request: `x-api-key`, else `Authorization: Bearer` (a key or a JWT). */
export function presentedCredential(request: AuthenticatedRequest): PresentedCredential {
  const apiKeyHeader = request.headers['x-api-key'];
  if (typeof apiKeyHeader === 'string' && apiKeyHeader.trim()) return { kind: 'api_key', value: apiKeyHeader.trim() };
  const authorization = request.headers.authorization;
  const bearer = typeof authorization === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
  if (!bearer) return { kind: 'none' };
  return { kind: JWT_SHAPE.test(bearer) ? 'jwt' : 'api_key', value: bearer };
}

/**
 * What failed authentications are counted by, besides the address: a key by its prefix
 * (what listings show; the rest is secret), so guesses at one known key share one count;
 * a token by a hash of all of it (its first characters are the same header for every
 * token of an issuer, which would lump a NAT's users together again).
 */
export function failureBucketOf(credential: PresentedCredential): string {
  if (credential.kind === 'none') return 'none';
  if (credential.kind === 'api_key') return `key:${credential.value.slice(0, KEY_PREFIX_LENGTH)}`;
  return `jwt:${createHash('sha256').update(credential.value).digest('hex').slice(0, 32)}`;
}
