import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTenantWithKeys, startApi } from './testing/api-test-app';

describe('api authorization', () => {
  let app: NestFastifyApplication;
  let keys: Record<string, string>;

  beforeAll(async () => {
    ({ keys } = await createTenantWithKeys('scopes', {
      reader: { scopes: ['chat:read'] },
      admin: { scopes: ['admin'] },
      expired: { scopes: ['admin'], expiresAt: new Date(Date.now() - 1000) },
    }));
    ({ app } = await startApi());
  });
  afterAll(() => app.close());

  const post = (key: string) =>
    app.inject({
      method: 'POST',
      url: '/v1/conversations',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      payload: '{}',
    });

  it('refuses a write to a key that may only read, naming the missing scope', async () => {
    const response = await post(keys.reader!);
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toContain('chat:write');
    const list = await app.inject({ method: 'GET', url: '/v1/conversations', headers: { 'x-api-key': keys.reader! } });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ data: [], nextCursor: null });
  });

  it('lets the admin scope do anything', async () => {
    expect((await post(keys.admin!)).statusCode).toBe(201);
  });

  it('rejects an expired key', async () => {
    expect((await post(keys.expired!)).statusCode).toBe(401);
  });

  it('rejects a malformed id and an invalid page size before touching data', async () => {
    const headers = { 'x-api-key': keys.admin! };
    const badId = await app.inject({ method: 'GET', url: '/v1/conversations/not-a-uuid', headers });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors).toEqual([{ field: 'param.id', message: 'expected a UUID' }]);
    const badPage = await app.inject({ method: 'GET', url: '/v1/conversations?limit=0&cursor=zzz', headers });
    expect(badPage.json().errors.map((e: { field: string }) => e.field)).toEqual(['query.limit', 'query.cursor']);
  });
});
