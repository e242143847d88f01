import { randomUUID } from 'node:crypto';
import { adminDatabaseConfig, loadSettings, redisConfig } from '@copilot/config';
import { createPrismaClient, type PrismaClient } from '@copilot/persistence';
import { type CliRun, runCli } from '@copilot/testing';
import { Redis } from 'ioredis';

// An operator erasing a customer with the CLI (a process, as they run it): a tenant's rows
// and Redis state go, another tenant's stay. The data is written as the platform writes
// it (rows through the owner's connection, keys in the layouts the api and worker use).
describe('tenant:delete', () => {
  const env: NodeJS.ProcessEnv = { ...process.env, APP_ENV: 'test', LOG_LEVEL: 'warn' };
  const run = (...args: string[]) => runCli(env, ...args);
  const settings = loadSettings('cli', [adminDatabaseConfig, redisConfig] as const);
  const p = settings.redis.prefix;
  let admin: PrismaClient;
  let redis: Redis;

  beforeAll(() => {
    admin = createPrismaClient(settings.adminDatabase);
    redis = new Redis(settings.redis.url);
  });
  afterAll(async () => {
    await admin.$disconnect();
    redis.disconnect();
  });

  const created = (result: CliRun) => {
    if (result.code !== 0) throw new Error(`the CLI exited with ${result.code}: ${result.stderr}${result.stdout}`);
    return JSON.parse(result.stdout) as { id: string; slug: string };
  };

  /** A tenant with a conversation, a finished reply job, a webhook delivery, and its Redis keys. */
  async function tenantWithData(slug: string) {
    const tenant = created(await run('tenant:create', slug, '--json'));
    const conversation = await admin.conversation.create({ data: { tenantId: tenant.id, title: 'to erase' } });
    await admin.message.create({
      data: { tenantId: tenant.id, conversationId: conversation.id, role: 'user', content: 'my address is ...' },
    });
    const jobId = randomUUID();
    await admin.job.create({
      data: {
        id: jobId,
        tenantId: tenant.id,
        queue: 'chat',
        name: 'chat.generate',
        status: 'succeeded',
        finishedAt: new Date(),
        payload: { jobId, tenantId: tenant.id, conversationId: conversation.id },
      },
    });
    const webhook = await admin.webhook.create({
      data: { tenantId: tenant.id, url: 'https://hooks.example.test/x', events: ['job.succeeded'] },
    });
    await admin.webhookDelivery.create({
      data: {
        tenantId: tenant.id,
        webhookId: webhook.id,
        eventId: randomUUID(),
        eventType: 'job.succeeded',
        payload: {},
      },
    });
    const keys = [
      `${p}:job:${jobId}:events`,
      `${p}:budget:${tenant.id}:2026-12-03`,
      `${p}:budget:${tenant.id}:2026-12`,
      `${p}:rate-limit:100:tenant:${tenant.id}`,
      `${p}:rate-limit:100:principal:${tenant.id}:api_key:${randomUUID()}`,
      `${p}:streams:tenant:${tenant.id}`,
    ];
    await redis.xadd(keys[0]!, '*', 'type', 'done', 'data', '{}');
    for (const key of keys.slice(1)) await redis.set(key, '42');
    const lastUsedField = `${tenant.id}:${randomUUID()}`;
    await redis.hset(`${p}:api-keys:last-used`, lastUsedField, String(Date.now()));
    return { tenant, keys, lastUsedField };
  }

  const rowsOf = async (tenantId: string) => ({
    tenants: await admin.tenant.count({ where: { id: tenantId } }),
    conversations: await admin.conversation.count({ where: { tenantId } }),
    messages: await admin.message.count({ where: { tenantId } }),
    jobs: await admin.job.count({ where: { tenantId } }),
    webhookDeliveries: await admin.webhookDelivery.count({ where: { tenantId } }),
    auditEvents: await admin.auditEvent.count({ where: { tenantId } }),
  });
  const keysLeft = async (data: { keys: string[]; lastUsedField: string }) =>
    (await Promise.all(data.keys.map((k) => redis.exists(k)))).reduce((a, b) => a + b, 0) +
    (await redis.hexists(`${p}:api-keys:last-used`, data.lastUsedField));

  it('refuses without --confirm, saying what it would erase, and changes nothing', async () => {
    const data = await tenantWithData(`dl-refuse-${Date.now()}`);
    const before = await rowsOf(data.tenant.id);

    const refused = await run('tenant:delete', data.tenant.slug);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--confirm');
    expect(refused.stderr).toContain('1 conversations');
    expect(await rowsOf(data.tenant.id)).toEqual(before);
    expect(await keysLeft(data)).toBe(data.keys.length + 1);
  });

  it("erases the tenant's rows and Redis state with --confirm, and leaves another tenant's alone", async () => {
    const doomed = await tenantWithData(`dl-erase-${Date.now()}`);
    const kept = await tenantWithData(`dl-keep-${Date.now()}`);
    const keptRows = await rowsOf(kept.tenant.id);

    const erased = await run('tenant:delete', doomed.tenant.slug, '--confirm', '--json');

    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({
      id: doomed.tenant.id,
      slug: doomed.tenant.slug,
      erased: { conversations: 1, jobsByStatus: { succeeded: 1 } },
      redisKeys: doomed.keys.length + 1,
    });
    expect(await rowsOf(doomed.tenant.id)).toEqual({
      tenants: 0,
      conversations: 0,
      messages: 0,
      jobs: 0,
      webhookDeliveries: 0,
      auditEvents: 0,
    });
    expect(await keysLeft(doomed)).toBe(0);
    expect(await rowsOf(kept.tenant.id)).toEqual(keptRows);
    expect(await keysLeft(kept)).toBe(kept.keys.length + 1);

    const again = await run('tenant:delete', doomed.tenant.slug, '--confirm');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`no tenant '${doomed.tenant.slug}'`);
  });
});
