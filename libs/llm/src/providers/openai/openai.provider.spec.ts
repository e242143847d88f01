import { LlmError, type LlmErrorKind } from '../../llm-error';
import type { GenerateChunk, GenerateRequest } from '../../llm-provider';
import {
  contextTooLong,
  cutAfter,
  FAKE_OPENAI_REPLY,
  FakeOpenAiServer,
  hang,
  malformedAfter,
  rateLimited,
  refusal,
  reply,
  serverError,
} from '../../testing';
import { OpenAiProvider } from './openai.provider';

const API_KEY = 'fake-openai-test-0123456789abcdef';
const request: GenerateRequest = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Say hello to the tests' }],
};

let fake: FakeOpenAiServer;
beforeAll(async () => (fake = await FakeOpenAiServer.start({ apiKey: API_KEY })));
afterEach(() => fake.reset());
afterAll(() => fake.close());

const provider = (overrides: { apiKey?: string; timeoutMs?: number } = {}): OpenAiProvider =>
  new OpenAiProvider({ apiKey: API_KEY, baseUrl: fake.url, timeoutMs: 2_000, ...overrides });

/** Drains a stream, keeping what arrived before a failure. */
async function drain(
  stream: AsyncIterable<GenerateChunk>,
): Promise<{ tokens: string[]; chunks: GenerateChunk[]; error?: LlmError }> {
  const chunks: GenerateChunk[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
    return { tokens: tokens(chunks), chunks };
  } catch (error) {
    if (!(error instanceof LlmError)) throw error;
    return { tokens: tokens(chunks), chunks, error };
  }
}
const tokens = (chunks: GenerateChunk[]): string[] => chunks.flatMap((c) => (c.type === 'token' ? [c.text] : []));

async function failure(call: Promise<unknown>): Promise<LlmError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlmError);
  return error as LlmError;
}

function expectKind(error: LlmError | undefined, kind: LlmErrorKind): void {
  expect(error).toBeInstanceOf(LlmError);
  expect({ kind: error?.kind, provider: error?.provider }).toEqual({ kind, provider: 'openai' });
  expect(error?.message).not.toContain(API_KEY);
}

