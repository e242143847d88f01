import { Logger, UnauthorizedException } from '@nestjs/common';
import { Problem } from '@copilot/http';
import { JwtVerifier, type JwtSettings } from './jwt-verifier';
import { type FakeJwksServer, startFakeJwksServer } from './testing/fake-jwks-server';
import {
  AUDIENCE,
  claims,
  ISSUER,
  makeKey,
  nowSeconds,
  signWithKey,
  TENANT,
  type TestKey,
} from './testing/test-tokens';

const HOUR_MS = 3_600_000;

/** The identity provider's JWKS host goes down while the api runs (a real server, stopped). */
describe('JwtVerifier during an identity provider outage', () => {
  let rsa: TestKey;
  let idp: FakeJwksServer;
  let start: number;

  beforeAll(() => {
    Logger.overrideLogger(false); // each failed fetch logs a warning on purpose
    rsa = makeKey('RS256', 'rsa-outage');
  });
  beforeEach(async () => {
    start = Date.now();
    idp = await startFakeJwksServer([rsa.jwk]);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await idp.close().catch(() => undefined);
  });

  function verifierFor(url: string, overrides: Partial<JwtSettings> = {}): JwtVerifier {
    return new JwtVerifier({
      secret: undefined,
      namedSecrets: [],
      jwksUrl: url,
      issuer: ISSUER,
      audience: AUDIENCE,
      tenantClaim: 'tenant_id',
      clockSkewSeconds: 30,
      keyMaxLifetimeDays: 90,
      jwksCacheMs: 600_000,
      jwksCooldownMs: 30_000,
      jwksStaleMaxSeconds: 3_600,
      ...overrides,
    });
  }

  const later = (ms: number) => jest.spyOn(Date, 'now').mockReturnValue(start + ms);
  const longLivedToken = (key: TestKey = rsa) => signWithKey(key, claims({ exp: nowSeconds() + 4 * 3600 }));

  async function expectUnavailable(verifier: JwtVerifier, token: string): Promise<void> {
    const error = await verifier.verify(token).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Problem);
    const problem = error as Problem;
    expect(problem.getStatus()).toBe(503);
    expect(problem.getResponse()).toMatchObject({ type: '/problems/identity-provider-unavailable' });
    expect(Number(problem.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
  }

  it('keeps accepting a token signed by a key of the last good set while the host is down, within the bound', async () => {
    const verifier = verifierFor(idp.url);
    const token = longLivedToken();
    await expect(verifier.verify(token)).resolves.toMatchObject({ tenantId: TENANT });
    await idp.close();

    later(HOUR_MS - 60_000); // the cache period is long over, the stale bound is not
    await expect(verifier.verify(token)).resolves.toMatchObject({ tenantId: TENANT });
  });

  it('answers 503 with Retry-After once the last good set is older than the bound', async () => {
    const verifier = verifierFor(idp.url);
    const token = longLivedToken();
    await verifier.verify(token);
    await idp.close();

    later(HOUR_MS + 1_000);
    await expectUnavailable(verifier, token);
  });

  it('answers 503 with Retry-After when no key set was ever fetched', async () => {
    const url = idp.url;
    await idp.close();
    await expectUnavailable(verifierFor(url), longLivedToken());
  });

  it('answers 503 for a kid the last good set lacks while the host is down: the key may be new', async () => {
    const verifier = verifierFor(idp.url);
    await verifier.verify(longLivedToken());
    await idp.close();
    later(31_000); // past the cool-down, so the verifier does try the host again
    await expectUnavailable(verifier, longLivedToken(makeKey('RS256', 'rsa-rotated-in')));
  });

  it('still rejects a token with a bad signature with 401 while the host is down', async () => {
    const verifier = verifierFor(idp.url);
    await verifier.verify(longLivedToken());
    await idp.close();
    later(HOUR_MS - 60_000);
    const [header, payload] = longLivedToken().split('.');
    const forged = `${header}.${payload}.${longLivedToken(makeKey('RS256', 'rsa-outage')).split('.')[2]}`;
    const error = await verifier.verify(forged).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnauthorizedException);
  });

  it('serves fresh keys again once the host is back', async () => {
    const verifier = verifierFor(idp.url, { jwksStaleMaxSeconds: 60 });
    await verifier.verify(longLivedToken());
    idp.setStatus(503);
    later(HOUR_MS);
    await expectUnavailable(verifier, longLivedToken());
    idp.setStatus(200);
    later(HOUR_MS + 31_000);
    await expect(verifier.verify(longLivedToken())).resolves.toMatchObject({ tenantId: TENANT });
  });
});
