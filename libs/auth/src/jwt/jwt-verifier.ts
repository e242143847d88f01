import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { jwtConfig } from '@copilot/config';
import { Problem } from '@copilot/http';
import { NotBeforeError, TokenExpiredError } from 'jsonwebtoken';
import { type SecretOrKeyProvider, Strategy, type VerifiedCallback } from 'passport-jwt';
import { Ed25519VerificationKey, installEd25519Support } from './ed25519-support';
import { JwksKeyStore } from './jwks-key-store';
import {
  type ClaimRules,
  isRecord,
  KID_PATTERN,
  principalFromClaims,
  TOKEN_EXPIRED,
  TOKEN_INVALID,
  TOKEN_NOT_YET_VALID,
  TOKEN_UNKNOWN_KEY,
  SigningKeysUnavailable,
  TokenRejected,
} from './jwt-claims';

export const JWT_OPTIONS = Symbol('JWT_OPTIONS');
export type JwtSettings = ReturnType<typeof jwtConfig.build>;

/** Who a verified bearer token speaks for. */
export interface JwtPrincipal {
  tenantId: string;
  subject: string;
  scopes: string[];
}

/** Far above any real token; parsing megabytes of attacker input buys nothing. */
const MAX_TOKEN_LENGTH = 8_192;
type JwksAlgorithm = 'RS256' | 'ES256' | 'EdDSA';
const JWKS_ALGORITHMS: readonly string[] = ['RS256', 'ES256', 'EdDSA'] satisfies JwksAlgorithm[];

interface TokenRequest {
  token: string;
}
type VerificationKey = KeyObject | Ed25519VerificationKey;
type KeyDone = (error: Error | null, key?: VerificationKey) => void;

/**
 * Verifies bearer JWTs: our own HS256 tokens (JWT_SECRET, or JWT_SECRETS picked by kid) and an
 * identity provider's RS256/ES256/EdDSA tokens (keys from its JWKS). The algorithm is read from
 * the header only to choose WHERE to look for a key; each store serves one key type, so an HS256
 * token can never be checked against a public key ("key confusion"), nor RS256 against a secret.
 * passport-jwt's Strategy runs the check, driven as passport drives it, without an HTTP request.
 */
@Injectable()
export class JwtVerifier {
  private readonly strategy: Strategy;
  private readonly defaultSecret: KeyObject | undefined;
  private readonly namedSecrets: ReadonlyMap<string, KeyObject>;
  private readonly jwks: JwksKeyStore | undefined;

  constructor(@Inject(JWT_OPTIONS) settings: JwtSettings) {
    installEd25519Support();
    this.defaultSecret = settings.secret ? createSecretKey(Buffer.from(settings.secret, 'utf8')) : undefined;
    this.namedSecrets = new Map(
      settings.namedSecrets.map(({ kid, secret }) => [kid, createSecretKey(Buffer.from(secret, 'utf8'))]),
    );
    this.jwks = settings.jwksUrl
      ? new JwksKeyStore({
          jwksUrl: settings.jwksUrl,
          cacheMs: settings.jwksCacheMs,
          cooldownMs: settings.jwksCooldownMs,
          staleMaxMs: settings.jwksStaleMaxSeconds * 1000,
        })
      : undefined;

    const { issuer, audience, tenantClaim, clockSkewSeconds } = settings;
    const rules: ClaimRules = { issuer, audience, tenantClaim, clockSkewSeconds };
    const keyProvider = (_request: TokenRequest, rawToken: unknown, done: KeyDone): void => {
      this.keyFor(rawToken).then(
        (key) => done(null, key),
        (error: unknown) => done(error instanceof Error ? error : new TokenRejected(TOKEN_INVALID)),
      );
    };
    this.strategy = new Strategy(
      {
        jwtFromRequest: (request: TokenRequest) => request.token,
        // The typings promise string | Buffer; jsonwebtoken takes KeyObjects too, and the Ed25519
        // wrapper is intercepted before jsonwebtoken sees it.
        secretOrKeyProvider: keyProvider as SecretOrKeyProvider<TokenRequest>,
        issuer: settings.issuer,
        audience: settings.audience,
        // EdDSA never reaches jsonwebtoken (see ed25519-support.ts); listing it would make it throw.
        algorithms: ['HS256', 'RS256', 'ES256'],
        jsonWebTokenOptions: { clockTolerance: settings.clockSkewSeconds },
      },
      (payload: unknown, done: VerifiedCallback) => {
        try {
          done(null, principalFromClaims(payload, rules, Math.floor(Date.now() / 1000)));
        } catch (rejection) {
          done(null, false, rejection);
        }
      },
    );
  }

