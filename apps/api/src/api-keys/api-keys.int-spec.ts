import { ApiKeyUsage, mintLocalToken } from '@copilot/auth';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ApiSettings } from '../api.settings';
import { createTenantWithKeys, startApi } from '../testing/api-test-app';

describe('API keys over HTTP', () => {
  let app: NestFastifyApplication;
  let settings: ApiSettings;
  let admin: string;
  let tenant: Awaited<ReturnType<typeof createTenantWithKeys>>;

  beforeAll(async () => {
    // An operator's platform key lives in a tenant too (the CLI puts it there).
    tenant = await createTenantWithKeys('keys', {
      admin: { scopes: ['admin'], rateLimit: 10_000 },
      platform: { scopes: ['platform:admin'] },
      shortLived: { scopes: ['admin'], expiresAt: new Date(Date.now() + 3600_000) },
    });
    admin = tenant.keys.admin!;
    ({ app, settings } = await startApi());
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

  const keyIds = async () =>
    (await call(admin, 'GET', '/v1/api-keys?limit=100'))
      .json()
      .data.map((k: { id: string }) => k.id)
      .sort();

  it("refuses a tenant admin revoking the operator's platform key: 403, and the key keeps working", async () => {
    const revoked = await call(admin, 'DELETE', `/v1/api-keys/${tenant.keyIds.platform}`);
    expect(revoked.statusCode).toBe(403);
    expect(revoked.json().detail).toContain('platform:admin');
    expect((await call(tenant.keys.platform!, 'GET', '/v1/admin/jobs')).statusCode).toBe(200);
  });

  it('refuses to rotate a rotated key again (409), creating no second successor', async () => {
    const original = (await call(admin, 'POST', '/v1/api-keys', { name: 'once', scopes: ['chat:read'] })).json();
    const first = await call(admin, 'POST', `/v1/api-keys/${original.id}/rotate`, { gracePeriodSeconds: 60 });
    expect(first.statusCode).toBe(201);
    const before = await keyIds();
    const again = await call(admin, 'POST', `/v1/api-keys/${original.id}/rotate`, { gracePeriodSeconds: 3600 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: '/problems/api-key-already-rotated' });
    expect(again.json().detail).toContain(first.json().id);
    expect(await keyIds()).toEqual(before);
  });

  it('lets only one of two concurrent rotations of a key through', async () => {
    const original = (await call(admin, 'POST', '/v1/api-keys', { name: 'raced', scopes: ['chat:read'] })).json();
    const before = await keyIds();
    const both = await Promise.all([1, 2].map(() => call(admin, 'POST', `/v1/api-keys/${original.id}/rotate`, {})));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect((await keyIds()).length).toBe(before.length + 1);
  });

  it('caps a key created with a JWT at JWT_KEY_MAX_LIFETIME_DAYS instead of letting it never expire', async () => {
    const token = mintLocalToken(settings.jwt, { tenantId: tenant.tenantId, scopes: ['admin'] });
    const asToken = (payload: object) =>
      app.inject({ method: 'POST', url: '/v1/api-keys', payload, headers: { authorization: `Bearer ${token}` } });
    const maxMs = settings.jwt.keyMaxLifetimeDays * 24 * 3600_000;
    const unasked = await asToken({ name: 'from-token', scopes: ['admin'] });
    expect(unasked.statusCode).toBe(201);
    expect(Date.parse(unasked.json().expiresAt) - Date.now()).toBeGreaterThan(maxMs - 60_000);
    expect(Date.parse(unasked.json().expiresAt) - Date.now()).toBeLessThanOrEqual(maxMs);
    const before = await keyIds();
    const tooLong = await asToken({ name: 'forever', scopes: ['admin'], expiresAt: '2099-01-01T00:00:00Z' });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0].field).toBe('body.expiresAt');
    expect(await keyIds()).toEqual(before);
  });

  it('never lets a key create one that outlives it', async () => {
    const creator = tenant.keys.shortLived!;
    const created = await call(creator, 'POST', '/v1/api-keys', { name: 'child', scopes: ['admin'] });
    expect(created.statusCode).toBe(201);
    const creatorExpiry = (await call(admin, 'GET', '/v1/api-keys?limit=100'))
      .json()
      .data.find((k: { id: string }) => k.id === tenant.keyIds.shortLived).expiresAt;
    expect(created.json().expiresAt).toBe(creatorExpiry);
    const later = await call(creator, 'POST', '/v1/api-keys', {
      name: 'older child',
      scopes: ['admin'],
      expiresAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
    });
    expect(later.statusCode).toBe(400);
  });
});
