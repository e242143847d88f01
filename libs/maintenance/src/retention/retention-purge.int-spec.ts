import { randomUUID } from 'node:crypto';
import { jobEventsKey } from '@copilot/queues';
import { createPersistentRedis } from '@copilot/redis';
import { type MaintenanceFixture, maintenanceFixture } from '../testing/maintenance-fixture';
import { RetentionPurge, UNSTORED_EXCHANGE_GRACE_MS } from './retention-purge';

const DAY_MS = 24 * 3600_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

describe(RetentionPurge.name, () => {
  let f: MaintenanceFixture;

  beforeAll(() => {
    // Batches of 2, so a purge of 5 rows takes several statements.
    f = maintenanceFixture((m) => ({ ...m, retention: { ...m.retention, days: 30, batchSize: 2 } }));
  });
  afterAll(() => f.close());

  const conversation = async (tenantId: string, lastActive: Date, metadata: object = {}) => {
    const c = await f.admin.conversation.create({ data: { tenantId, metadata } });
    await f.admin.message.create({ data: { tenantId, conversationId: c.id, role: 'user', content: 'hello' } });
    await f.admin.$executeRaw`UPDATE conversations SET updated_at = ${lastActive} WHERE id = ${c.id}::uuid`;
    return c.id;
  };
  const job = async (tenantId: string, status: string, finishedAt: Date | null, payload: object = {}) => {
    const id = randomUUID();
    await f.admin.job.create({
      data: {
        id,
        tenantId,
        queue: 'chat',
        name: 'chat.generate',
        status,
        finishedAt,
        createdAt: finishedAt ?? daysAgo(100),
        payload: { jobId: id, tenantId, ...payload },
      },
    });
    return id;
  };
  const exists = {
    conversation: async (id: string) => (await f.admin.conversation.count({ where: { id } })) === 1,
    job: async (id: string) => (await f.admin.job.count({ where: { id } })) === 1,
  };

  it("deletes what is older than the tenant's retention (its own or RETENTION_DAYS), and nothing newer", async () => {
    const shortLived = await f.createTenant('retention-7d', 7);
    const standard = await f.createTenant('retention-default');
    const oldShort = await Promise.all([1, 2, 3, 4, 5].map(() => conversation(shortLived.id, daysAgo(10))));
    const recentShort = await conversation(shortLived.id, daysAgo(2));
    const tenDaysStandard = await conversation(standard.id, daysAgo(10));
    const oldStandard = await conversation(standard.id, daysAgo(40));

    const report = await f.retention.purgeOnce();

    for (const id of oldShort) expect(await exists.conversation(id)).toBe(false);
    expect(await f.admin.message.count({ where: { conversationId: { in: oldShort } } })).toBe(0);
    expect(await exists.conversation(recentShort)).toBe(true);
    expect(await exists.conversation(tenDaysStandard)).toBe(true);
    expect(await exists.conversation(oldStandard)).toBe(false);
    expect(report.conversations).toBeGreaterThanOrEqual(6);
  });

  it('deletes finished jobs and their event streams, never queued or running ones or the conversations they write', async () => {
    const tenant = await f.createTenant('retention-jobs', 7);
    const busyConversation = await conversation(tenant.id, daysAgo(20));
    const finished = await job(tenant.id, 'succeeded', daysAgo(10));
    const failedRecently = await job(tenant.id, 'failed', daysAgo(1));
    const stillQueued = await job(tenant.id, 'queued', null, { conversationId: busyConversation });
    const stillRunning = await job(tenant.id, 'running', null);
    const redis = createPersistentRedis(f.settings.redis.url, 'retention-test');
    const stream = jobEventsKey(f.settings.redis.prefix, finished);
    const keptStream = jobEventsKey(f.settings.redis.prefix, failedRecently);
    await redis.xadd(stream, '*', 'type', 'done', 'data', '{}');
    await redis.xadd(keptStream, '*', 'type', 'done', 'data', '{}');

    try {
      await f.retention.purgeOnce();

      expect(await exists.job(finished)).toBe(false);
      expect(await redis.exists(stream)).toBe(0);
      expect(await exists.job(failedRecently)).toBe(true);
      expect(await redis.exists(keptStream)).toBe(1);
      expect(await exists.job(stillQueued)).toBe(true);
      expect(await exists.job(stillRunning)).toBe(true);
      expect(await exists.conversation(busyConversation)).toBe(true);
    } finally {
      redis.disconnect();
    }
  });

  it("deletes webhook delivery logs that ended before the tenant's retention, never pending ones", async () => {
    const tenant = await f.createTenant('retention-webhooks', 7);
    const other = await f.createTenant('retention-webhooks-other', 90);
    const webhookOf = (tenantId: string) =>
      f.admin.webhook.create({
        data: { tenantId, url: 'https://hooks.example.test/in', events: ['document.indexed'] },
      });
    const delivery = async (webhook: { id: string; tenantId: string }, status: string, finishedAt: Date | null) =>
      (
        await f.admin.webhookDelivery.create({
          data: {
            tenantId: webhook.tenantId,
            webhookId: webhook.id,
            eventId: randomUUID(),
            eventType: 'document.indexed',
            payload: {},
            status,
            finishedAt,
            createdAt: finishedAt ?? daysAgo(30),
          },
        })
      ).id;
    const hook = await webhookOf(tenant.id);
    const oldDelivered = await Promise.all([1, 2, 3].map(() => delivery(hook, 'succeeded', daysAgo(10))));
    const oldFailed = await delivery(hook, 'failed', daysAgo(8));
    const recent = await delivery(hook, 'succeeded', daysAgo(1));
    const stillRetrying = await delivery(hook, 'pending', null);
    const othersOld = await delivery(await webhookOf(other.id), 'succeeded', daysAgo(10));

    const report = await f.retention.purgeOnce();

    const left = async (id: string) => (await f.admin.webhookDelivery.count({ where: { id } })) === 1;
    for (const id of [...oldDelivered, oldFailed]) expect(await left(id)).toBe(false);
    expect(await left(recent)).toBe(true);
    expect(await left(stillRetrying)).toBe(true);
    expect(await left(othersOld)).toBe(true); // that tenant keeps 90 days
    expect(await f.admin.webhook.count({ where: { id: hook.id } })).toBe(1);
    expect(report.webhookDeliveries).toBeGreaterThanOrEqual(4);
  });
  it('removes unstored OpenAI-compatible exchanges left behind within minutes, with their jobs and streams, never a busy one', async () => {
    const tenant = await f.createTenant('retention-unstored', 365);
    const unstored = { source: 'openai-compat', stored: false };
    const past = new Date(Date.now() - UNSTORED_EXCHANGE_GRACE_MS - 60_000);
    const leftBehind = await Promise.all([1, 2, 3].map(() => conversation(tenant.id, past, unstored)));
    const leftJob = await job(tenant.id, 'succeeded', past, { conversationId: leftBehind[0] });
    const justAnswered = await conversation(tenant.id, new Date(), unstored);
    const stillAnswering = await conversation(tenant.id, past, unstored);
    const busyJob = await job(tenant.id, 'running', null, { conversationId: stillAnswering });
    const storedExchange = await conversation(tenant.id, past, { source: 'openai-compat' });
    const redis = createPersistentRedis(f.settings.redis.url, 'retention-unstored-test');
    const stream = jobEventsKey(f.settings.redis.prefix, leftJob);
    await redis.xadd(stream, '*', 'type', 'done', 'data', '{}');

    try {
      const report = await f.retention.purgeOnce();

      for (const id of leftBehind) expect(await exists.conversation(id)).toBe(false);
      expect(await f.admin.message.count({ where: { conversationId: { in: leftBehind } } })).toBe(0);
      expect(await exists.job(leftJob)).toBe(false);
      expect(await redis.exists(stream)).toBe(0);
      expect(await exists.conversation(justAnswered)).toBe(true);
      expect(await exists.conversation(stillAnswering)).toBe(true);
      expect(await exists.job(busyJob)).toBe(true);
      expect(await exists.conversation(storedExchange)).toBe(true); // a year's retention
      expect(report.unstoredExchanges).toBeGreaterThanOrEqual(3);
    } finally {
      redis.disconnect();
    }
  });
});
