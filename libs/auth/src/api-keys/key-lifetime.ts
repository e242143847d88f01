import { ValidationProblem } from '@copilot/http';
import type { ApiKeyRecord } from '@copilot/persistence';
import type { AuthContext } from '../auth-context';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The latest a key created by `actor` may expire, or null for no limit. A credential
 * cannot mint one that outlives it: a key created with an expiring key expires with it
 * at the latest, and one created with a JWT (which lives minutes, and whose holder may
 * be anyone who intercepted it) within JWT_KEY_MAX_LIFETIME_DAYS. Non-expiring keys and
 * the operator's CLI may create keys without expiry.
 */
export function latestExpiryFor(
  actor: AuthContext,
  creatorKey: Pick<ApiKeyRecord, 'expiresAt'> | null,
  tokenKeyMaxDays: number,
  now = Date.now(),
): Date | null {
  if (actor.principalType === 'jwt') return new Date(now + tokenKeyMaxDays * DAY_MS);
  if (actor.principalType === 'api_key') return creatorKey?.expiresAt ?? null;
  return null;
}

/**
 * The expiry a new key gets under that cap: the asked one if it is within it, the cap
 * itself when none was asked for (documented on POST /v1/api-keys); a later one is a 400.
 */
export function cappedExpiry(asked: Date | null | undefined, latest: Date | null): Date | null {
  if (!latest) return asked ?? null;
  if (!asked) return latest;
  if (asked > latest) {
    throw new ValidationProblem([
      {
        field: 'body.expiresAt',
        message: `expected at most ${latest.toISOString()}: a key cannot outlive the credential that creates it`,
      },
    ]);
  }
  return asked;
}
