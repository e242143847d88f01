import type { LlmError } from '../llm-error';
import { ResilientGenerator, type OutcomeInfo, type ResilientGeneratorOptions } from './resilient-generator';
import { drain, FakeClock, failure, ScriptedProvider, type CallScript } from './scripted-provider.testing';

const request = { messages: [{ role: 'user' as const, content: 'hi' }] };
const tokens = (chunks: Array<{ type: string; text?: string }>) =>
  chunks.map((c) => (c.type === 'token' ? c.text : c.type === 'restart' ? '|restart|' : '')).join('');

function setup(options: Partial<ResilientGeneratorOptions> = {}) {
  const clock = new FakeClock();
  const generator = new ResilientGenerator({
    maxRetries: 2,
    timeoutMs: 1000,
    sleep: clock.sleep,
    now: clock.now,
    random: () => 0.5,
    ...options,
  });
  return { clock, generator };
}
const provider = (name: string, ...scripts: CallScript[]) => new ScriptedProvider(name, scripts);

describe(ResilientGenerator.name, () => {
  it('streams tokens and usage from the first provider, passing the model and request', async () => {
    const { generator } = setup();
    const a = provider('a', { tokens: ['Hel', 'lo'] });
    const { chunks, error } = await drain(generator.generate([{ provider: a, model: 'm1' }], request));
    expect(error).toBeUndefined();
    expect(chunks).toEqual([
      { type: 'token', text: 'Hel' },
      { type: 'token', text: 'lo' },
      { type: 'usage', inputTokens: 1, outputTokens: 2 },
    ]);
    expect(a.calls[0]).toMatchObject({ model: 'm1', messages: request.messages });
    expect(a.calls[0]!.signal).toBeInstanceOf(AbortSignal);
  });

  it('retries retryable failures before the first token with growing backoff, silently', async () => {
    const { clock, generator } = setup();
    const a = provider(
      'a',
      { then: failure('provider_unavailable') },
      { then: failure('timeout') },
      { tokens: ['ok'] },
    );
    const { chunks, error } = await drain(generator.generate([{ provider: a, model: 'm' }], request));
    expect(error).toBeUndefined();
    expect(tokens(chunks)).toBe('ok');
    expect(a.calls).toHaveLength(3);
    expect(clock.sleeps).toEqual([125, 250]);
  });

  it('honours Retry-After, and gives up on one beyond the cap by falling back without waiting', async () => {
    const { clock, generator } = setup();
    const a = provider('a', { then: failure('rate_limited', 'a', 3000) }, { tokens: ['late'] });
    await drain(generator.generate([{ provider: a, model: 'm' }], request));
    expect(clock.sleeps).toEqual([3125]);

    const slow = setup();
    const b = provider('b', { then: failure('rate_limited', 'b', 120_000) });
    const c = provider('c', { tokens: ['from c'] });
    const { chunks } = await drain(
      slow.generator.generate(
        [
          { provider: b, model: 'm' },
          { provider: c, model: 'n' },
        ],
        request,
      ),
    );
    expect(tokens(chunks)).toBe('from c');
    expect(b.calls).toHaveLength(1);
    expect(slow.clock.sleeps).toEqual([]);
  });

  it('stops after maxRetries and throws the last error naming what was tried', async () => {
    const { generator } = setup({ maxRetries: 2 });
    const a = provider('a', { then: failure('provider_unavailable', 'a') });
    const { error } = await drain(generator.generate([{ provider: a, model: 'm' }], request));
    expect(a.calls).toHaveLength(3);
    expect(error).toMatchObject({ kind: 'provider_unavailable', provider: 'a' });
    expect(error!.message).toBe('provider_unavailable from a [tried a/m (3 attempts, last provider_unavailable)]');
  });

  it('falls back to the next entry before the first token; the fallback alone is streamed', async () => {
    const { generator } = setup({ maxRetries: 1 });
    const a = provider('a', { then: failure('stream_interrupted', 'a') });
    const b = provider('b', { tokens: ['B'] });
    const { chunks } = await drain(
      generator.generate(
        [
          { provider: a, model: 'm' },
          { provider: b, model: 'n' },
        ],
        request,
      ),
    );
    expect(a.calls).toHaveLength(2);
    expect(b.calls[0]!.model).toBe('n');
    expect(chunks.map((c) => c.type)).toEqual(['token', 'usage']);
  });

  it.each(['authentication', 'invalid_request'] as const)(
    'falls back at once, without retrying, on %s',
    async (kind) => {
      const { clock, generator } = setup();
      const a = provider('a', { then: failure(kind, 'a') });
      const b = provider('b', { tokens: ['B'] });
      const chain = [
        { provider: a, model: 'm' },
        { provider: b, model: 'n' },
      ];
      expect(tokens((await drain(generator.generate(chain, request))).chunks)).toBe('B');
      expect(a.calls).toHaveLength(1);
      expect(clock.sleeps).toEqual([]);
    },
  );

  it.each(['context_too_long', 'content_refused'] as const)(
    'fails at once on %s (the request is the problem)',
    async (kind) => {
      const { generator } = setup();
      const a = provider('a', { then: failure(kind, 'a') });
      const b = provider('b', { tokens: ['B'] });
      const chain = [
        { provider: a, model: 'm' },
        { provider: b, model: 'n' },
      ];
      const { error } = await drain(generator.generate(chain, request));
      expect(error).toMatchObject({ kind });
      expect(a.calls).toHaveLength(1);
      expect(b.calls).toHaveLength(0);
    },
  );

  it('after tokens, yields a restart marker before streaming a retry from scratch', async () => {
    const { generator } = setup();
    const a = provider('a', { tokens: ['x', 'y'], then: failure('stream_interrupted', 'a') }, { tokens: ['X', 'Y'] });
    const { chunks, error } = await drain(generator.generate([{ provider: a, model: 'm' }], request));
    expect(error).toBeUndefined();
    expect(tokens(chunks)).toBe('xy|restart|XY');
    expect(chunks[2]).toEqual({
      type: 'restart',
      provider: 'a',
      model: 'm',
      attempt: 2,
      reason: 'stream_interrupted: stream_interrupted from a',
    });
  });

  it('counts restarts toward maxRetries, and marks a fallback after tokens the same way', async () => {
    const { generator } = setup({ maxRetries: 1 });
    const a = provider(
      'a',
      { tokens: ['x'], then: failure('stream_interrupted', 'a') },
      { then: failure('timeout', 'a') },
    );
    const b = provider('b', { tokens: ['B'] });
    const chain = [
      { provider: a, model: 'm' },
      { provider: b, model: 'n' },
    ];
    const { chunks } = await drain(generator.generate(chain, request));
    expect(a.calls).toHaveLength(2);
    // One marker: the failed retry sent nothing, so the fallback needs none of its own.
    expect(tokens(chunks)).toBe('x|restart|B');
    expect(chunks[1]).toMatchObject({ type: 'restart', provider: 'a', attempt: 2 });

    const alone = setup({ maxRetries: 1 });
    const c = provider('c', { tokens: ['x'], then: failure('stream_interrupted', 'c') });
    const result = await drain(alone.generator.generate([{ provider: c, model: 'm' }], request));
    expect(tokens(result.chunks)).toBe('x|restart|x');
    expect(result.error).toMatchObject({ kind: 'stream_interrupted' });
    expect(c.calls).toHaveLength(2);
  });

  it('with restartAfterTokens false, gives up after tokens instead of retrying', async () => {
    const { generator } = setup({ restartAfterTokens: false });
    const a = provider('a', { tokens: ['x'], then: failure('stream_interrupted', 'a') }, { tokens: ['never'] });
    const b = provider('b', { tokens: ['never'] });
    const chain = [
      { provider: a, model: 'm' },
      { provider: b, model: 'n' },
    ];
    const { chunks, error } = await drain(generator.generate(chain, request));
    expect(tokens(chunks)).toBe('x');
    expect(error).toMatchObject({ kind: 'stream_interrupted', provider: 'a' });
    expect(a.calls).toHaveLength(1);
    expect(b.calls).toHaveLength(0);
  });

  it('throws the last real failure with every entry tried when all fail', async () => {
    const { generator } = setup({ maxRetries: 1 });
    const a = provider('a', { then: failure('rate_limited', 'a', 500) });
    const b = provider('b', { then: failure('authentication', 'b') });
    const chain = [
      { provider: a, model: 'm' },
      { provider: b, model: 'n' },
    ];
    const { error } = await drain(generator.generate(chain, request));
    expect(error).toMatchObject({ kind: 'authentication', provider: 'b' });
    expect(error!.message).toBe(
      'authentication from b [tried a/m (2 attempts, last rate_limited), b/n (1 attempt, last authentication)]',
    );
    expect((error!.cause as LlmError).kind).toBe('authentication');
  });

  it('reports every attempt and outcome to the hooks, and ignores hooks that throw', async () => {
    const { clock, generator } = setup();
    const a = provider('a', { then: failure('provider_unavailable', 'a') }, { tokens: ['t'] });
    const attempts: unknown[] = [];
    const outcomes: OutcomeInfo[] = [];
    const hooks = {
      onAttempt: (info: unknown) => {
        attempts.push(info);
        clock.time += 7; // the call takes 7 ms before its first token
        throw new Error('broken metrics');
      },
      onOutcome: (info: OutcomeInfo) => outcomes.push(info),
    };
    const { error } = await drain(generator.generate([{ provider: a, model: 'm' }], request, hooks));
    expect(error).toBeUndefined();
    expect(attempts).toEqual([
      { provider: 'a', model: 'm', attempt: 1 },
      { provider: 'a', model: 'm', attempt: 2 },
    ]);
    expect(outcomes).toEqual([
      expect.objectContaining({
        attempt: 1,
        outcome: 'error',
        error: expect.objectContaining({ kind: 'provider_unavailable' }),
      }),
      expect.objectContaining({ attempt: 2, outcome: 'success', durationMs: 7, timeToFirstTokenMs: 7 }),
    ]);
    expect(outcomes[0]!.timeToFirstTokenMs).toBeUndefined();
  });

  it('rejects an empty chain', async () => {
    const { generator } = setup();
    expect((await drain(generator.generate([], request))).error).toMatchObject({ kind: 'invalid_request' });
  });
});
