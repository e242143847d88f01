import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { JwksClient } from 'jwks-rsa';
import { KEYS_UNAVAILABLE, KID_PATTERN, TokenRejected } from './jwt-claims';

export interface JwksKey {
  kid: string;
  /** The JWK's own `alg`, when the identity provider states one. */
  alg?: string;
  key: KeyObject;
}

export interface JwksKeyStoreOptions {
  jwksUrl: string;
  /** How long a fetched key set is trusted without asking again. */
  cacheMs: number;
  /** Minimum time between two fetches, whatever asks for them (unknown kids cannot flood the IdP). */
  cooldownMs: number;
  timeoutMs?: number;
}

/**
 * The identity provider's public keys, by kid. jwks-rsa fetches the JWKS (timeout, HTTP errors);
 * node:crypto imports each JWK straight into a KeyObject (RSA, EC, Ed25519), so the key type is
 * known exactly (jwks-rsa's getSigningKeys would go JWK -> PEM through `jose`, and drop `kty`/`crv`).
 * The caching is ours: jwks-rsa's (a per-kid memoizer plus a per-minute rate limiter) cannot say
 * "refresh the whole set on an unknown kid, at most once per cool-down", and keeps removed keys.
 */
export class JwksKeyStore {
  private readonly client: JwksClient;
  private keys = new Map<string, JwksKey>();
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private attemptedAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<void> | undefined;
  private readonly logger = new Logger(JwksKeyStore.name);

  constructor(private readonly options: JwksKeyStoreOptions) {
    // jwks-rsa's cache and rate limiter off: this class does both, for the whole key set.
    this.client = new JwksClient({
      jwksUri: options.jwksUrl,
      cache: false,
      rateLimit: false,
      timeout: options.timeoutMs ?? 5_000,
    });
  }

  /** The key for `kid`, refreshing the set when it is stale or lacks the kid (cool-down allowing). */
  async get(kid: string): Promise<JwksKey | undefined> {
    if (this.isFresh() && this.keys.has(kid)) return this.keys.get(kid);
    if (this.inflight) await this.inflight;
    else if (Date.now() - this.attemptedAt >= this.options.cooldownMs) await this.refresh();
    // A failed refresh keeps the last good set for one more cache period (IdP outage), no longer.
    if (Date.now() - this.fetchedAt >= 2 * this.options.cacheMs) throw new TokenRejected(KEYS_UNAVAILABLE);
    return this.keys.get(kid);
  }

  private isFresh(): boolean {
    return Date.now() - this.fetchedAt < this.options.cacheMs;
  }

  /** One fetch at a time; concurrent callers share it. Never rejects: a failure keeps the old set. */
  private refresh(): Promise<void> {
    this.inflight ??= this.load().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async load(): Promise<void> {
    this.attemptedAt = Date.now();
    try {
      const published = await this.client.getKeys();
      if (!Array.isArray(published) || published.length === 0) throw new Error('the JWKS has no keys');
      const next = new Map<string, JwksKey>();
      for (const jwk of published) {
        const key = importJwk(jwk);
        if (key && !next.has(key.kid)) next.set(key.kid, key);
      }
      this.keys = next;
      this.fetchedAt = Date.now();
    } catch (error) {
      // Unreachable or empty JWKS: keep the previous set; get() decides whether it is still usable.
      this.logger.warn(`Fetching the JWKS failed: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
  }
}

/** A signing key we could use, else undefined (encryption keys, odd types, kids we would refuse in a token). */
function importJwk(jwk: unknown): JwksKey | undefined {
  if (typeof jwk !== 'object' || jwk === null) return undefined;
  const { kid, alg, use, kty } = jwk as Record<string, unknown>;
  if (typeof kid !== 'string' || !KID_PATTERN.test(kid)) return undefined;
  if ((use !== undefined && use !== 'sig') || !['RSA', 'EC', 'OKP'].includes(String(kty))) return undefined;
  try {
    const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    return { kid, key, ...(typeof alg === 'string' ? { alg } : {}) };
  } catch {
    return undefined;
  }
}
