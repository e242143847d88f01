import { claims, ISSUER, AUDIENCE, makeKey, signWithKey, startFakeJwksServer } from '@copilot/auth/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTenantWithKeys, startApi } from './testing/api-test-app';

// What a client of the api sees when the identity provider's JWKS host is down and the
// api never got its keys: 503 problem+json with Retry-After, not a 401 that would make
// it drop a token that may be perfectly good.
describe('JWT authentication while the JWKS host is down', () => {
  let app: NestFastifyApplication;
  let tenantId: string;
  const rsa = makeKey('RS256', 'idp-outage-1');

  beforeAll(async () => {
    const idp = await startFakeJwksServer([rsa.jwk]);
    const url = idp.url;
    await idp.close(); // the host is gone before the api ever fetched from it
    tenantId = (await createTenantWithKeys('jwks-outage', {})).tenantId;
    ({ app } = await startApi((s) => ({ ...s, jwt: { ...s.jwt, jwksUrl: url, issuer: ISSUER, audience: AUDIENCE } })));
  });
  afterAll(() => app.close());

  it('answers 503 problem+json with Retry-After for an identity provider token', async () => {
    const token = signWithKey(rsa, claims({ tenant_id: tenantId, scope: 'chat:read' }));

    const response = await app.inject({
      method: 'GET',
      url: '/v1/conversations',
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(response.json()).toMatchObject({ type: '/problems/identity-provider-unavailable', status: 503 });
    expect(response.body).not.toContain(token.split('.')[2]);
  });
});
