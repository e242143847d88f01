import { randomUUID } from 'node:crypto';
import { loadSettings, redisConfig } from '@copilot/config';
import { TokenBudget } from './token-budget';

describe(TokenBudget.name, () => {
  const { redis } = loadSettings('worker', [redisConfig] as const);
  const replicas = [new TokenBudget(redis), new TokenBudget(redis), new TokenBudget(redis)];
  const [budget] = replicas;
  afterAll(() => replicas.forEach((r) => r.onApplicationShutdown()));

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
});
