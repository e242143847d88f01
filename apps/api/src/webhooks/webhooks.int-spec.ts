import { randomUUID } from 'node:crypto';
import { AuditLog } from '@copilot/auth';
import { adminDatabaseConfig, loadSettings } from '@copilot/config';
import { createPrismaClient, JobRepository, type PrismaClient, TenantTransactions } from '@copilot/persistence';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTenantWithKeys, startApi } from '../testing/api-test-app';

describe('webhooks over HTTP', () => {
  let app: NestFastifyApplication;
  let admin: PrismaClient;
  let tenantId: string;
  let keys: Record<string, string>;
  let otherAdmin: string;
  // Receivers in tests listen on loopback, which only this allowance lets through.
  const receiver = 'http://127.0.0.1:9/hooks';

  beforeAll(async () => {
    ({ tenantId, keys } = await createTenantWithKeys('hooks', {
      admin: { scopes: ['admin'] },
      reader: { scopes: ['chat:read', 'documents:read'] },
    }));
    otherAdmin = (await createTenantWithKeys('hooks-other', { admin: { scopes: ['admin'] } })).keys.admin!;
    ({ app } = await startApi((s) => ({ ...s, egress: { allowedHosts: ['127.0.0.1'] } })));
    admin = createPrismaClient(loadSettings('cli', [adminDatabaseConfig] as const).adminDatabase);
  });
  afterAll(async () => {
    await admin.$disconnect();
    await app.close();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, key = keys.admin!) =>
    app.inject({ method, url, payload, headers: { 'x-api-key': key } });
  const register = async (body: object = {}) => {
    const created = await call('POST', '/v1/webhooks', { url: receiver, events: ['job.succeeded'], ...body });
    expect(created.statusCode).toBe(201);
    return created.json();
  };

  it('registers a webhook and shows its signing secret once, sealed at rest', async () => {
    const created = await register({ description: 'billing sync', events: ['job.succeeded', 'document.indexed'] });
    expect(created).toMatchObject({
      url: receiver,
      events: ['job.succeeded', 'document.indexed'],
      description: 'billing sync',
      enabled: true,
      secret: expect.stringMatching(/^whsec_/),
    });
    const fetched = await call('GET', `/v1/webhooks/${created.id}`);
    expect(fetched.json()).toMatchObject({ id: created.id, url: receiver });
    expect(fetched.body).not.toContain(created.secret);
    const listed = await call('GET', '/v1/webhooks?limit=100');
    expect(listed.json().data.map((w: { id: string }) => w.id)).toContain(created.id);
    expect(listed.body).not.toContain(created.secret);

    const stored = await admin.tenantSecret.findUnique({
      where: { tenantId_name: { tenantId, name: `webhook:${created.id}` } },
    });
    expect(stored?.ciphertext).toMatch(/^v1\.\d+\./);
    const plaintext = created.secret.slice('whsec_'.length);
    const [row] = await admin.$queryRaw<{ dump: string }[]>`
      SELECT (SELECT string_agg(t::text, ' ') FROM tenant_secrets t WHERE tenant_id = ${tenantId}::uuid)
          || (SELECT string_agg(w::text, ' ') FROM webhooks w WHERE tenant_id = ${tenantId}::uuid) AS dump`;
    expect(row!.dump).not.toContain(plaintext);
    const audit = await app.get(AuditLog).list(tenantId, { limit: 10, action: 'webhook.created' });
    expect(audit.data.map((e) => e.targetId)).toContain(created.id);
  });

  it('rotates the secret: a new one, shown once', async () => {
    const created = await register();
    const rotated = await call('POST', `/v1/webhooks/${created.id}/rotate-secret`);
    expect(rotated.statusCode).toBe(201);
    expect(rotated.json().secret).toMatch(/^whsec_/);
    expect(rotated.json().secret).not.toBe(created.secret);
  });

  it('changes and deletes a webhook (its secret goes with it)', async () => {
    const created = await register();
    const patched = await call('PATCH', `/v1/webhooks/${created.id}`, { enabled: false, events: ['job.failed'] });
    expect(patched.json()).toMatchObject({ enabled: false, events: ['job.failed'], url: receiver });
    expect((await call('DELETE', `/v1/webhooks/${created.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/v1/webhooks/${created.id}`)).statusCode).toBe(404);
    expect(await admin.tenantSecret.count({ where: { name: `webhook:${created.id}` } })).toBe(0);
  });

  it.each([
    ['a private address', 'http://10.1.2.3/hook'],
    ['the cloud metadata service', 'http://169.254.169.254/latest/meta-data'],
    ['IPv6 loopback', 'http://[::1]:8080/hook'],
    ['an IPv4-mapped private address', 'http://[::ffff:192.168.0.1]/hook'],
  ])('refuses %s with a problem naming body.url, and stores nothing', async (_label, url) => {
    const before = await admin.webhook.count({ where: { tenantId } });
    const refused = await call('POST', '/v1/webhooks', { url, events: ['job.failed'] });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.json().errors).toEqual([
      { field: 'body.url', message: expect.stringMatching(/is refused.*expected a public http\(s\) address/) },
    ]);
    expect(await admin.webhook.count({ where: { tenantId } })).toBe(before);
  });

  it('names every bad field: URL scheme, unknown events, unknown fields', async () => {
    const bad = await call('POST', '/v1/webhooks', { url: 'ftp://example.com/x', events: ['job.started'], x: 1 });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.events.0', 'body.url', 'body.x']);
    const created = await register();
    const badPatch = await call('PATCH', `/v1/webhooks/${created.id}`, { url: 'http://192.168.1.1/' });
    expect(badPatch.statusCode).toBe(400);
    expect((await call('GET', `/v1/webhooks/${created.id}`)).json().url).toBe(receiver);
  });

  it('is for tenant admins only, and each tenant sees only its own webhooks', async () => {
    const created = await register();
    expect((await call('GET', '/v1/webhooks', undefined, keys.reader)).statusCode).toBe(403);
    expect((await call('GET', `/v1/webhooks/${created.id}`, undefined, otherAdmin)).statusCode).toBe(404);
    expect((await call('DELETE', `/v1/webhooks/${created.id}`, undefined, otherAdmin)).statusCode).toBe(404);
    const theirs = (await call('GET', '/v1/webhooks', undefined, otherAdmin)).json();
    expect(theirs.data).toEqual([]);
  });

  it('logs a delivery per subscribed, enabled webhook when a job ends, and redelivers one', async () => {
    const subscribed = await register({ events: ['job.succeeded'] });
    const otherEvent = await register({ events: ['job.failed'] });
    const disabled = await register({ events: ['job.succeeded'], enabled: false });
    const jobId = randomUUID();
    const transactions = app.get(TenantTransactions);
    const jobs = app.get(JobRepository);
    await transactions.run(tenantId, async (tx) => {
      await jobs.create(tx, {
        id: jobId,
        tenantId,
        queue: 'chat',
        name: 'chat.generate',
        payload: { jobId, tenantId },
      });
      await jobs.finish(tx, jobId, { status: 'succeeded', result: { messageId: null } });
    });

    const deliveries = async (webhookId: string) =>
      (await call('GET', `/v1/webhooks/${webhookId}/deliveries`)).json().data;
    expect(await deliveries(otherEvent.id)).toEqual([]);
    expect(await deliveries(disabled.id)).toEqual([]);
    const [delivery] = await deliveries(subscribed.id);
    expect(delivery).toMatchObject({
      eventType: 'job.succeeded',
      status: 'pending',
      attempts: 0,
      payload: {
        type: 'job.succeeded',
        tenantId,
        data: { job: { id: jobId, type: 'chat.generate', status: 'succeeded', result: { messageId: null } } },
      },
    });

    const again = await call('POST', `/v1/webhooks/${subscribed.id}/deliveries/${delivery.id}/redeliver`);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toMatchObject({ eventId: delivery.eventId, status: 'pending' });
    const log = await deliveries(subscribed.id);
    expect(log.map((d: { id: string }) => d.id)).toEqual([again.json().id, delivery.id]);
    const missing = await call('POST', `/v1/webhooks/${otherEvent.id}/deliveries/${delivery.id}/redeliver`);
    expect(missing.statusCode).toBe(404);
  });
});
