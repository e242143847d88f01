import { randomUUID } from 'node:crypto';
import { mintLocalToken } from '@copilot/auth';
import {
  AUDIENCE,
  claims,
  type FakeJwksServer,
  ISSUER,
  makeKey,
  signWithKey,
  startFakeJwksServer,
  withPayload,
} from '@copilot/auth/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ApiSettings } from './api.settings';
import { createTenantWithKeys, startApi } from './testing/api-test-app';

describe('JWT authentication over HTTP', () => {
  const rsa = makeKey('RS256', 'idp-rsa-1');
  let idp: FakeJwksServer;
  let app: NestFastifyApplication;
  let settings: ApiSettings;
  let tenantId: string;

  beforeAll(async () => {
    idp = await startFakeJwksServer([rsa.jwk]);
    tenantId = (await createTenantWithKeys('jwt', {})).tenantId;
    ({ app, settings } = await startApi((s) => ({
      ...s,
      jwt: { ...s.jwt, jwksUrl: idp.url, issuer: ISSUER, audience: AUDIENCE },
    })));
  });
  afterAll(async () => {
    await app.close();
    await idp.close();
  });

  const get = (token: string, url = '/v1/conversations') =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const post = (token: string) =>
    app.inject({
      method: 'POST',
      url: '/v1/conversations',
      headers: { authorization: `Bearer ${token}` },
      payload: {},
    });

  it("accepts the platform's own HS256 token (token:mint) with its tenant and scopes", async () => {
    const token = mintLocalToken(settings.jwt, { tenantId, scopes: ['chat:read', 'chat:write'] });
    const created = await post(token);
    expect(created.statusCode).toBe(201);
    const listed = (await get(token)).json();
    expect(listed.data.map((c: { id: string }) => c.id)).toContain(created.json().id);
  });

  it("accepts an identity provider's RS256 token through its JWKS", async () => {
    const token = signWithKey(rsa, claims({ tenant_id: tenantId, scope: 'chat:read' }));
    expect((await get(token)).statusCode).toBe(200);
  });

  it('enforces the scopes a token carries: 403 naming the missing one', async () => {
    const token = signWithKey(rsa, claims({ tenant_id: tenantId, scp: ['chat:read'] }));
    const response = await post(token);
    expect(response.statusCode).toBe(403);
    expect(response.json().detail).toContain('chat:write');
  });

  it('answers 401 problem+json for a token without a tenant, a tampered one, or one of an unknown tenant id', async () => {
    const noTenant = signWithKey(rsa, claims({ tenant_id: undefined, scope: 'chat:read' }));
    const good = signWithKey(rsa, claims({ tenant_id: tenantId, scope: 'chat:read' }));
    const tampered = withPayload(good, claims({ tenant_id: randomUUID(), scope: 'admin' }));
    for (const token of [noTenant, tampered]) {
      const response = await get(token);
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).not.toContain(token);
    }
    // A well-signed token for a tenant that has nothing sees nothing.
    const stranger = signWithKey(rsa, claims({ tenant_id: randomUUID(), scope: 'chat:read' }));
    expect((await get(stranger)).json()).toEqual({ data: [], nextCursor: null });
  });

  it('rate-limits and audits by token subject', async () => {
    const token = signWithKey(rsa, claims({ tenant_id: tenantId, sub: 'user-42', scope: 'admin' }));
    const created = await app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'from-a-user', scopes: ['chat:read'] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers['ratelimit-limit']).toBe(String(settings.edge.rateLimit.requests));
    const events = (await get(token, '/v1/audit-events?action=api_key.created')).json().data;
    expect(events[0]).toMatchObject({ actor: { type: 'jwt', id: 'user-42' }, target: { id: created.json().id } });
  });
});
