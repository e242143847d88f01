import { randomUUID } from 'node:crypto';
import { adminDatabaseConfig, databaseConfig, loadSettings, redisConfig } from '@copilot/config';
import {
  createPrismaClient,
  JobRepository,
  PrismaService,
  TenantRepository,
  TenantTransactions,
  UsageRepository,
} from '@copilot/persistence';
import { createPersistentRedis, RedisConnections } from '@copilot/redis';
import { TokenBudget } from './token-budget';

describe(TokenBudget.name, () => {
  const settings = loadSettings('worker', [redisConfig, databaseConfig, adminDatabaseConfig] as const);
  const { redis } = settings;
  const prisma = new PrismaService(settings.database);
  const admin = createPrismaClient(settings.adminDatabase);
  const transactions = new TenantTransactions(prisma);
  // Three api replicas: each its own connections.
  const processes = [0, 1, 2].map(() => new RedisConnections(redis));
  const replicas = processes.map(
    (connections) => new TokenBudget(connections, transactions, new UsageRepository(), new JobRepository()),
  );
  const [budget] = replicas;
  const raw = createPersistentRedis(redis.url, 'token-budget-test');
  afterAll(async () => {
    processes.forEach((connections) => connections.onApplicationShutdown());
    raw.disconnect();
    await prisma.onApplicationShutdown();
    await admin.$disconnect();
  });

  it('never reserves past the daily budget, whatever the number of parallel callers and replicas', async () => {
    const tenantId = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => replicas[i % 3]!.reserve(tenantId, { daily: 1_000, monthly: null }, 70)),
    );
    const granted = results.filter((r) => r.ok).length;
    expect(granted).toBe(Math.floor(1_000 / 70));
    expect((await budget!.used(tenantId)).day).toBe(granted * 70);
  });

  it('answers over-budget with the window and when it resets', async () => {
    const now = new Date('2026-11-22T15:00:00Z');
    const tenantId = randomUUID();
    expect(await budget!.reserve(tenantId, { daily: null, monthly: 100 }, 80, now)).toMatchObject({ ok: true });
    expect(await budget!.reserve(tenantId, { daily: null, monthly: 100 }, 30, now)).toEqual({
      ok: false,
      window: 'month',
      limit: 100,
      resetAt: new Date('2026-12-01T00:00:00Z'),
    });
    const daily = await budget!.reserve(randomUUID(), { daily: 10, monthly: null }, 11, now);
    expect(daily).toMatchObject({ ok: false, window: 'day', resetAt: new Date('2026-11-23T00:00:00Z') });
  });

  it('settles a reservation to the tokens really used, freeing the rest', async () => {
    const tenantId = randomUUID();
    const first = await budget!.reserve(tenantId, { daily: 100, monthly: 1_000 }, 90);
    expect(first.ok).toBe(true);
    expect((await budget!.reserve(tenantId, { daily: 100, monthly: 1_000 }, 20)).ok).toBe(false);
    await budget!.settle(tenantId, first.ok ? first.reservation : null, 30);
    expect(await budget!.used(tenantId)).toEqual({ day: 30, month: 30 });
    expect((await budget!.reserve(tenantId, { daily: 100, monthly: 1_000 }, 20)).ok).toBe(true);
  });

  it('costs nothing without budgets', async () => {
    expect(await budget!.reserve(randomUUID(), { daily: null, monthly: null }, 10_000)).toEqual({
      ok: true,
      reservation: null,
    });
  });

  describe('when Redis lost the counters mid-window', () => {
    const NOW = new Date();
    const DAY = NOW.toISOString().slice(0, 10);
    const MONTH = NOW.toISOString().slice(0, 7);
    const limits = { daily: 1_000, monthly: 5_000 };

    /** A tenant that spent 500 tokens today (a finished generation) and has 200 more reserved (one still queued). */
    async function tenantMidWindow(): Promise<string> {
      const tenant = await new TenantRepository().create(admin, {
        slug: `budget-rebuild-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`,
        name: 'budget rebuild',
      });
      await admin.usageRecord.create({
        data: {
          tenantId: tenant.id,
          provider: 'local',
          model: 'local',
          inputTokens: 300,
          outputTokens: 200,
          latencyMs: 5,
          outcome: 'succeeded',
        },
      });
      const queued = randomUUID();
      await admin.job.create({
        data: {
          id: queued,
          tenantId: tenant.id,
          queue: 'chat',
          name: 'chat.generate',
          payload: { jobId: queued, tenantId: tenant.id, reservation: { tokens: 200, day: DAY, month: MONTH } },
        },
      });
      // A finished job's reservation is no longer open: its usage record counts instead.
      await admin.job.create({
        data: {
          tenantId: tenant.id,
          queue: 'chat',
          name: 'chat.generate',
          status: 'succeeded',
          payload: { reservation: { tokens: 900, day: DAY, month: MONTH } },
        },
      });
      return tenant.id;
    }

    /** What a Redis restart without persistence does to this tenant: its keys are gone (only its own, under this run's prefix). */
    const loseCounters = async (tenantId: string) => {
      const keys = await raw.keys(`${redis.prefix}:budget:${tenantId}:*`);
      if (keys.length > 0) await raw.del(...keys);
    };

    it('rebuilds the counter from usage_records plus open reservations, instead of starting from zero', async () => {
      const tenantId = await tenantMidWindow();
      expect((await budget!.reserve(tenantId, limits, 100, NOW)).ok).toBe(true); // 500 + 200 + 100
      await loseCounters(tenantId);

      // The 100 reserved above has no job row (its request never committed): Postgres knows
      // of 500 used and 200 reserved, so the counter comes back at 700 and 400 more cross 1,000.
      expect(await budget!.reserve(tenantId, limits, 400, NOW)).toMatchObject({
        ok: false,
        window: 'day',
        limit: 1_000,
      });
      expect(await budget!.used(tenantId, NOW)).toEqual({ day: 700, month: 700 });
      expect((await budget!.reserve(tenantId, limits, 300, NOW)).ok).toBe(true);
      expect(await budget!.used(tenantId, NOW)).toEqual({ day: 1_000, month: 1_000 });
    });

    it('rebuilds once when many requests on several replicas find the counter missing together', async () => {
      const tenantId = await tenantMidWindow();
      await loseCounters(tenantId);
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) => replicas[i % 3]!.reserve(tenantId, limits, 50, NOW)),
      );
      const granted = results.filter((r) => r.ok).length;
      expect(granted).toBe((1_000 - 700) / 50);
      expect(await budget!.used(tenantId, NOW)).toEqual({ day: 1_000, month: 1_000 });
    });

    it('does not let a generation settled after the loss count twice', async () => {
      const tenantId = await tenantMidWindow();
      const first = await budget!.reserve(tenantId, limits, 100, NOW);
      await loseCounters(tenantId);
      // The generation ends while the counter is missing: its usage is in Postgres already, and
      // settling must not recreate the counter from nothing (at -100).
      await budget!.settle(tenantId, first.ok ? first.reservation : null, 0);
      expect(await raw.exists(`${redis.prefix}:budget:${tenantId}:${DAY}`)).toBe(0);
      expect((await budget!.reserve(tenantId, limits, 300, NOW)).ok).toBe(true);
      expect(await budget!.used(tenantId, NOW)).toEqual({ day: 1_000, month: 1_000 });
    });
  });
});
