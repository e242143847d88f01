import { LlmError, type LlmErrorKind } from '../../llm-error';
import type { GenerateChunk, GenerateRequest, ToolCall, ToolSpec } from '../../llm-provider';
import {
  contextTooLong,
  cutAfter,
  FAKE_ANTHROPIC_REPLY,
  FakeAnthropicServer,
  hang,
  malformedAfter,
  rateLimited,
  refusal,
  reply,
  serverError,
  toolCalls,
} from '../../testing';
import { AnthropicProvider } from './anthropic.provider';

const API_KEY = 'fake-anthropic-test-0123456789abcdef';
const request: GenerateRequest = {
  model: 'claude-haiku-4-5',
  messages: [{ role: 'user', content: 'Say hello to the tests' }],
};

let fake: FakeAnthropicServer;
beforeAll(async () => (fake = await FakeAnthropicServer.start({ apiKey: API_KEY })));
afterEach(() => fake.reset());
afterAll(() => fake.close());

const provider = (overrides: { apiKey?: string; timeoutMs?: number } = {}): AnthropicProvider =>
  new AnthropicProvider({ apiKey: API_KEY, baseUrl: fake.url, timeoutMs: 2_000, ...overrides });

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
  expect({ kind: error?.kind, provider: error?.provider }).toEqual({ kind, provider: 'anthropic' });
  expect(error?.message).not.toContain(API_KEY);
}

