import { randomUUID } from 'node:crypto';
import { createPersistentRedis, jobEventsKey } from '@copilot/queues';
import { type MaintenanceFixture, maintenanceFixture } from '../testing/maintenance-fixture';
import { RetentionPurge } from './retention-purge';

const DAY_MS = 24 * 3600_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

describe(RetentionPurge.name, () => {
  let f: MaintenanceFixture;

  beforeAll(() => {
    // Batches of 2, so a purge of 5 rows takes several statements.
    f = maintenanceFixture((m) => ({ ...m, retention: { ...m.retention, days: 30, batchSize: 2 } }));
  });
  afterAll(() => f.close());

  const conversation = async (tenantId: string, lastActive: Date) => {
    const c = await f.admin.conversation.create({ data: { tenantId } });
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
});
