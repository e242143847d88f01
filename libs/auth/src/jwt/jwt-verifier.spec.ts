import { sign as signBytes } from 'node:crypto';
import { Logger, UnauthorizedException } from '@nestjs/common';
import { mintLocalToken } from './jwt-minter';
import { JwtVerifier, type JwtSettings } from './jwt-verifier';
import { expectRejected as expectUnauthorized } from './testing/expect-unauthorized';
import { type FakeJwksServer, startFakeJwksServer } from './testing/fake-jwks-server';
import {
  AUDIENCE,
  claims,
  compact,
  ISSUER,
  makeKey,
  nowSeconds,
  signHs256,
  signWithKey,
  TENANT,
  type TestKey,
  withPayload,
} from './testing/test-tokens';

const INVALID = 'The bearer token is not valid.';
const EXPIRED = 'The bearer token has expired.';
const NOT_YET = 'The bearer token is not valid yet.';
const NO_TENANT = 'The token has no tenant.';
const UNKNOWN_KEY = 'The bearer token was signed with an unknown key.';
const SECRET = 'default-secret-for-tests-only-0123456789';
const OLD = { kid: 'hs-2024', secret: 'the-previous-shared-secret-0123456789' };
const NEXT = { kid: 'hs-2025', secret: 'the-current-shared-secret-012345678901' };

