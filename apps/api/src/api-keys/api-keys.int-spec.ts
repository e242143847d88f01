import { ApiKeyUsage } from '@copilot/auth';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTenantWithKeys, startApi } from '../testing/api-test-app';

describe('API keys over HTTP', () => {
  let app: NestFastifyApplication;
  let admin: string;

  beforeAll(async () => {
    admin = (await createTenantWithKeys('keys', { admin: { scopes: ['admin'] } })).keys.admin!;
    ({ app } = await startApi());
  });
  afterAll(() => app.close());

  const call = (key: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, requestId?: string) =>
    app.inject({
      method,
      url,
      payload,
      headers: { 'x-api-key': key, ...(requestId ? { 'x-request-id': requestId } : {}) },
    });
  const works = async (key: string) => (await call(key, 'GET', '/v1/conversations')).statusCode;

  it('creates a key whose secret is shown once and never listed', async () => {
    const created = await call(admin, 'POST', '/v1/api-keys', { name: 'ci', scopes: ['chat:read'] }, 'req-create-1');
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ name: 'ci', scopes: ['chat:read'], key: expect.stringMatching(/^cp_/) });
    expect(await works(body.key)).toBe(200);
    const listed = await call(admin, 'GET', '/v1/api-keys');
    const entry = listed.json().data.find((k: { id: string }) => k.id === body.id);
    expect(entry).toMatchObject({ prefix: body.key.slice(0, 10), scopes: ['chat:read'] });
    expect(listed.body).not.toContain(body.key);
    expect(entry).not.toHaveProperty('key');
  });

  it('refuses key management without the admin scope, and bad input with the fields named', async () => {
    const created = (await call(admin, 'POST', '/v1/api-keys', { name: 'reader', scopes: ['chat:read'] })).json();
    expect((await call(created.key, 'GET', '/v1/api-keys')).statusCode).toBe(403);
    const bad = await call(admin, 'POST', '/v1/api-keys', { name: '', scopes: ['root'], expiresAt: '2001-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.expiresAt', 'body.name', 'body.scopes.0']);
  });

  it('revokes at once', async () => {
    const created = (await call(admin, 'POST', '/v1/api-keys', { name: 'doomed', scopes: ['chat:read'] })).json();
    expect(await works(created.key)).toBe(200);
    const revoked = await call(admin, 'DELETE', `/v1/api-keys/${created.id}`);
    expect(revoked.json().revokedAt).toEqual(expect.any(String));
    expect(await works(created.key)).toBe(401);
  });

  it('rotates: the successor works and the old key only until its grace period ends', async () => {
    const original = (await call(admin, 'POST', '/v1/api-keys', { name: 'rotating', scopes: ['chat:read'] })).json();
    const rotated = await call(admin, 'POST', `/v1/api-keys/${original.id}/rotate`, { gracePeriodSeconds: 1 });
    expect(rotated.statusCode).toBe(201);
    const successor = rotated.json();
    expect(successor).toMatchObject({ name: 'rotating', scopes: ['chat:read'], key: expect.stringMatching(/^cp_/) });
    expect(await works(successor.key)).toBe(200);
    expect(await works(original.key)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await works(original.key)).toBe(401);
    expect(await works(successor.key)).toBe(200);
    const listed = (await call(admin, 'GET', '/v1/api-keys')).json().data;
    expect(listed.find((k: { id: string }) => k.id === original.id).replacedById).toBe(successor.id);
  });

  it('defaults the grace period to 24 hours', async () => {
    const original = (await call(admin, 'POST', '/v1/api-keys', { name: 'slow', scopes: ['chat:read'] })).json();
    const before = Date.now();
    await call(admin, 'POST', `/v1/api-keys/${original.id}/rotate`);
    const listed = (await call(admin, 'GET', '/v1/api-keys')).json().data;
    const expiresAt = Date.parse(listed.find((k: { id: string }) => k.id === original.id).expiresAt);
    expect(expiresAt - before).toBeGreaterThanOrEqual(24 * 3600 * 1000 - 5_000);
    expect(expiresAt - before).toBeLessThanOrEqual(24 * 3600 * 1000 + 5_000);
  });

  it('shows when a key was last used, and the scheduler flush stores it in Postgres', async () => {
    const created = (await call(admin, 'POST', '/v1/api-keys', { name: 'used', scopes: ['chat:read'] })).json();
    expect(created.lastUsedAt).toBeNull();
    await works(created.key);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the note is written without awaiting
    const find = async () =>
      (await call(admin, 'GET', '/v1/api-keys')).json().data.find((k: { id: string }) => k.id === created.id);
    const seen = (await find()).lastUsedAt;
    expect(Date.now() - Date.parse(seen)).toBeLessThan(10_000);
    expect(await app.get(ApiKeyUsage).flush()).toBeGreaterThan(0);
    expect((await find()).lastUsedAt).toBe(seen);
  });

  it('audits creation, revocation and rotation with actor and request id', async () => {
    const created = (
      await call(admin, 'POST', '/v1/api-keys', { name: 'audited', scopes: ['chat:read'] }, 'req-a1')
    ).json();
    await call(admin, 'POST', `/v1/api-keys/${created.id}/rotate`, { gracePeriodSeconds: 0 }, 'req-a2');
    await call(admin, 'DELETE', `/v1/api-keys/${created.id}`, undefined, 'req-a3');
    const events = (await call(admin, 'GET', '/v1/audit-events?limit=100')).json().data;
    const mine = events.filter((e: { target: { id: string } }) => e.target.id === created.id);
    expect(mine.map((e: { action: string; requestId: string }) => [e.action, e.requestId])).toEqual([
      ['api_key.revoked', 'req-a3'],
      ['api_key.rotated', 'req-a2'],
      ['api_key.created', 'req-a1'],
    ]);
    expect(mine[0].actor).toEqual({ type: 'api_key', id: expect.any(String) });
    const onlyCreated = (await call(admin, 'GET', '/v1/audit-events?action=api_key.created&limit=100')).json().data;
    expect(onlyCreated.every((e: { action: string }) => e.action === 'api_key.created')).toBe(true);
  });
});