describe('OpenAiProvider against the fake OpenAI server', () => {
  it('streams tokens then usage, sending system prompt, temperature, max tokens and include_usage', async () => {
    fake.script(reply('One two three four', { chunks: 2, inputTokens: 12, outputTokens: 4 }));
    const { chunks, error } = await drain(
      provider().generate({ ...request, system: 'Be brief.', temperature: 0.2, maxTokens: 64 }),
    );

    expect(error).toBeUndefined();
    expect(chunks).toEqual([
      { type: 'token', text: 'One two ' },
      { type: 'token', text: 'three four' },
      { type: 'finish', reason: 'stop' },
      { type: 'usage', inputTokens: 12, outputTokens: 4 },
    ]);
    const [sent] = fake.requests;
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent?.body).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      max_tokens: 64,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hello to the tests' },
      ],
    });
  });

  it('completes without streaming, with usage, leaving unset options out', async () => {
    const completion = await provider().complete(request);

    expect(completion).toEqual({
      text: FAKE_OPENAI_REPLY,
      finishReason: 'stop',
      usage: { inputTokens: 5, outputTokens: 6 },
    });
    const body = fake.requests[0]?.body as Record<string, unknown>;
    expect(body['stream']).toBe(false);
    expect(body).not.toHaveProperty('temperature');
    // No limit asked for, none invented.
    expect(body).not.toHaveProperty('max_tokens');
    expect(body).not.toHaveProperty('max_completion_tokens');
    expect(body['messages']).toEqual([{ role: 'user', content: 'Say hello to the tests' }]);
  });

  it('sends top_p and the stop sequences when the request has them', async () => {
    await provider().complete({ ...request, topP: 0.8, stop: ['END'] });
    expect(fake.requests[0]?.body).toMatchObject({ top_p: 0.8, stop: ['END'] });
  });

  it.each(['o3-mini', 'o1', 'o4-mini', 'gpt-5', 'gpt-5-mini'])(
    'sends max_completion_tokens, not max_tokens, to the reasoning model %s',
    async (model) => {
      await provider().complete({ ...request, model, maxTokens: 300 });
      const body = fake.requests[0]?.body as Record<string, unknown>;
      expect(body['max_completion_tokens']).toBe(300);
      expect(body).not.toHaveProperty('max_tokens');
    },
  );

  it('is refused max_tokens for a reasoning model by the fake, as by OpenAI', async () => {
    const response = await fetch(`${fake.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'o3-mini', max_tokens: 5, messages: request.messages }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { param: 'max_tokens', code: 'unsupported_parameter' } });
  });

  it('forwards seed, the penalties and the end user', async () => {
    const sampling = { seed: 42, frequencyPenalty: 0.5, presencePenalty: -0.25, user: 'end-user-7' };
    await provider().complete({ ...request, ...sampling });
    for await (const _ of provider().generate({ ...request, ...sampling })) void _;
    for (const sent of fake.requests) {
      expect(sent.body).toMatchObject({
        seed: 42,
        frequency_penalty: 0.5,
        presence_penalty: -0.25,
        user: 'end-user-7',
      });
    }
    expect(fake.requests).toHaveLength(2);
  });

  it("reports the server's own finish_reason length, streamed or not", async () => {
    fake.script(reply('cut short', { finishReason: 'length' }), reply('cut short', { finishReason: 'length' }));
    const { chunks } = await drain(provider().generate(request));
    expect(chunks).toContainEqual({ type: 'finish', reason: 'length' });
    expect((await provider().complete(request)).finishReason).toBe('length');
  });

  it('maps 429 to rate_limited with Retry-After, making exactly one attempt', async () => {
    fake.script(rateLimited(2), rateLimited(2, 1_500));
    const error = await failure(provider().complete(request));
    expectKind(error, 'rate_limited');
    expect(error).toMatchObject({ status: 429, retryAfterMs: 2_000, retryable: true });
    expect(fake.requests).toHaveLength(1);

    const { error: streamed } = await drain(provider().generate(request));
    expectKind(streamed, 'rate_limited');
    expect(streamed?.retryAfterMs).toBe(1_500); // retry-after-ms wins over retry-after
  });

  it.each([500, 502, 503])('maps %i to provider_unavailable', async (status) => {
    fake.script(serverError(status), serverError(status));
    expectKind(await failure(provider().complete(request)), 'provider_unavailable');
    const { error } = await drain(provider().generate(request));
    expectKind(error, 'provider_unavailable');
    expect(error?.status).toBe(status);
  });

  it('maps an error object inside the stream to provider_unavailable, after the tokens before it', async () => {
    fake.script(serverError(500, 2));
    const { tokens: got, error } = await drain(provider().generate(request));
    expect(got).toEqual(['Hello ', 'from ']);
    expectKind(error, 'provider_unavailable');
  });

  it('maps a refused connection to provider_unavailable', async () => {
    const closed = await FakeOpenAiServer.start();
    const url = closed.url;
    await closed.close();
    const error = await failure(
      new OpenAiProvider({ apiKey: API_KEY, baseUrl: url, timeoutMs: 1_000 }).complete(request),
    );
    expectKind(error, 'provider_unavailable');
  });

  it('times out a server that never answers, streaming or not', async () => {
    fake.setDefault(hang());
    const started = Date.now();
    expectKind(await failure(provider({ timeoutMs: 150 }).complete(request)), 'timeout');
    const { error } = await drain(provider({ timeoutMs: 150 }).generate(request));
    expectKind(error, 'timeout');
    expect(Date.now() - started).toBeLessThan(1_000);
    await waitFor(() => fake.requests.every((r) => r.clientDisconnected));
  });

  it('times out a stream that stalls between chunks', async () => {
    fake.script(reply('a b c', { chunkDelayMs: 1_000 }));
    const { tokens: got, error } = await drain(provider({ timeoutMs: 150 }).generate(request));
    expect(got).toEqual(['a ']);
    expectKind(error, 'timeout');
  });

  it.each(['destroy', 'end'] as const)(
    'maps a stream cut (%s) to stream_interrupted after yielding the tokens before it',
    async (how) => {
      fake.script(cutAfter(3, how));
      const { tokens: got, error } = await drain(provider().generate(request));
      expect(got).toEqual(['Hello ', 'from ', 'the ']);
      expectKind(error, 'stream_interrupted');
      expect(error?.retryable).toBe(true);
    },
  );

  it('maps a truncated non-streaming body to stream_interrupted', async () => {
    fake.script(cutAfter(0));
    expectKind(await failure(provider().complete(request)), 'stream_interrupted');
  });

  it('maps a malformed frame to stream_interrupted', async () => {
    fake.script(malformedAfter(1));
    const { tokens: got, error } = await drain(provider().generate(request));
    expect(got).toEqual(['Hello ']);
    expectKind(error, 'stream_interrupted');
  });

  it('maps context_length_exceeded to context_too_long, not retryable', async () => {
    fake.script(contextTooLong(), contextTooLong());
    const error = await failure(provider().complete(request));
    expectKind(error, 'context_too_long');
    expect(error).toMatchObject({ status: 400, retryable: false });
    expectKind((await drain(provider().generate(request))).error, 'context_too_long');
  });

  it('maps content_filter and content_policy_violation to content_refused', async () => {
    fake.script(refusal(2), refusal(0), refusal(0, 'error'));
    const { tokens: got, error } = await drain(provider().generate(request));
    expect(got).toEqual(['Hello ', 'from ']);
    expectKind(error, 'content_refused');
    expectKind(await failure(provider().complete(request)), 'content_refused');
    expectKind(await failure(provider().complete(request)), 'content_refused');
  });

  it('maps a wrong key to authentication without echoing the key', async () => {
    fake.script(rateLimited(1));
    const wrong = 'fake-openai-wrong-key-9876543210';
    const error = await failure(provider({ apiKey: wrong }).complete(request));
    expectKind(error, 'authentication');
    expect(error.status).toBe(401);
    expect(error.message).not.toContain(wrong);
    expect(error.message).not.toContain(wrong.slice(-4));
    // The rejected request used no scripted behaviour: the next good one gets it.
    expectKind(await failure(provider().complete(request)), 'rate_limited');
  });

  it('maps other 4xx to invalid_request', async () => {
    const error = await failure(
      new OpenAiProvider({ apiKey: API_KEY, baseUrl: `${fake.url}/nowhere`, timeoutMs: 1_000 }).complete(request),
    );
    expectKind(error, 'invalid_request');
    expect(error.status).toBe(404);
  });

  it('stops at once when the caller aborts mid-stream', async () => {
    fake.script(reply('a b c d e f g h', { chunkDelayMs: 300 }));
    const controller = new AbortController();
    const seen: string[] = [];
    const started = Date.now();
    let error: unknown;
    try {
      for await (const chunk of provider({ timeoutMs: 5_000 }).generate({ ...request, signal: controller.signal })) {
        if (chunk.type === 'token') seen.push(chunk.text);
        controller.abort();
      }
    } catch (e) {
      error = e;
    }
    expectKind(error as LlmError, 'cancelled');
    expect(seen).toEqual(['a ']);
    expect(Date.now() - started).toBeLessThan(250);
    await waitFor(() => fake.requests[0]?.clientDisconnected === true);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const error = await failure(provider().complete({ ...request, signal: AbortSignal.abort() }));
    expectKind(error, 'cancelled');
    expect(fake.requests).toHaveLength(0);
  });

  it('closes the HTTP request when the consumer stops reading', async () => {
    fake.script(reply('a b c d', { chunkDelayMs: 50 }));
    for await (const chunk of provider().generate(request)) if (chunk.type === 'token') break;
    await waitFor(() => fake.requests[0]?.clientDisconnected === true);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 1_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
