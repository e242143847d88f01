// Timeouts, cancellation and the circuit breaker as seen by ResilientGenerator. These
// use real (short) timers for the idle timeout; backoff sleeps stay fake.
import { ResilientGenerator, type OutcomeInfo, type ResilientGeneratorOptions } from './resilient-generator';
import { realSleep } from './signals';
import {
  drain,
  FakeClock,
  failure,
  MemoryBreaker,
  ScriptedProvider,
  type CallScript,
} from './scripted-provider.testing';

const messages = [{ role: 'user' as const, content: 'hi' }];
const provider = (name: string, ...scripts: CallScript[]) => new ScriptedProvider(name, scripts);
function setup(options: Partial<ResilientGeneratorOptions> = {}) {
  const clock = new FakeClock();
  const generator = new ResilientGenerator({ maxRetries: 2, timeoutMs: 40, sleep: clock.sleep, ...options });
  return { clock, generator };
}
const text = (chunks: Array<{ type: string; text?: string }>) => chunks.map((c) => c.text ?? `|${c.type}|`).join('');

describe('ResilientGenerator timeouts and cancellation', () => {
  it.each(['hang', 'hang-ignoring-signal'] as const)(
    'fails an attempt whose next chunk does not come within timeoutMs as timeout (%s), then retries',
    async (then) => {
      const { generator } = setup({ maxRetries: 1 });
      const a = provider('a', { tokens: ['x'], then }, { tokens: ['y'] });
      const outcomes: OutcomeInfo[] = [];
      const { chunks, error } = await drain(
        generator.generate([{ provider: a, model: 'm' }], { messages }, { onOutcome: (o) => outcomes.push(o) }),
      );
      expect(error).toBeUndefined();
      expect(text(chunks)).toBe('x|restart|y|usage|');
      expect(outcomes[0]).toMatchObject({ outcome: 'error', error: { kind: 'timeout' } });
      expect(a.calls[0]!.signal!.aborted).toBe(true);
    },
  );

  it('re-arms the idle timer on every chunk: a slow but steady stream is not cut', async () => {
    const { generator } = setup({ timeoutMs: 60 });
    const a = provider('a', { tokens: Array.from({ length: 10 }, (_, i) => `${i}`), intervalMs: 15 });
    const started = Date.now();
    const { chunks, error } = await drain(generator.generate([{ provider: a, model: 'm' }], { messages }));
    expect(error).toBeUndefined();
    expect(text(chunks)).toBe('0123456789|usage|');
    expect(Date.now() - started).toBeGreaterThan(60);
    expect(a.calls).toHaveLength(1);
  });

  it('does not count time the consumer spends on a chunk', async () => {
    const { generator } = setup({ timeoutMs: 30 });
    const a = provider('a', { tokens: ['a', 'b'] });
    const seen: string[] = [];
    for await (const chunk of generator.generate([{ provider: a, model: 'm' }], { messages })) {
      if (chunk.type === 'token') seen.push(chunk.text);
      await realSleep(60);
    }
    expect(seen).toEqual(['a', 'b']);
  });

  it.each(['hang', 'hang-ignoring-signal'] as const)(
    'stops at once as cancelled when the caller aborts mid-stream (%s), without retrying',
    async (then) => {
      const { generator } = setup({ timeoutMs: 10_000 });
      const controller = new AbortController();
      const a = provider('a', { tokens: ['x'], then });
      const b = provider('b', { tokens: ['never'] });
      const chain = [
        { provider: a, model: 'm' },
        { provider: b, model: 'n' },
      ];
      setTimeout(() => controller.abort(new Error('user cancelled')), 20);
      const started = Date.now();
      const { chunks, error } = await drain(generator.generate(chain, { messages, signal: controller.signal }));
      expect(Date.now() - started).toBeLessThan(500);
      expect(text(chunks)).toBe('x');
      expect(error).toMatchObject({ kind: 'cancelled' });
      expect(a.calls).toHaveLength(1);
      expect(b.calls).toHaveLength(0);
    },
  );

  it('stops a backoff wait at once when the caller aborts', async () => {
    const generator = new ResilientGenerator({ maxRetries: 3, timeoutMs: 1000 }); // real sleep
    const controller = new AbortController();
    const a = provider('a', { then: failure('rate_limited', 'a', 30_000) });
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    const { error } = await drain(
      generator.generate([{ provider: a, model: 'm' }], { messages, signal: controller.signal }),
    );
    expect(error).toMatchObject({ kind: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(500);
    expect(a.calls).toHaveLength(1);
  });

  it('makes no call when the signal is already aborted', async () => {
    const { generator } = setup();
    const a = provider('a', { tokens: ['x'] });
    const { error } = await drain(
      generator.generate([{ provider: a, model: 'm' }], { messages, signal: AbortSignal.abort() }),
    );
    expect(error).toMatchObject({ kind: 'cancelled' });
    expect(a.calls).toHaveLength(0);
  });

  it('closes the provider stream when the consumer stops early and reports it as cancelled', async () => {
    const { generator } = setup();
    const a = provider('a', { tokens: ['x', 'y', 'z'] });
    const outcomes: OutcomeInfo[] = [];
    for await (const chunk of generator.generate(
      [{ provider: a, model: 'm' }],
      { messages },
      { onOutcome: (o) => outcomes.push(o) },
    )) {
      if (chunk.type === 'token') break;
    }
    await realSleep(5);
    expect(a.closed).toBe(1);
    expect(a.calls[0]!.signal!.aborted).toBe(true);
    expect(outcomes.map((o) => o.outcome)).toEqual(['cancelled']);
  });
});

describe('ResilientGenerator with a circuit breaker', () => {
  it('reports outcomes to the breaker and skips a provider whose circuit is open', async () => {
    const breaker = new MemoryBreaker(2);
    const { generator } = setup({ maxRetries: 1, breaker });
    const a = provider('a', { then: failure('provider_unavailable', 'a') });
    const b = provider('b', { tokens: ['B'] });
    const chain = [
      { provider: a, model: 'm' },
      { provider: b, model: 'n' },
    ];
    expect(text((await drain(generator.generate(chain, { messages }))).chunks)).toBe('B|usage|');
    expect(breaker.events).toEqual(['failure:a:provider_unavailable', 'failure:a:provider_unavailable', 'success:b']);
    expect(await breaker.state('a')).toBe('open');

    const outcomes: OutcomeInfo[] = [];
    const second = await drain(generator.generate(chain, { messages }, { onOutcome: (o) => outcomes.push(o) }));
    expect(text(second.chunks)).toBe('B|usage|');
    expect(a.calls).toHaveLength(2); // skipped, not called
    expect(outcomes[0]).toMatchObject({ provider: 'a', outcome: 'rejected', error: { kind: 'provider_unavailable' } });
  });

  it('does not count request-side failures, and prefers a real failure over a circuit-open skip in the final error', async () => {
    const breaker = new MemoryBreaker(1);
    const { generator } = setup({ maxRetries: 0, breaker });
    const a = provider('a', { then: failure('invalid_request', 'a') });
    const b = provider('b', { then: failure('rate_limited', 'b', 2000) });
    await drain(generator.generate([{ provider: a, model: 'm' }], { messages }));
    expect(await breaker.state('a')).toBe('closed');

    await drain(generator.generate([{ provider: b, model: 'n' }], { messages })); // opens b
    const { error } = await drain(
      generator.generate(
        [
          { provider: a, model: 'm' },
          { provider: b, model: 'n' },
        ],
        { messages },
      ),
    );
    expect(error).toMatchObject({ kind: 'invalid_request', provider: 'a' });
    expect(error!.message).toContain('[tried a/m (1 attempt, last invalid_request), b/n (circuit open)]');
  });
});
