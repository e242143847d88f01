import { randomUUID } from 'node:crypto';
import { mintLocalToken } from '@copilot/auth';
import { adminDatabaseConfig, loadSettings } from '@copilot/config';
import { createPrismaClient, type PrismaClient } from '@copilot/persistence';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ApiSettings } from '../api.settings';
import { createTenantWithKeys, startApi } from '../testing/api-test-app';

describe('platform admin routes', () => {
  let app: NestFastifyApplication;
  let settings: ApiSettings;
  let db: PrismaClient;
  let ops: Awaited<ReturnType<typeof createTenantWithKeys>>;
  let customer: Awaited<ReturnType<typeof createTenantWithKeys>>;
  let other: Awaited<ReturnType<typeof createTenantWithKeys>>;

  beforeAll(async () => {
    db = createPrismaClient(loadSettings('cli', [adminDatabaseConfig] as const).adminDatabase);
    ops = await createTenantWithKeys('ops', {
      platform: { scopes: ['platform:admin'] },
      tenantAdmin: { scopes: ['admin'] },
    });
    customer = await createTenantWithKeys('customer', { admin: { scopes: ['admin'] } });
    other = await createTenantWithKeys('other', {});
    ({ app, settings } = await startApi());
  });
  afterAll(async () => {
    await app.close();
    await db.$disconnect();
  });

  const failedJob = (tenantId: string, status = 'failed') =>
    db.job.create({
      data: {
        id: randomUUID(),
        tenantId,
        queue: 'ingest',
        name: 'document.ingest',
        status,
        payload: { jobId: randomUUID(), tenantId, documentId: randomUUID() },
        error: status === 'failed' ? { code: 'parse_failed', message: 'broken PDF' } : undefined,
        attempts: 5,
        requestId: 'req-1',
        finishedAt: status === 'failed' ? new Date() : null,
      },
    });
  const asPlatform = () => ({ 'x-api-key': ops.keys.platform! });

  it('refuses a tenant admin key and a token claiming platform:admin on every admin route', async () => {
    const job = await failedJob(customer.tenantId);
    const token = mintLocalToken(settings.jwt, { tenantId: customer.tenantId, scopes: ['admin', 'platform:admin'] });
    for (const headers of [{ 'x-api-key': customer.keys.admin! }, { authorization: `Bearer ${token}` }]) {
      for (const [method, url] of [
        ['GET', '/v1/admin/jobs?status=failed'],
        ['GET', `/v1/admin/jobs/${job.id}`],
        ['POST', `/v1/admin/jobs/${job.id}/retry`],
        ['GET', '/v1/admin/schedules'],
      ] as const) {
        const response = await app.inject({ method, url, headers });
        expect({ url, status: response.statusCode }).toEqual({ url, status: 403 });
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
    }
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe('failed');
  });

  it('does not let the tenant api grant platform:admin, nor rotate a platform key', async () => {
    const headers = { 'x-api-key': customer.keys.admin!, 'content-type': 'application/json' };
    const created = await app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers,
      payload: { name: 'sneaky', scopes: ['admin', 'platform:admin'] },
    });
    expect(created.statusCode).toBe(403);
    expect(created.json().detail).toContain('CLI');
    expect(await db.apiKey.count({ where: { tenantId: customer.tenantId, name: 'sneaky' } })).toBe(0);

    // Rotation copies scopes: the admin of the tenant holding a platform key must not get a copy.
    const rotated = await app.inject({
      method: 'POST',
      url: `/v1/api-keys/${ops.keyIds.platform}/rotate`,
      headers: { 'x-api-key': ops.keys.tenantAdmin!, 'content-type': 'application/json' },
      payload: {},
    });
    expect(rotated.statusCode).toBe(403);
    expect(await db.apiKey.count({ where: { tenantId: ops.tenantId } })).toBe(2);
  });

  it('lists failed jobs of every tenant, filters by tenant and pages with a cursor', async () => {
    const mine = [await failedJob(other.tenantId), await failedJob(other.tenantId), await failedJob(other.tenantId)];
    await failedJob(other.tenantId, 'succeeded');
    const first = await app.inject({
      method: 'GET',
      url: `/v1/admin/jobs?status=failed&tenantId=${other.tenantId}&limit=2`,
      headers: asPlatform(),
    });
    expect(first.statusCode).toBe(200);
    const second = await app.inject({
      method: 'GET',
      url: `/v1/admin/jobs?status=failed&tenantId=${other.tenantId}&limit=2&cursor=${first.json().nextCursor}`,
      headers: asPlatform(),
    });
    const ids = [...first.json().data, ...second.json().data].map((j: { id: string }) => j.id);
    expect(ids).toEqual(mine.map((j) => j.id).reverse());
    expect(second.json().nextCursor).toBeNull();

    const everyone = await app.inject({
      method: 'GET',
      url: '/v1/admin/jobs?status=failed&limit=100',
      headers: asPlatform(),
    });
    const tenants = new Set(everyone.json().data.map((j: { tenantId: string }) => j.tenantId));
    expect([...tenants]).toEqual(expect.arrayContaining([other.tenantId, customer.tenantId]));
  });

  it('inspects a job with its error, attempts and request id', async () => {
    const job = await failedJob(other.tenantId);
    const response = await app.inject({ method: 'GET', url: `/v1/admin/jobs/${job.id}`, headers: asPlatform() });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: job.id,
      tenantId: other.tenantId,
      status: 'failed',
      attempts: 5,
      requestId: 'req-1',
      error: { code: 'parse_failed', message: 'broken PDF' },
      payload: { documentId: (job.payload as { documentId: string }).documentId },
    });
    const missing = await app.inject({ method: 'GET', url: `/v1/admin/jobs/${randomUUID()}`, headers: asPlatform() });
    expect(missing.statusCode).toBe(404);
  });

  it('retries a failed job (202, queued again, audited in its tenant) and answers 409 for any other', async () => {
    const job = await failedJob(other.tenantId);
    const retried = await app.inject({ method: 'POST', url: `/v1/admin/jobs/${job.id}/retry`, headers: asPlatform() });
    expect(retried.statusCode).toBe(202);
    expect(retried.json()).toMatchObject({ id: job.id, status: 'queued', attempts: 0, error: null });
    const row = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.status).toBe('queued');
    const audit = await db.auditEvent.findFirstOrThrow({ where: { tenantId: other.tenantId, targetId: job.id } });
    expect(audit).toMatchObject({ action: 'job.retried', actorType: 'api_key', actorId: ops.keyIds.platform });

    const again = await app.inject({ method: 'POST', url: `/v1/admin/jobs/${job.id}/retry`, headers: asPlatform() });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json().detail).toContain('queued');
  });

  it('lists every schedule, saying which queue schedules are registered in Redis', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/admin/schedules', headers: asPlatform() });
    expect(response.statusCode).toBe(200);
    const names = response.json().data.map((s: { name: string }) => s.name);
    expect(names).toEqual([
      'maintenance:reap',
      'maintenance:retention',
      'maintenance:usage-rollup',
      'scheduler:outbox-relay',
      'scheduler:queue-sampling',
    ]);
    // No scheduler process runs in this test: nothing registered the queue schedules.
    expect(response.json().data[0]).toMatchObject({ queue: 'maintenance', registered: false, nextRunAt: null });
  });

  it('names the field when a filter is not valid', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/v1/admin/jobs?status=broken&tenantId=nope',
      headers: asPlatform(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual(['query.status', 'query.tenantId']);
  });
});