  /**
   * The caller behind `token`, or UnauthorizedException with a message safe to return; a
   * 503 Problem (with Retry-After) when the identity provider's keys are out of reach.
   */
  verify(token: string): Promise<JwtPrincipal> {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      return Promise.reject(new UnauthorizedException(TOKEN_INVALID));
    }
    return new Promise<JwtPrincipal>((resolve, reject) => {
      // What passport.authenticate() does: a per-attempt object inheriting from the strategy,
      // given the outcome callbacks the strategy calls.
      const attempt = Object.create(this.strategy) as Strategy;
      attempt.success = (user: JwtPrincipal) => resolve(user);
      attempt.fail = (challenge?: unknown) => reject(unauthorized(challenge));
      attempt.error = (error: unknown) => reject(unauthorized(error));
      attempt.pass = () => reject(unauthorized(undefined));
      attempt.redirect = () => reject(unauthorized(undefined));
      try {
        attempt.authenticate({ token } as unknown as Parameters<Strategy['authenticate']>[0]);
      } catch (error) {
        reject(unauthorized(error));
      }
    });
  }

  private async keyFor(rawToken: unknown): Promise<VerificationKey> {
    const header = headerOf(rawToken);
    const { alg, kid } = header;
    if (kid !== undefined && (typeof kid !== 'string' || !KID_PATTERN.test(kid))) {
      throw new TokenRejected(TOKEN_INVALID);
    }
    if (alg === 'HS256') return this.sharedSecret(kid);
    if (typeof alg === 'string' && JWKS_ALGORITHMS.includes(alg)) {
      return this.identityProviderKey(alg as JwksAlgorithm, kid);
    }
    throw new TokenRejected(TOKEN_INVALID); // `none`, HS384, PS256, ...: not on the allow-list.
  }

  /** No kid: JWT_SECRET. A kid: that JWT_SECRETS entry ("default" also names JWT_SECRET). */
  private sharedSecret(kid: string | undefined): KeyObject {
    const secret =
      kid === undefined
        ? this.defaultSecret
        : (this.namedSecrets.get(kid) ?? (kid === 'default' ? this.defaultSecret : undefined));
    if (!secret) throw new TokenRejected(TOKEN_UNKNOWN_KEY);
    return secret;
  }

  private async identityProviderKey(alg: JwksAlgorithm, kid: string | undefined): Promise<VerificationKey> {
    // The IdP's tokens must name their key: no guessing among several.
    if (!this.jwks || kid === undefined) throw new TokenRejected(TOKEN_UNKNOWN_KEY);
    const found = await this.jwks.get(kid);
    if (!found) throw new TokenRejected(TOKEN_UNKNOWN_KEY);
    if ((found.alg !== undefined && found.alg !== alg) || !keyFits(alg, found.key)) {
      throw new TokenRejected(TOKEN_INVALID);
    }
    return alg === 'EdDSA' ? new Ed25519VerificationKey(found.key) : found.key;
  }
}

/** One algorithm per key type: RSA (2048 bits or more), P-256, Ed25519. */
function keyFits(alg: JwksAlgorithm, key: KeyObject): boolean {
  switch (alg) {
    case 'RS256':
      return key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048;
    case 'ES256':
      return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
    case 'EdDSA':
      return key.asymmetricKeyType === 'ed25519';
  }
}

function headerOf(rawToken: unknown): Record<string, unknown> {
  if (typeof rawToken !== 'string') throw new TokenRejected(TOKEN_INVALID);
  try {
    const header: unknown = JSON.parse(Buffer.from(rawToken.split('.')[0], 'base64url').toString('utf8'));
    if (isRecord(header)) return header;
  } catch {
    // Falls through to the rejection below.
  }
  throw new TokenRejected(TOKEN_INVALID);
}

function unauthorized(reason: unknown): UnauthorizedException | Problem {
  if (reason instanceof SigningKeysUnavailable) {
    return new Problem(
      503,
      {
        type: '/problems/identity-provider-unavailable',
        title: 'Identity provider unavailable',
        detail: reason.message,
      },
      { 'Retry-After': String(reason.retryAfterSeconds) },
    );
  }
  if (reason instanceof TokenRejected) return new UnauthorizedException(reason.message);
  // jsonwebtoken's own messages may quote configuration; only its error types are used.
  if (reason instanceof TokenExpiredError) return new UnauthorizedException(TOKEN_EXPIRED);
  if (reason instanceof NotBeforeError) return new UnauthorizedException(TOKEN_NOT_YET_VALID);
  return new UnauthorizedException(TOKEN_INVALID);
}
