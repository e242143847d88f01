import { type KeyObject, verify as verifySignature } from 'node:crypto';
import { Strategy } from 'passport-jwt';
import { isRecord, TOKEN_INVALID, TokenRejected } from './jwt-claims';

/**
 * jsonwebtoken 9 (which passport-jwt calls) cannot verify EdDSA: its `jwa` knows no such
 * algorithm and it refuses Ed25519 keys ("Unknown key type"). passport-jwt exposes the call it
 * makes as the static `Strategy.JwtVerifier`; we wrap it once, and only a key of this private
 * class, which only our key provider hands out for an `EdDSA` token and an Ed25519 JWKS key, is
 * verified here with node:crypto. Every other key goes to jsonwebtoken untouched, so any other
 * passport-jwt strategy in the process behaves as before. If the wrapper is ever missing (a second
 * copy of passport-jwt), jsonwebtoken gets this object as a key and rejects it: fail closed.
 */
export class Ed25519VerificationKey {
  constructor(readonly key: KeyObject) {}
}

const WRAPPED = Symbol.for('@copilot/auth:ed25519-verifier');
const BASE64URL = /^[A-Za-z0-9_-]+$/;

type VerifyDone = (error: Error | null, payload?: unknown) => void;
type PassportJwtVerifier = (token: string, key: unknown, options: unknown, done: VerifyDone) => void;
interface VerifierHolder {
  JwtVerifier: PassportJwtVerifier;
  [WRAPPED]?: true;
}

export function installEd25519Support(): void {
  const holder = Strategy as unknown as VerifierHolder;
  if (holder[WRAPPED]) return;
  const original = holder.JwtVerifier;
  holder.JwtVerifier = (token, key, options, done) =>
    key instanceof Ed25519VerificationKey ? verifyEd25519(token, key.key, done) : original(token, key, options, done);
  holder[WRAPPED] = true;
}

/** Signature and header only: the claims are checked afterwards, for every algorithm alike. */
function verifyEd25519(token: string, key: KeyObject, done: VerifyDone): void {
  const parts = token.split('.');
  const [header, payload, signature] = parts;
  if (parts.length !== 3 || ![header, payload, signature].every((p) => BASE64URL.test(p))) {
    return done(new TokenRejected(TOKEN_INVALID));
  }
  try {
    const alg: unknown = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg;
    const signed = Buffer.from(`${header}.${payload}`, 'ascii');
    if (alg !== 'EdDSA' || key.asymmetricKeyType !== 'ed25519') return done(new TokenRejected(TOKEN_INVALID));
    if (!verifySignature(null, signed, key, Buffer.from(signature, 'base64url'))) {
      return done(new TokenRejected(TOKEN_INVALID));
    }
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return isRecord(claims) ? done(null, claims) : done(new TokenRejected(TOKEN_INVALID));
  } catch {
    return done(new TokenRejected(TOKEN_INVALID));
  }
}
