import { createHmac, generateKeyPairSync, type KeyObject, randomUUID, sign as signBytes } from 'node:crypto';
import { sign as signJwt } from 'jsonwebtoken';

export type AsymmetricAlg = 'RS256' | 'ES256' | 'EdDSA';

export interface TestKey {
  kid: string;
  alg: AsymmetricAlg;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public half as the identity provider publishes it. */
  jwk: Record<string, unknown>;
}

export type Claims = Record<string, unknown>;

export const ISSUER = 'https://idp.example.test/';
export const AUDIENCE = 'copilot-api';
export const TENANT = randomUUID();

export function makeKey(alg: AsymmetricAlg, kid: string, modulusLength = 2048): TestKey {
  const { privateKey, publicKey } =
    alg === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength })
      : alg === 'ES256'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('ed25519');
  return { kid, alg, privateKey, publicKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' } };
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Valid claims for the verifier under test; an `undefined` override removes the claim. */
export function claims(overrides: Claims = {}): Claims {
  const base: Claims = { iss: ISSUER, aud: AUDIENCE, sub: 'user-1', tenant_id: TENANT, exp: nowSeconds() + 300 };
  const merged: Claims = { ...base, ...overrides };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
}

/** RS256/ES256 through jsonwebtoken (an independent signer); EdDSA, which it lacks, through node:crypto. */
export function signWithKey(key: TestKey, payload: Claims, kid: string | undefined = key.kid): string {
  if (key.alg === 'EdDSA')
    return compact({ alg: 'EdDSA', typ: 'JWT', kid }, payload, (input) => signBytes(null, input, key.privateKey));
  return signJwt(payload, key.privateKey, { algorithm: key.alg, ...(kid ? { keyid: kid } : {}) });
}

export function signHs256(secret: string | Buffer, payload: Claims, kid?: string): string {
  return compact({ alg: 'HS256', typ: 'JWT', kid }, payload, (input) =>
    createHmac('sha256', secret).update(input).digest(),
  );
}

/** A compact JWS from parts, with whatever header it is told to carry (`alg: none` included). */
export function compact(header: Claims, payload: Claims, signer: (input: Buffer) => Buffer): string {
  const encode = (part: Claims) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const input = `${encode(JSON.parse(JSON.stringify(header)) as Claims)}.${encode(payload)}`;
  return `${input}.${signer(Buffer.from(input)).toString('base64url')}`;
}

/** The same signature over other claims: what an attacker editing the payload produces. */
export function withPayload(token: string, payload: Claims): string {
  const [header, , signature] = token.split('.');
  return `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
}