describe(JwtVerifier.name, () => {
  let jwks: FakeJwksServer;
  let rsa: TestKey;
  let ec: TestKey;
  let ed: TestKey;

  beforeAll(async () => {
    Logger.overrideLogger(false); // the outage test logs a warning on purpose
    [rsa, ec, ed] = [makeKey('RS256', 'rsa-1'), makeKey('ES256', 'ec-1'), makeKey('EdDSA', 'ed-1')];
    jwks = await startFakeJwksServer([]);
  });
  beforeEach(() => jwks.reset([rsa.jwk, ec.jwk, ed.jwk]));
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => jwks.close());

  function settings(overrides: Partial<JwtSettings> = {}): JwtSettings {
    return {
      secret: SECRET,
      namedSecrets: [],
      jwksUrl: jwks.url,
      issuer: ISSUER,
      audience: AUDIENCE,
      tenantClaim: 'tenant_id',
      clockSkewSeconds: 30,
      keyMaxLifetimeDays: 90,
      jwksCacheMs: 600_000,
      jwksCooldownMs: 30_000,
      jwksStaleMaxSeconds: 3_600,
      ...overrides,
    };
  }

  const expectRejected = (verifier: JwtVerifier, token: string, message = INVALID) =>
    expectUnauthorized(verifier, token, message, [SECRET, OLD.secret, NEXT.secret]);

  function advanceClock(ms: number): void {
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + ms);
  }

  describe('self-issued HS256', () => {
    it('accepts a token signed with the default secret, with no kid or kid "default"', async () => {
      const verifier = new JwtVerifier(settings());
      const expected = { tenantId: TENANT, subject: 'user-1', scopes: [] };
      await expect(verifier.verify(signHs256(SECRET, claims()))).resolves.toEqual(expected);
      await expect(verifier.verify(signHs256(SECRET, claims(), 'default'))).resolves.toEqual(expected);
    });

    it('picks the named secret by kid, so both keys verify during a rotation overlap', async () => {
      const verifier = new JwtVerifier(settings({ secret: undefined, namedSecrets: [NEXT, OLD] }));
      await expect(verifier.verify(signHs256(OLD.secret, claims(), OLD.kid))).resolves.toMatchObject({
        tenantId: TENANT,
      });
      await expect(verifier.verify(signHs256(NEXT.secret, claims(), NEXT.kid))).resolves.toMatchObject({
        tenantId: TENANT,
      });
      await expectRejected(verifier, signHs256(OLD.secret, claims(), NEXT.kid));
    });

    it('rejects an unknown kid, a path-like kid and a token without kid when no default secret exists', async () => {
      const verifier = new JwtVerifier(settings({ secret: undefined, namedSecrets: [NEXT] }));
      await expectRejected(verifier, signHs256(NEXT.secret, claims(), 'hs-1999'), UNKNOWN_KEY);
      await expectRejected(verifier, signHs256(NEXT.secret, claims(), '../../etc/passwd'));
      await expectRejected(verifier, signHs256(NEXT.secret, claims()), UNKNOWN_KEY);
      expect(jwks.requests).toBe(0);
    });

    it('round-trips mintLocalToken, signing with the first named secret and its kid', async () => {
      const verifier = new JwtVerifier(settings({ namedSecrets: [NEXT, OLD] }));
      const token = mintLocalToken(settings({ namedSecrets: [NEXT, OLD] }), {
        tenantId: TENANT,
        scopes: ['chat:read'],
      });
      expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toMatchObject({ kid: NEXT.kid });
      await expect(verifier.verify(token)).resolves.toEqual({
        tenantId: TENANT,
        subject: 'cli',
        scopes: ['chat:read'],
      });

      const plain = mintLocalToken(settings(), {
        tenantId: TENANT,
        scopes: ['a', 'b'],
        subject: 'ops',
        ttlSeconds: 60,
      });
      await expect(new JwtVerifier(settings()).verify(plain)).resolves.toEqual({
        tenantId: TENANT,
        subject: 'ops',
        scopes: ['a', 'b'],
      });
    });

    it('refuses to mint without a shared secret', () => {
      expect(() => mintLocalToken(settings({ secret: undefined }), { tenantId: TENANT, scopes: [] })).toThrow(
        /no shared secret/,
      );
    });
  });

  describe('identity provider keys (JWKS)', () => {
    it.each(['RS256', 'ES256', 'EdDSA'] as const)('accepts a valid %s token', async (alg) => {
      const key = { RS256: rsa, ES256: ec, EdDSA: ed }[alg];
      const principal = await new JwtVerifier(settings()).verify(signWithKey(key, claims({ sub: `via-${alg}` })));
      expect(principal).toEqual({ tenantId: TENANT, subject: `via-${alg}`, scopes: [] });
    });

    it('fetches the JWKS once and serves later tokens from the cache', async () => {
      const verifier = new JwtVerifier(settings());
      for (const key of [rsa, ec, ed, rsa, ed]) await verifier.verify(signWithKey(key, claims()));
      expect(jwks.requests).toBe(1);
    });

    it('refreshes once for an unknown kid, then waits out the cool-down before asking again', async () => {
      const verifier = new JwtVerifier(settings());
      await verifier.verify(signWithKey(rsa, claims()));
      const stranger = makeKey('RS256', 'rsa-unknown');
      await expectRejected(verifier, signWithKey(stranger, claims()), UNKNOWN_KEY);
      expect(jwks.requests).toBe(1); // still within the cool-down of the first fetch

      advanceClock(30_001);
      await expectRejected(verifier, signWithKey(stranger, claims()), UNKNOWN_KEY);
      await expectRejected(verifier, signWithKey(stranger, claims()), UNKNOWN_KEY);
      expect(jwks.requests).toBe(2);
    });

    it('accepts a key the identity provider rotated in, after a refresh', async () => {
      const verifier = new JwtVerifier(settings());
      await verifier.verify(signWithKey(rsa, claims()));
      const rotated = makeKey('ES256', 'ec-2');
      jwks.setKeys([rotated.jwk, ed.jwk]);
      advanceClock(30_001);
      await expect(verifier.verify(signWithKey(rotated, claims()))).resolves.toMatchObject({ tenantId: TENANT });
      // The new set replaced the old one: the retired key no longer verifies.
      await expectRejected(verifier, signWithKey(rsa, claims()), UNKNOWN_KEY);
      expect(jwks.requests).toBe(2);
    });

    it('refetches once the cache period is over', async () => {
      const verifier = new JwtVerifier(settings({ jwksCacheMs: 60_000 }));
      await verifier.verify(signWithKey(ed, claims({ exp: nowSeconds() + 600 })));
      advanceClock(60_001);
      await verifier.verify(signWithKey(ed, claims({ exp: nowSeconds() + 600 })));
      expect(jwks.requests).toBe(2);
    });

    it('rejects identity-provider tokens when no JWKS URL is configured', async () => {
      await expectRejected(new JwtVerifier(settings({ jwksUrl: undefined })), signWithKey(rsa, claims()), UNKNOWN_KEY);
    });
  });

  describe('algorithm and key confusion', () => {
    it('rejects alg "none"', async () => {
      const unsigned = `${compact({ alg: 'none', typ: 'JWT' }, claims(), () => Buffer.alloc(0))}`;
      await expectRejected(new JwtVerifier(settings()), unsigned);
      await expectRejected(new JwtVerifier(settings()), `${unsigned.split('.').slice(0, 2).join('.')}.`);
    });

    it('rejects HS256 signed with the RSA public key as HMAC secret under the RSA kid', async () => {
      const pem = rsa.publicKey.export({ format: 'pem', type: 'spki' });
      await expectRejected(new JwtVerifier(settings()), signHs256(pem, claims(), rsa.kid), UNKNOWN_KEY);
      await expectRejected(new JwtVerifier(settings()), signHs256(pem, claims()));
    });

    it('rejects an asymmetric algorithm under a shared-secret kid, or one the key type does not allow', async () => {
      const verifier = new JwtVerifier(settings({ namedSecrets: [NEXT] }));
      await expectRejected(verifier, signWithKey(rsa, claims(), NEXT.kid), UNKNOWN_KEY);
      // An RS256 token naming the EC key, an EdDSA token naming the RSA key.
      await expectRejected(verifier, signWithKey(rsa, claims(), ec.kid));
      await expectRejected(verifier, signWithKey(ed, claims(), rsa.kid));
    });

    it('rejects RS256 from an RSA key under 2048 bits, also when the JWK states no alg', async () => {
      const weak = makeKey('RS256', 'rsa-weak', 1024);
      jwks.reset([{ ...weak.jwk, alg: undefined }]);
      const token = compact({ alg: 'RS256', kid: weak.kid }, claims(), (input) =>
        signBytes('sha256', input, weak.privateKey),
      );
      await expectRejected(new JwtVerifier(settings()), token);
    });

    it('rejects a path-like kid without asking the identity provider', async () => {
      await expectRejected(new JwtVerifier(settings()), signWithKey(rsa, claims(), '../../etc/passwd'));
      expect(jwks.requests).toBe(0);
    });

    it.each(['HS256', 'EdDSA'] as const)('rejects a %s token whose payload was changed after signing', async (alg) => {
      const token = alg === 'HS256' ? signHs256(SECRET, claims()) : signWithKey(ed, claims());
      await expectRejected(new JwtVerifier(settings()), withPayload(token, claims({ scope: 'admin' })));
    });
  });

  describe('claims', () => {
    const verify = (payload: Record<string, unknown>, overrides: Partial<JwtSettings> = {}) =>
      new JwtVerifier(settings(overrides)).verify(signHs256(SECRET, payload));

    it('rejects an expired token, with its own message', async () => {
      await expectRejected(new JwtVerifier(settings()), signHs256(SECRET, claims({ exp: nowSeconds() - 31 })), EXPIRED);
      await expectRejected(new JwtVerifier(settings()), signWithKey(ed, claims({ exp: nowSeconds() - 31 })), EXPIRED);
    });

    it('rejects a token not valid before a time beyond the clock skew', async () => {
      await expectRejected(new JwtVerifier(settings()), signHs256(SECRET, claims({ nbf: nowSeconds() + 60 })), NOT_YET);
      await expectRejected(new JwtVerifier(settings()), signWithKey(ed, claims({ nbf: nowSeconds() + 60 })), NOT_YET);
    });

    it('accepts exp and nbf that are off by less than the clock skew', async () => {
      await expect(verify(claims({ exp: nowSeconds() - 10, nbf: nowSeconds() + 10 }))).resolves.toBeDefined();
    });

    it('rejects a wrong issuer, a wrong audience and a missing exp', async () => {
      const verifier = new JwtVerifier(settings());
      await expectRejected(verifier, signHs256(SECRET, claims({ iss: 'https://evil.example/' })));
      await expectRejected(verifier, signHs256(SECRET, claims({ aud: 'another-api' })));
      await expectRejected(verifier, signHs256(SECRET, claims({ exp: undefined })));
      await expectRejected(verifier, signWithKey(ed, claims({ exp: undefined })));
      await expectRejected(verifier, signWithKey(ed, claims({ aud: ['another-api'] })));
    });

    it('accepts an audience list that contains ours', async () => {
      await expect(verify(claims({ aud: ['other', AUDIENCE] }))).resolves.toBeDefined();
    });

    it('rejects a token without tenant, or whose tenant is not a UUID', async () => {
      const verifier = new JwtVerifier(settings());
      await expectRejected(verifier, signHs256(SECRET, claims({ tenant_id: undefined })), NO_TENANT);
      await expectRejected(verifier, signHs256(SECRET, claims({ tenant_id: 'acme' })), NO_TENANT);
      await expectRejected(verifier, signHs256(SECRET, claims({ tenant_id: 42 })), NO_TENANT);
    });

    it('reads the tenant from the configured claim name', async () => {
      const payload = claims({ tenant_id: undefined, 'https://copilot.example/tenant': TENANT });
      await expect(verify(payload, { tenantClaim: 'https://copilot.example/tenant' })).resolves.toMatchObject({
        tenantId: TENANT,
      });
      await expect(verify(claims(), { tenantClaim: 'org' })).rejects.toThrow(NO_TENANT);
    });

    it('rejects a token without subject', async () => {
      await expect(verify(claims({ sub: undefined }))).rejects.toThrow(UnauthorizedException);
    });

    it('collects scopes from scope, scp and permissions, without duplicates', async () => {
      const payload = claims({
        scope: 'chat:read  chat:write',
        scp: ['chat:read', 'documents:read'],
        permissions: ['admin', 7],
      });
      await expect(verify(payload)).resolves.toMatchObject({
        scopes: ['chat:read', 'chat:write', 'documents:read', 'admin'],
      });
      await expect(verify(claims({ scp: 'a b' }))).resolves.toMatchObject({ scopes: ['a', 'b'] });
    });
  });
});
