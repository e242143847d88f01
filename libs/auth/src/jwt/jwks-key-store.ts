import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { JwksClient } from 'jwks-rsa';
import { KID_PATTERN, SigningKeysUnavailable } from './jwt-claims';

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
  /**
   * While the JWKS cannot be fetched, the last good set keeps verifying tokens for at most
   * this long after it was fetched (never less than `cacheMs`); then tokens get a 503.
   */
  staleMaxMs: number;
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
  private lastAttemptFailed = false;
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

  /**
   * The key for `kid`, refreshing the set when it is stale or lacks the kid (cool-down allowing).
   * Throws SigningKeysUnavailable when the identity provider cannot be asked and the last good
   * set is missing, too old, or lacks the kid: the token may well be good, so not a 401.
   */
  async get(kid: string): Promise<JwksKey | undefined> {
    if (this.isFresh() && this.keys.has(kid)) return this.keys.get(kid);
    if (this.inflight) await this.inflight;
    else if (Date.now() - this.attemptedAt >= this.options.cooldownMs) await this.refresh();
    if (!this.lastAttemptFailed) return this.keys.get(kid);
    const staleFor = Date.now() - this.fetchedAt;
    if (staleFor >= Math.max(this.options.cacheMs, this.options.staleMaxMs) || !this.keys.has(kid)) {
      throw new SigningKeysUnavailable(this.secondsUntilNextAttempt());
    }
    return this.keys.get(kid);
  }

  private secondsUntilNextAttempt(): number {
    return Math.max(1, Math.ceil((this.attemptedAt + this.options.cooldownMs - Date.now()) / 1000));
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
      this.lastAttemptFailed = false;
    } catch (error) {
      this.lastAttemptFailed = true;
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
