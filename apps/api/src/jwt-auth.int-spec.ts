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

  it('answers 401 problem+json for a token without a tenant or a tampered one', async () => {
    const noTenant = signWithKey(rsa, claims({ tenant_id: undefined, scope: 'chat:read' }));
    const good = signWithKey(rsa, claims({ tenant_id: tenantId, scope: 'chat:read' }));
    const tampered = withPayload(good, claims({ tenant_id: randomUUID(), scope: 'admin' }));
    for (const token of [noTenant, tampered]) {
      const response = await get(token);
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).not.toContain(token);
    }
  });

  it('answers 401 for a validly signed token whose tenant does not exist, and writes nothing', async () => {
    const unknownTenant = randomUUID();
    for (const token of [
      signWithKey(rsa, claims({ tenant_id: unknownTenant, scope: 'admin' })),
      mintLocalToken(settings.jwt, { tenantId: unknownTenant, scopes: ['admin'] }),
    ]) {
      const listed = await get(token);
      expect(listed.statusCode).toBe(401);
      expect(listed.json()).toMatchObject({ detail: 'The token names a tenant that does not exist.' });
      // Before, this created a conversation in a tenant nobody has (the foreign key refused it: a 500).
      expect((await post(token)).statusCode).toBe(401);
    }
  });

  it("gives two tenants' users with the same subject separate rate-limit budgets", async () => {
    const other = (await createTenantWithKeys('jwt-other', {})).tenantId;
    const limited = await startApi((s) => ({
      ...s,
      jwt: { ...s.jwt, jwksUrl: idp.url, issuer: ISSUER, audience: AUDIENCE },
      edge: { ...s.edge, rateLimit: { ...s.edge.rateLimit, requests: 3, tenantRequests: 1_000 } },
    }));
    try {
      const as = (tenant: string) => {
        const token = signWithKey(rsa, claims({ tenant_id: tenant, sub: 'shared-sub', scope: 'chat:read' }));
        return limited.app.inject({
          method: 'GET',
          url: '/v1/conversations',
          headers: { authorization: `Bearer ${token}` },
        });
      };
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await as(tenantId)).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      // The other tenant's user of the same name has spent nothing.
      const fresh = await as(other);
      expect(fresh.statusCode).toBe(200);
      expect(fresh.headers['ratelimit-remaining']).toBe('2');
    } finally {
      await limited.app.close();
    }
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