describe('AnthropicProvider against the fake Anthropic server', () => {
  it('streams text deltas then usage, sending system, temperature and max_tokens', async () => {
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
    expect(sent?.path).toBe('/v1/messages');
    // SDK 1.x sends the key as a bearer token (older ones used x-api-key), with its API version.
    expect(sent?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent?.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(sent?.body).toEqual({
      model: 'claude-haiku-4-5',
      stream: true,
      system: 'Be brief.',
      temperature: 0.2,
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Say hello to the tests' }],
    });
  });

  it('counts prompt-cache reads and writes as input tokens', async () => {
    const cached = { inputTokens: 10, outputTokens: 3, cacheReadTokens: 2000, cacheWriteTokens: 500 };
    fake.script(reply('a b c', cached), reply('a b c', cached));
    const { chunks } = await drain(provider().generate(request));
    expect(chunks).toContainEqual({ type: 'usage', inputTokens: 2510, outputTokens: 3 });
    expect((await provider().complete(request)).usage).toEqual({ inputTokens: 2510, outputTokens: 3 });
  });

  it('reports stop_reason max_tokens as length, and sends the end user as metadata.user_id', async () => {
    fake.script(reply('cut', { finishReason: 'length' }), reply('cut', { finishReason: 'length' }));
    const { chunks } = await drain(provider().generate({ ...request, user: 'end-user-7', seed: 3 }));
    expect(chunks).toContainEqual({ type: 'finish', reason: 'length' });
    expect((await provider().complete(request)).finishReason).toBe('length');
    const body = fake.requests[0]?.body as Record<string, unknown>;
    expect(body['metadata']).toEqual({ user_id: 'end-user-7' });
    expect(body).not.toHaveProperty('seed'); // Anthropic has none
  });

  it('sends top_p and the stop sequences when the request has them', async () => {
    await provider().complete({ ...request, topP: 0.8, stop: ['END', '###'] });
    expect(fake.requests[0]?.body).toMatchObject({ top_p: 0.8, stop_sequences: ['END', '###'] });
  });

  it("completes without streaming, with usage and, with no limit asked for, the model's maximum output", async () => {
    const completion = await provider().complete(request);

    expect(completion).toEqual({
      text: FAKE_ANTHROPIC_REPLY,
      finishReason: 'stop',
      usage: { inputTokens: 5, outputTokens: 6 },
    });
    const body = fake.requests[0]?.body as Record<string, unknown>;
    // Claude Haiku 4.5's documented maximum output, not a hidden 1024.
    expect(body).toMatchObject({ stream: false, max_tokens: 64_000 });
    expect(body).not.toHaveProperty('system');
    expect(body).not.toHaveProperty('temperature');
  });

  it('maps 429 to rate_limited with Retry-After, making exactly one attempt', async () => {
    fake.script(rateLimited(3), rateLimited(3, 250));
    const error = await failure(provider().complete(request));
    expectKind(error, 'rate_limited');
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3_000, retryable: true });
    expect(fake.requests).toHaveLength(1);

    const { error: streamed } = await drain(provider().generate(request));
    expectKind(streamed, 'rate_limited');
    expect(streamed?.retryAfterMs).toBe(250); // retry-after-ms wins over retry-after
  });

  it.each([500, 503, 529])('maps %i to provider_unavailable', async (status) => {
    fake.script(serverError(status), serverError(status));
    expectKind(await failure(provider().complete(request)), 'provider_unavailable');
    const { error } = await drain(provider().generate(request));
    expectKind(error, 'provider_unavailable');
    expect(error).toMatchObject({ status, retryable: true });
  });

  it('maps an overloaded error event inside the stream to provider_unavailable, after the tokens before it', async () => {
    fake.script(serverError(529, 2));
    const { tokens: got, error } = await drain(provider().generate(request));
    expect(got).toEqual(['Hello ', 'from ']);
    expectKind(error, 'provider_unavailable');
    expect(error?.message).toContain('overloaded_error');
  });

  it('maps a refused connection to provider_unavailable', async () => {
    const closed = await FakeAnthropicServer.start();
    const url = closed.url;
    await closed.close();
    const error = await failure(
      new AnthropicProvider({ apiKey: API_KEY, baseUrl: url, timeoutMs: 1_000 }).complete(request),
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

  it('times out a stream that stalls between events', async () => {
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

  it('maps "prompt is too long" to context_too_long, not retryable', async () => {
    fake.script(contextTooLong(), contextTooLong());
    const error = await failure(provider().complete(request));
    expectKind(error, 'context_too_long');
    expect(error).toMatchObject({ status: 400, retryable: false });
    expectKind((await drain(provider().generate(request))).error, 'context_too_long');
  });

  it('maps stop_reason refusal to content_refused', async () => {
    fake.script(refusal(2), refusal(0));
    const { tokens: got, error } = await drain(provider().generate(request));
    expect(got).toEqual(['Hello ', 'from ']);
    expectKind(error, 'content_refused');
    expectKind(await failure(provider().complete(request)), 'content_refused');
  });

  it('maps a wrong key to authentication without echoing the key', async () => {
    fake.script(rateLimited(1));
    const wrong = 'fake-anthropic-wrong-key-9876543210';
    const error = await failure(provider({ apiKey: wrong }).complete(request));
    expectKind(error, 'authentication');
    expect(error.status).toBe(401);
    expect(error.message).not.toContain(wrong);
    // The rejected request used no scripted behaviour: the next good one gets it.
    expectKind(await failure(provider().complete(request)), 'rate_limited');
  });

  it('maps other 4xx to invalid_request', async () => {
    const error = await failure(
      new AnthropicProvider({ apiKey: API_KEY, baseUrl: `${fake.url}/nowhere`, timeoutMs: 1_000 }).complete(request),
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

  it('cancels a request that is still waiting for headers', async () => {
    fake.script(hang());
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(provider({ timeoutMs: 5_000 }).complete({ ...request, signal: controller.signal }));
    expectKind(error, 'cancelled');
  });

  it('closes the HTTP request when the consumer stops reading', async () => {
    fake.script(reply('a b c d', { chunkDelayMs: 50 }));
    for await (const chunk of provider().generate(request)) if (chunk.type === 'token') break;
    await waitFor(() => fake.requests[0]?.clientDisconnected === true);
  });
});

describe('tool calls', () => {
  const weather: ToolSpec = {
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  };
  const time: ToolSpec = {
    name: 'get_time',
    description: 'The local time in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' }, format: { type: 'string' } } },
  };
  const withTools: GenerateRequest = { ...request, tools: [weather, time] };
  const calls = (chunks: GenerateChunk[]): ToolCall[] =>
    chunks.flatMap((c) => (c.type === 'tool_call' ? [c.call] : []));

  it('streams text, then two parallel calls as deltas and complete calls, ending with tool_calls', async () => {
    fake.script(
      toolCalls(
        [
          { id: 'toolu_01', name: 'get_weather', arguments: { city: 'Paris' } },
          { id: 'toolu_02', name: 'get_time', arguments: { city: 'Oslo', format: '24h' } },
        ],
        { text: 'Let me check both.', argumentChunks: 3, inputTokens: 20, outputTokens: 9 },
      ),
    );
    const { chunks, error } = await drain(provider().generate(withTools));

    expect(error).toBeUndefined();
    expect(tokens(chunks)).toEqual(['Let ', 'me ', 'check ', 'both.']);
    const deltas = chunks.filter((c) => c.type === 'tool_call_delta');
    expect(deltas.filter((d) => d.id !== undefined)).toEqual([
      { type: 'tool_call_delta', index: 0, id: 'toolu_01', name: 'get_weather', argumentsDelta: '' },
      { type: 'tool_call_delta', index: 1, id: 'toolu_02', name: 'get_time', argumentsDelta: '' },
    ]);
    // The pieces of each call, in order, rebuild its arguments (the call index counts calls, not text blocks).
    const pieces = (index: number): string[] => deltas.flatMap((d) => (d.index === index ? [d.argumentsDelta] : []));
    expect(pieces(0).filter(Boolean)).toHaveLength(3);
    expect(pieces(0).join('')).toBe('{"city":"Paris"}');
    expect(pieces(1).join('')).toBe('{"city":"Oslo","format":"24h"}');
    expect(calls(chunks)).toEqual([
      { id: 'toolu_01', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { id: 'toolu_02', name: 'get_time', arguments: '{"city":"Oslo","format":"24h"}' },
    ]);
    // Text before the calls, each call complete before finish, usage last.
    const order = chunks.map((c) => c.type);
    expect(order.lastIndexOf('token')).toBeLessThan(order.indexOf('tool_call_delta'));
    expect(order.lastIndexOf('tool_call')).toBeLessThan(order.indexOf('finish'));
    expect(chunks.slice(-2)).toEqual([
      { type: 'finish', reason: 'tool_calls' },
      { type: 'usage', inputTokens: 20, outputTokens: 9 },
    ]);
  });

  it("sends the tools in Anthropic's shape and maps the tool choice", async () => {
    await provider().complete(withTools);
    await provider().complete({ ...withTools, toolChoice: 'required', parallelToolCalls: false });
    await provider().complete({ ...withTools, toolChoice: 'none' });
    await provider().complete({ ...withTools, toolChoice: { name: 'get_time' }, parallelToolCalls: true });
    await provider().complete({ ...request, tools: [], toolChoice: 'required', parallelToolCalls: false });

    const bodies = fake.requests.map((r) => r.body as Record<string, unknown>);
    expect(bodies[0]?.['tools']).toEqual([
      { name: 'get_weather', description: 'The weather in a city', input_schema: weather.parameters },
      { name: 'get_time', description: 'The local time in a city', input_schema: time.parameters },
    ]);
    expect(bodies.map((b) => b['tool_choice'])).toEqual([
      { type: 'auto' },
      { type: 'any', disable_parallel_tool_use: true },
      { type: 'none' },
      { type: 'tool', name: 'get_time' },
      undefined,
    ]);
    // No tools: nothing about them goes out.
    expect(bodies[4]).not.toHaveProperty('tools');
    expect(bodies[4]).not.toHaveProperty('tool_choice');
  });

  it('sends the calls as tool_use blocks and their results as one user message, then the next user turn', async () => {
    const history: GenerateRequest = {
      ...withTools,
      messages: [
        { role: 'user', content: 'Weather in Paris and time in Oslo?' },
        {
          role: 'assistant',
          content: 'Checking.',
          toolCalls: [
            { id: 'toolu_01', name: 'get_weather', arguments: '{"city":"Paris"}' },
            { id: 'toolu_02', name: 'get_time', arguments: '{"city":' }, // cut by the model: sent back as {}
          ],
        },
        { role: 'tool', toolCallId: 'toolu_01', name: 'get_weather', content: '{"temp_c":18}' },
        { role: 'tool', toolCallId: 'toolu_02', name: 'get_time', content: 'arguments are not JSON', isError: true },
        { role: 'user', content: 'And tomorrow?' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'toolu_03', name: 'get_weather', arguments: '{}' }] },
        { role: 'tool', toolCallId: 'toolu_03', name: 'get_weather', content: '{"temp_c":21}' },
      ],
    };
    const completion = await provider().complete(history);

    expect(completion.text).toBe(FAKE_ANTHROPIC_REPLY); // the fake accepted the pairing
    expect((fake.requests[0]?.body as Record<string, unknown>)['messages']).toEqual([
      { role: 'user', content: 'Weather in Paris and time in Oslo?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_02', name: 'get_time', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_01', content: '{"temp_c":18}' },
          { type: 'tool_result', tool_use_id: 'toolu_02', content: 'arguments are not JSON', is_error: true },
          { type: 'text', text: 'And tomorrow?' },
        ],
      },
      // A turn that only called tools has no (empty) text block.
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_03', name: 'get_weather', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_03', content: '{"temp_c":21}' }] },
    ]);
  });

  it('maps a stream cut mid-arguments to stream_interrupted, without the cut call', async () => {
    // message_start, tool 1 start, ping, 3 pieces, stop (7 frames), then tool 2 start and one piece.
    fake.script(
      toolCalls(
        [
          { id: 'toolu_01', name: 'get_weather', arguments: { city: 'Paris' } },
          { id: 'toolu_02', name: 'get_time', arguments: { city: 'Oslo' } },
        ],
        { cutAfterChunks: 9 },
      ),
    );
    const { chunks, error } = await drain(provider().generate(withTools));

    expectKind(error, 'stream_interrupted');
    expect(calls(chunks)).toEqual([{ id: 'toolu_01', name: 'get_weather', arguments: '{"city":"Paris"}' }]);
    // The second call had begun (its delta arrived), but never completed.
    expect(chunks).toContainEqual({
      type: 'tool_call_delta',
      index: 1,
      id: 'toolu_02',
      name: 'get_time',
      argumentsDelta: '',
    });
    expect(chunks.some((c) => c.type === 'finish')).toBe(false);
  });

  it('completes without streaming, with the calls and finishReason tool_calls', async () => {
    fake.script(
      toolCalls(
        [
          { id: 'toolu_01', name: 'get_weather', arguments: { city: 'Paris' } },
          { name: 'get_time', arguments: {} },
        ],
        { text: 'Let me check.', inputTokens: 7, outputTokens: 5 },
      ),
    );
    const completion = await provider().complete(withTools);

    expect(completion).toEqual({
      text: 'Let me check.',
      toolCalls: [
        { id: 'toolu_01', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { id: expect.stringMatching(/^toolu_/), name: 'get_time', arguments: '{}' },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 7, outputTokens: 5 },
    });
    expect(fake.requests[0]?.body).toMatchObject({ stream: false });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 1_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
