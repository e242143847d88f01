// Against the real Redis: two CircuitBreaker instances on separate connections play two workers.
import { randomUUID } from 'node:crypto';
import { loadSettings, redisConfig } from '@copilot/config';
import { createFailFastRedis, ensureConnected } from '@copilot/redis';
import { CircuitOpenError } from './breaker';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker';
import { ResilientGenerator } from './resilient-generator';
import { realSleep } from './signals';
import { drain, failure, ScriptedProvider } from './scripted-provider.testing';

describe(CircuitBreaker.name, () => {
  const { redis } = loadSettings('worker', [redisConfig] as const);
  const prefix = `${redis.prefix}-test-${randomUUID()}`;
  const clients = [createFailFastRedis(redis.url, 'breaker-test-1'), createFailFastRedis(redis.url, 'breaker-test-2')];
  const options: CircuitBreakerOptions = { prefix, failureThreshold: 3, cooldownMs: 300, probeLeaseMs: 5000 };
  const [worker1, worker2] = clients.map((client) => new CircuitBreaker(client, options)) as [
    CircuitBreaker,
    CircuitBreaker,
  ];
  const unhealthy = failure('provider_unavailable');
  let provider = '';
  beforeEach(() => (provider = `p-${randomUUID()}`));

  afterAll(async () => {
    const client = await ensureConnected(clients[0]!);
    const keys = await client.keys(`${prefix}:*`);
    if (keys.length > 0) await client.del(...keys);
    await Promise.all(clients.map((c) => c.quit()));
  });

  async function open(): Promise<void> {
    for (let i = 0; i < 3; i++) await worker1.onFailure(await worker1.acquire(provider), unhealthy);
  }
  const afterCooldown = () => realSleep(options.cooldownMs + 50);

  it('opens after failureThreshold consecutive health failures, counted across workers', async () => {
    await worker1.onFailure(await worker1.acquire(provider), unhealthy);
    await worker2.onFailure(await worker2.acquire(provider), failure('timeout'));
    expect(await worker1.state(provider)).toBe('closed');
    await worker2.onFailure(await worker2.acquire(provider), failure('rate_limited'));
    expect(await worker1.state(provider)).toBe('open');
    expect(await worker2.state(provider)).toBe('open');
  });

  it('skips calls at once while open, with the remaining cool-down as retryAfterMs', async () => {
    await open();
    const rejection = await worker2.acquire(provider).catch((e: unknown) => e);
    expect(rejection).toBeInstanceOf(CircuitOpenError);
    expect(rejection).toMatchObject({ kind: 'provider_unavailable', provider, retryable: true });
    expect((rejection as CircuitOpenError).message).toContain('circuit open');
    expect((rejection as CircuitOpenError).retryAfterMs).toBeGreaterThan(0);
    expect((rejection as CircuitOpenError).retryAfterMs).toBeLessThanOrEqual(300);
  });

  it('counts only health failures, and a success resets the count', async () => {
    for (const kind of [
      'invalid_request',
      'context_too_long',
      'content_refused',
      'authentication',
      'cancelled',
    ] as const) {
      await worker1.onFailure(await worker1.acquire(provider), failure(kind));
    }
    await worker1.onFailure(await worker1.acquire(provider), unhealthy);
    await worker1.onFailure(await worker1.acquire(provider), unhealthy);
    await worker2.onSuccess(await worker2.acquire(provider));
    await worker1.onFailure(await worker1.acquire(provider), unhealthy);
    await worker1.onFailure(await worker1.acquire(provider), unhealthy);
    expect(await worker1.state(provider)).toBe('closed');
  });

  it('lets exactly one of many concurrent callers probe after the cool-down; its success closes the circuit', async () => {
    await open();
    await afterCooldown();
    expect(await worker1.state(provider)).toBe('half_open');
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? worker1 : worker2).acquire(provider)),
    );
    const permits = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(permits).toHaveLength(1);
    expect(permits[0]!.probe).toBe(true);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof CircuitOpenError)).toHaveLength(39);

    await worker1.onSuccess(permits[0]!);
    expect(await worker2.state(provider)).toBe('closed');
    expect(await worker2.acquire(provider)).toEqual({ provider, probe: false });
  });

  it('re-opens for another cool-down when the probe fails', async () => {
    await open();
    await afterCooldown();
    const probe = await worker2.acquire(provider);
    expect(probe.probe).toBe(true);
    await worker2.onFailure(probe, failure('timeout'));
    expect(await worker1.state(provider)).toBe('open');
    await expect(worker1.acquire(provider)).rejects.toBeInstanceOf(CircuitOpenError);
    await afterCooldown();
    expect((await worker1.acquire(provider)).probe).toBe(true);
  });

  it('frees the probe for the next caller when the probe ends inconclusively or its lease expires', async () => {
    await open();
    await afterCooldown();
    const probe = await worker1.acquire(provider);
    await expect(worker2.acquire(provider)).rejects.toBeInstanceOf(CircuitOpenError);
    await worker1.onFailure(probe, failure('invalid_request'));
    expect(await worker1.state(provider)).toBe('half_open');
    const next = await worker2.acquire(provider);
    expect(next.probe).toBe(true);

    // A worker that dies mid-probe: its lease runs out and someone else probes.
    const shortLease = new CircuitBreaker(clients[1]!, { ...options, probeLeaseMs: 100 });
    await worker2.onFailure(next, failure('cancelled'));
    expect((await shortLease.acquire(provider)).probe).toBe(true);
    await expect(shortLease.acquire(provider)).rejects.toBeInstanceOf(CircuitOpenError);
    await realSleep(150);
    expect((await shortLease.acquire(provider)).probe).toBe(true);
  });

  it('fails open when Redis is unreachable: calls go through and nothing throws', async () => {
    const dead = createFailFastRedis('redis://127.0.0.1:1', 'breaker-test-dead');
    dead.on('error', () => undefined); // expected: connection refused
    const redisErrors: unknown[] = [];
    const breaker = new CircuitBreaker(dead, { ...options, onRedisError: (e) => redisErrors.push(e) });
    try {
      const started = Date.now();
      const permit = await breaker.acquire(provider);
      expect(permit).toMatchObject({ provider, probe: false, degraded: true });
      for (let i = 0; i < 5; i++) await breaker.onFailure(await breaker.acquire(provider), unhealthy);
      await breaker.onSuccess(permit);
      expect(await breaker.state(provider)).toBe('closed');
      expect(Date.now() - started).toBeLessThan(2000);
      expect(redisErrors.length).toBeGreaterThan(0);

      const generator = new ResilientGenerator({ maxRetries: 0, timeoutMs: 1000, breaker });
      const ok = new ScriptedProvider(provider, [{ tokens: ['fine'] }]);
      const { chunks, error } = await drain(generator.generate([{ provider: ok, model: 'm' }], { messages: [] }));
      expect(error).toBeUndefined();
      expect(chunks[0]).toEqual({ type: 'token', text: 'fine' });
    } finally {
      dead.disconnect();
    }
  });

  it('drives ResilientGenerator: a failing provider is skipped by every worker once open', async () => {
    const generators = [worker1, worker2].map(
      (breaker) => new ResilientGenerator({ maxRetries: 2, timeoutMs: 1000, breaker, sleep: async () => undefined }),
    );
    const failing = new ScriptedProvider(provider, [{ then: failure('provider_unavailable', provider) }]);
    const backup = new ScriptedProvider(`${provider}-backup`, [{ tokens: ['ok'] }]);
    const chain = [
      { provider: failing, model: 'm' },
      { provider: backup, model: 'n' },
    ];
    expect((await drain(generators[0]!.generate(chain, { messages: [] }))).error).toBeUndefined();
    expect(failing.calls).toHaveLength(3);
    expect(await worker2.state(provider)).toBe('open');
    const { chunks } = await drain(generators[1]!.generate(chain, { messages: [] }));
    expect(chunks[0]).toEqual({ type: 'token', text: 'ok' });
    expect(failing.calls).toHaveLength(3);
  });
});
