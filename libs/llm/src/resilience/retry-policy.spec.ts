import { LlmError } from '../llm-error';
import { backoffDelay, DEFAULT_RETRY_POLICY, retryDelay, withRetries } from './retry-policy';
import { FakeClock, failure } from './scripted-provider.testing';

const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: 10 };
const almostOne = () => 0.999_999;

describe(backoffDelay.name, () => {
  it('doubles its ceiling per retry from the base, up to the cap', () => {
    const ceilings = Array.from({ length: 8 }, (_, retry) => backoffDelay(retry, policy, almostOne) + 1);
    expect(ceilings).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('draws uniformly below the ceiling (full jitter)', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(1000);
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(4, policy);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(4000);
    }
  });
});

describe(retryDelay.name, () => {
  it('retries only retryable kinds, and only maxRetries times', () => {
    const half = () => 0.5;
    expect(retryDelay(failure('provider_unavailable'), 0, policy, half)).toBe(125);
    for (const kind of [
      'authentication',
      'invalid_request',
      'context_too_long',
      'content_refused',
      'cancelled',
    ] as const) {
      expect(retryDelay(failure(kind), 0, policy, half)).toBeUndefined();
    }
    const twice = { ...policy, maxRetries: 2 };
    expect(retryDelay(failure('timeout'), 1, twice, half)).toBe(250);
    expect(retryDelay(failure('timeout'), 2, twice, half)).toBeUndefined();
  });

  it('waits at least Retry-After, plus at most one base delay of jitter', () => {
    expect(retryDelay(failure('rate_limited', 'p', 5000), 0, policy, () => 0)).toBe(5000);
    expect(retryDelay(failure('rate_limited', 'p', 5000), 0, policy, almostOne)).toBe(5249);
    // A Retry-After shorter than the backoff does not shorten it.
    expect(retryDelay(failure('rate_limited', 'p', 10), 5, policy, almostOne)).toBe(7999);
  });

  it('gives up when Retry-After is beyond the cap', () => {
    expect(retryDelay(failure('rate_limited', 'p', 60_000), 0, policy)).toBeDefined();
    expect(retryDelay(failure('rate_limited', 'p', 60_001), 0, policy)).toBeUndefined();
  });
});

describe(withRetries.name, () => {
  it('retries with backoff until the call succeeds', async () => {
    const clock = new FakeClock();
    const errors = [failure('provider_unavailable'), failure('rate_limited', 'p', 2000)];
    const attempts: number[] = [];
    const result = await withRetries(
      async ({ attempt }) => {
        attempts.push(attempt);
        const error = errors.shift();
        if (error) throw error;
        return 'ok';
      },
      { sleep: clock.sleep, random: () => 0.5 },
    );
    expect(result).toBe('ok');
    expect(attempts).toEqual([1, 2, 3]);
    expect(clock.sleeps).toEqual([125, 2125]);
  });

  it('throws the last error after maxRetries, and non-retryable errors at once', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const always = (error: LlmError) => () => {
      calls++;
      return Promise.reject(error);
    };
    const options = { sleep: clock.sleep, policy: { maxRetries: 2 } };
    await expect(withRetries(always(failure('timeout')), options)).rejects.toMatchObject({ kind: 'timeout' });
    expect(calls).toBe(3);
    calls = 0;
    await expect(withRetries(always(failure('authentication')), options)).rejects.toMatchObject({
      kind: 'authentication',
    });
    expect(calls).toBe(1);
  });

  it('fails an attempt that outlives timeoutMs as timeout, and wraps unknown errors', async () => {
    const clock = new FakeClock();
    const hang = () => new Promise<never>(() => undefined);
    const options = { provider: 'x', timeoutMs: 20, sleep: clock.sleep, policy: { maxRetries: 1 } };
    await expect(withRetries(hang, options)).rejects.toMatchObject({ kind: 'timeout', provider: 'x' });
    expect(clock.sleeps).toHaveLength(1);
    const bug = () => Promise.reject(new TypeError('fetch failed'));
    await expect(withRetries(bug, { ...options, policy: { maxRetries: 0 } })).rejects.toMatchObject({
      kind: 'provider_unavailable',
      message: 'unexpected failure: fetch failed',
    });
  });

  it('stops waiting at once when the caller aborts (cancelled)', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const run = withRetries(() => Promise.reject(failure('rate_limited', 'p', 30_000)), {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    await expect(run).rejects.toMatchObject({ kind: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
