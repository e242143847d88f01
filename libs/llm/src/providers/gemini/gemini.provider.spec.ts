import { createServer } from 'node:net';
import { LlmError } from '../../llm-error';
import type { GenerateChunk, GenerateRequest, TokenUsage, ToolCall, ToolSpec } from '../../llm-provider';
import { FakeGeminiServer } from '../../testing/fake-gemini-server';
import {
  contextTooLong,
  cutAfter,
  hang,
  malformedAfter,
  rateLimited,
  refusal,
  reply,
  serverError,
  toolCalls,
} from '../../testing/fake-server-script';
import { GeminiProvider } from './gemini.provider';

// The real @google/genai SDK against a wire-level fake of the Gemini API.
const KEY = 'AIza-test-gemini-key-123';
const MODEL = 'gemini-2.0-flash';

let gemini: FakeGeminiServer;
let provider: GeminiProvider;

beforeAll(async () => {
  gemini = await FakeGeminiServer.start({ apiKey: KEY });
  provider = new GeminiProvider({ apiKey: KEY, baseUrl: gemini.url, timeoutMs: 5000 });
});
afterEach(() => gemini.reset());
afterAll(() => gemini.close());

const ask = (extra: Partial<GenerateRequest> = {}): GenerateRequest => ({
  model: MODEL,
  messages: [{ role: 'user', content: 'Say hello' }],
  ...extra,
});

/** Reads a stream to its end or its first error. */
async function drain(
  stream: AsyncIterable<GenerateChunk>,
): Promise<{ tokens: string[]; usage?: TokenUsage; error?: LlmError }> {
  const tokens: string[] = [];
  let usage: TokenUsage | undefined;
  try {
    for await (const chunk of stream) {
      if (chunk.type === 'token') tokens.push(chunk.text);
      else if (chunk.type === 'usage') usage = { inputTokens: chunk.inputTokens, outputTokens: chunk.outputTokens };
    }
  } catch (error) {
    if (!(error instanceof LlmError)) throw error;
    return { tokens, usage, error };
  }
  return { tokens, usage };
}

/** Every chunk of a stream, up to its end or its first error. */
async function chunksOf(stream: AsyncIterable<GenerateChunk>): Promise<{ chunks: GenerateChunk[]; error?: LlmError }> {
  const chunks: GenerateChunk[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
  } catch (error) {
    if (!(error instanceof LlmError)) throw error;
    return { chunks, error };
  }
  return { chunks };
}

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof LlmError)) throw new Error(`expected an LlmError, got ${String(error)}`);
  return error;
}

describe('GeminiProvider against the fake Gemini API', () => {
  it('streams tokens then usage, sending system instruction, roles and generation config', async () => {
    gemini.script(reply('Hello there, my friend.', { chunks: 3, inputTokens: 11, outputTokens: 5 }));
    const result = await drain(
      provider.generate(
        ask({
          system: 'Be brief.',
          messages: [
            { role: 'user', content: 'Hi' },
            { role: 'assistant', content: 'Hello!' },
            { role: 'user', content: 'Say hello' },
          ],
          temperature: 0.3,
          maxTokens: 64,
        }),
      ),
    );
    expect(result).toEqual({
      tokens: ['Hello ', 'there, ', 'my friend.'],
      usage: { inputTokens: 11, outputTokens: 5 },
    });

    expect(gemini.requests).toHaveLength(1);
    const [sent] = gemini.requests;
    expect(sent.path).toBe(`/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`);
    expect(sent.headers['x-goog-api-key']).toBe(KEY);
    expect(sent.body).toEqual({
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }] },
        { role: 'model', parts: [{ text: 'Hello!' }] },
        { role: 'user', parts: [{ text: 'Say hello' }] },
      ],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      generationConfig: { temperature: 0.3, maxOutputTokens: 64 },
    });
  });

  it('completes without streaming, with usage', async () => {
    gemini.script(reply('Hello there.', { inputTokens: 3, outputTokens: 2 }));
    await expect(provider.complete(ask({ system: 'Be brief.', temperature: 0 }))).resolves.toEqual({
      text: 'Hello there.',
      usage: { inputTokens: 3, outputTokens: 2 },
      finishReason: 'stop',
    });
    const [sent] = gemini.requests;
    expect(sent.path).toBe(`/v1beta/models/${MODEL}:generateContent`);
    expect(sent.body).toMatchObject({
      generationConfig: { temperature: 0 },
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
    });
  });

  it('sends topP and the stop sequences in the generation config', async () => {
    gemini.script(reply('Hi.'));
    await provider.complete(ask({ topP: 0.8, stop: ['END'] }));
    expect(gemini.requests[0]!.body).toMatchObject({ generationConfig: { topP: 0.8, stopSequences: ['END'] } });
  });

  it('sends seed and the penalties, and reports finishReason MAX_TOKENS as length', async () => {
    gemini.script(reply('Cut here', { finishReason: 'length' }), reply('Cut here', { finishReason: 'length' }));
    const sampling = { seed: 9, frequencyPenalty: 0.5, presencePenalty: 0.25 };
    const streamed: GenerateChunk[] = [];
    for await (const chunk of provider.generate(ask(sampling))) streamed.push(chunk);
    expect(streamed).toContainEqual({ type: 'finish', reason: 'length' });
    expect((await provider.complete(ask(sampling))).finishReason).toBe('length');
    expect(gemini.requests[0]!.body).toMatchObject({
      generationConfig: { seed: 9, frequencyPenalty: 0.5, presencePenalty: 0.25 },
    });
  });

  it('maps 429 to rate_limited with the Retry-After header, in one attempt', async () => {
    gemini.script(rateLimited(2, 7000));
    const { tokens, error } = await drain(provider.generate(ask()));
    expect(tokens).toEqual([]);
    expect(error).toMatchObject({
      kind: 'rate_limited',
      provider: 'gemini',
      status: 429,
      retryable: true,
      retryAfterMs: 2000,
    });
    // The SDK would have retried a 429 before surfacing it, had retries been on.
    expect(gemini.requests).toHaveLength(1);
  });

  it("falls back to Google's RetryInfo retryDelay when there is no Retry-After header", async () => {
    gemini.script(rateLimited(undefined, 7000));
    const error = await failure(provider.complete(ask()));
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 7000 });
    expect(error.message).toContain('RESOURCE_EXHAUSTED');
  });

  it.each([500, 503])('maps %i to provider_unavailable, in one attempt', async (status) => {
    gemini.script(serverError(status), serverError(status));
    expect(await failure(provider.complete(ask()))).toMatchObject({ kind: 'provider_unavailable', status });
    expect((await drain(provider.generate(ask()))).error).toMatchObject({ kind: 'provider_unavailable', status });
    expect(gemini.requests).toHaveLength(2);
  });

  it('maps an error frame inside a started stream by its status', async () => {
    gemini.script(serverError(503, 2));
    const { tokens, error } = await drain(provider.generate(ask()));
    expect(tokens).toEqual(['Hello ', 'from ']);
    expect(error).toMatchObject({ kind: 'provider_unavailable', status: 503 });
  });

  it('maps a refused connection to provider_unavailable', async () => {
    const port = await freePort();
    const offline = new GeminiProvider({ apiKey: KEY, baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 2000 });
    expect((await drain(offline.generate(ask()))).error).toMatchObject({ kind: 'provider_unavailable' });
    expect(await failure(offline.complete(ask()))).toMatchObject({ kind: 'provider_unavailable' });
  });

  it('times out on a server that never answers', async () => {
    const impatient = new GeminiProvider({ apiKey: KEY, baseUrl: gemini.url, timeoutMs: 150 });
    gemini.script(hang(), hang());
    const started = Date.now();
    expect((await drain(impatient.generate(ask()))).error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(await failure(impatient.complete(ask()))).toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('times out between chunks, after the tokens already received', async () => {
    const impatient = new GeminiProvider({ apiKey: KEY, baseUrl: gemini.url, timeoutMs: 250 });
    gemini.script(reply('one two three', { chunkDelayMs: 1000 }));
    const { tokens, error } = await drain(impatient.generate(ask()));
    expect(tokens).toEqual(['one ']);
    expect(error).toMatchObject({ kind: 'timeout' });
  });

  it.each(['destroy', 'end'] as const)(
    'yields the earlier tokens of a stream cut mid-way (%s), then stream_interrupted',
    async (how) => {
      gemini.script(cutAfter(2, how, { text: 'one two three four' }));
      const { tokens, usage, error } = await drain(provider.generate(ask()));
      expect(tokens).toEqual(['one ', 'two ']);
      expect(usage).toBeUndefined();
      expect(error).toMatchObject({ kind: 'stream_interrupted', retryable: true });
      expect(gemini.requests).toHaveLength(1);
    },
  );

  it('maps a non-streaming body cut in half to stream_interrupted', async () => {
    gemini.script(cutAfter(0, 'destroy'));
    expect(await failure(provider.complete(ask()))).toMatchObject({ kind: 'stream_interrupted' });
  });

  it('maps a malformed frame to stream_interrupted after the good ones', async () => {
    gemini.script(malformedAfter(1, { text: 'one two three' }));
    const { tokens, error } = await drain(provider.generate(ask()));
    expect(tokens).toEqual(['one ']);
    expect(error).toMatchObject({ kind: 'stream_interrupted' });
  });

  it('maps a too-long prompt to context_too_long', async () => {
    gemini.script(contextTooLong(), contextTooLong());
    expect((await drain(provider.generate(ask()))).error).toMatchObject({ kind: 'context_too_long', status: 400 });
    expect(await failure(provider.complete(ask()))).toMatchObject({ kind: 'context_too_long', retryable: false });
  });

  it('maps a blocked prompt and a reply stopped for safety to content_refused', async () => {
    gemini.script(refusal(0, 'error'), refusal(0, 'error'), refusal(2), refusal(0));
    expect((await drain(provider.generate(ask()))).error).toMatchObject({ kind: 'content_refused' });
    expect(await failure(provider.complete(ask()))).toMatchObject({ kind: 'content_refused' });
    const stopped = await drain(provider.generate(ask()));
    expect(stopped.tokens).toEqual(['Hello ', 'from ']);
    expect(stopped.error).toMatchObject({ kind: 'content_refused', retryable: false });
    expect(await failure(provider.complete(ask()))).toMatchObject({ kind: 'content_refused' });
  });

  it('maps a wrong key to authentication, without the key in the message', async () => {
    const wrongKey = 'AIza-wrong-key-456';
    const impostor = new GeminiProvider({ apiKey: wrongKey, baseUrl: gemini.url, timeoutMs: 2000 });
    const streamed = (await drain(impostor.generate(ask()))).error;
    const completed = await failure(impostor.complete(ask()));
    for (const error of [streamed, completed]) {
      expect(error).toMatchObject({ kind: 'authentication', retryable: false });
      expect(error?.message).not.toContain(wrongKey);
    }
  });

  it('maps an unknown model (404) to invalid_request', async () => {
    gemini.script(serverError(404));
    expect(await failure(provider.complete(ask()))).toMatchObject({ kind: 'invalid_request', status: 404 });
  });

  it('stops at once when the caller aborts mid-stream', async () => {
    gemini.script(reply('one two three four five', { chunkDelayMs: 2000 }));
    const controller = new AbortController();
    const tokens: string[] = [];
    let caught: unknown;
    let abortedAt = 0;
    try {
      for await (const chunk of provider.generate(ask({ signal: controller.signal }))) {
        if (chunk.type === 'token') tokens.push(chunk.text);
        if (!abortedAt) {
          setTimeout(() => ((abortedAt = Date.now()), controller.abort()), 50);
        }
      }
    } catch (error) {
      caught = error;
    }
    expect(Date.now() - abortedAt).toBeLessThan(300);
    expect(tokens).toEqual(['one ']);
    expect(caught).toMatchObject({ kind: 'cancelled', retryable: false });
    await waitFor(() => gemini.requests[0]?.clientDisconnected === true);
  });

  it('cancels a pending non-streaming call, and refuses one already cancelled', async () => {
    gemini.script(hang());
    const controller = new AbortController();
    const pending = failure(provider.complete(ask({ signal: controller.signal })));
    await waitFor(() => gemini.requests.length === 1);
    const started = Date.now();
    controller.abort();
    expect(await pending).toMatchObject({ kind: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(300);
    expect(await failure(provider.complete(ask({ signal: controller.signal })))).toMatchObject({ kind: 'cancelled' });
    expect(gemini.requests).toHaveLength(1);
  });

  it('closes the connection when the consumer stops reading early', async () => {
    gemini.script(reply('one two three four', { chunkDelayMs: 2000 }));
    for await (const chunk of provider.generate(ask())) {
      expect(chunk).toEqual({ type: 'token', text: 'one ' });
      break;
    }
    await waitFor(() => gemini.requests[0]?.clientDisconnected === true);
  });

  describe('tool calls', () => {
    const WEATHER: ToolSpec = {
      name: 'get_weather',
      description: 'Current weather in a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    };
    const TIME: ToolSpec = {
      name: 'get_time',
      description: 'Local time in a time zone',
      parameters: { type: 'object', properties: { zone: { type: 'string' } }, required: ['zone'] },
    };
    // Older models send calls without ids (one made up), newer ones with (kept).
    const PARALLEL = [
      { name: 'get_weather', arguments: { city: 'Paris' } },
      { id: 'fc-time-1', name: 'get_time', arguments: { zone: 'Europe/Paris' } },
    ];
    const callsOf = (chunks: GenerateChunk[]): ToolCall[] =>
      chunks.flatMap((chunk) => (chunk.type === 'tool_call' ? [chunk.call] : []));

    it('streams text, then two parallel calls whole, and finishes with tool_calls', async () => {
      gemini.script(toolCalls(PARALLEL, { text: 'Let me check.', inputTokens: 9, outputTokens: 4 }));
      const { chunks, error } = await chunksOf(provider.generate(ask({ tools: [WEATHER, TIME] })));
      expect(error).toBeUndefined();

      const calls = callsOf(chunks);
      expect(calls.map((call) => [call.name, JSON.parse(call.arguments)])).toEqual([
        ['get_weather', { city: 'Paris' }],
        ['get_time', { zone: 'Europe/Paris' }],
      ]);
      // The first call of the step carries the thought signature; the second has none.
      expect(calls[0]!.signature).toBe(FakeGeminiServer.THOUGHT_SIGNATURE);
      expect(calls[1]!.signature).toBeUndefined();
      expect(calls[0]!.id).toMatch(/\S/);
      expect(calls[1]!.id).toBe('fc-time-1');

      expect(chunks).toEqual([
        { type: 'token', text: 'Let ' },
        { type: 'token', text: 'me ' },
        { type: 'token', text: 'check.' },
        {
          type: 'tool_call_delta',
          index: 0,
          id: calls[0]!.id,
          name: 'get_weather',
          argumentsDelta: calls[0]!.arguments,
        },
        { type: 'tool_call', call: calls[0] },
        { type: 'tool_call_delta', index: 1, id: 'fc-time-1', name: 'get_time', argumentsDelta: calls[1]!.arguments },
        { type: 'tool_call', call: calls[1] },
        { type: 'finish', reason: 'tool_calls' },
        { type: 'usage', inputTokens: 9, outputTokens: 4 },
      ]);
    });

    it('declares the tools as JSON Schema, with automatic function calling off', async () => {
      gemini.script(reply('Hi.'));
      const models = provider['client'].models;
      const spy = jest.spyOn(models, 'generateContentStream');
      try {
        await chunksOf(provider.generate(ask({ tools: [WEATHER, TIME] })));
        expect(spy.mock.calls[0]![0].config?.automaticFunctionCalling).toEqual({ disable: true });
      } finally {
        spy.mockRestore();
      }
      expect(gemini.requests).toHaveLength(1);
      const body = gemini.requests[0]!.body as Record<string, unknown>;
      expect(body.tools).toEqual([
        {
          functionDeclarations: [
            { name: 'get_weather', description: WEATHER.description, parametersJsonSchema: WEATHER.parameters },
            { name: 'get_time', description: TIME.description, parametersJsonSchema: TIME.parameters },
          ],
        },
      ]);
      expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
      expect(JSON.stringify(body)).not.toContain('automaticFunctionCalling');
    });

    it.each([
      ['auto', { mode: 'AUTO' }],
      ['required', { mode: 'ANY' }],
      ['none', { mode: 'NONE' }],
      [{ name: 'get_time' }, { mode: 'ANY', allowedFunctionNames: ['get_time'] }],
    ] as const)('maps toolChoice %j to functionCallingConfig %j', async (toolChoice, functionCallingConfig) => {
      gemini.script(reply('Hi.'));
      await provider.complete(ask({ tools: [WEATHER, TIME], toolChoice }));
      expect(gemini.requests[0]!.body).toMatchObject({ toolConfig: { functionCallingConfig } });
    });

    it('sends the calls back as model functionCall parts (signature kept) and the results as one user content', async () => {
      gemini.script(toolCalls(PARALLEL, { text: 'Let me check.' }), reply('Sunny, 21 °C; it is noon.'));
      const calls = callsOf((await chunksOf(provider.generate(ask({ tools: [WEATHER, TIME] })))).chunks);
      expect(calls).toHaveLength(2);

      const result = await drain(
        provider.generate(
          ask({
            tools: [WEATHER, TIME],
            messages: [
              { role: 'user', content: 'Weather and time in Paris?' },
              { role: 'assistant', content: 'Let me check.', toolCalls: calls },
              { role: 'tool', toolCallId: calls[0]!.id, name: 'get_weather', content: '{"tempC":21,"sky":"sunny"}' },
              { role: 'tool', toolCallId: calls[1]!.id, name: 'get_time', content: 'clock offline', isError: true },
            ],
          }),
        ),
      );
      expect(result.error).toBeUndefined();
      expect((gemini.requests[1]!.body as { contents: unknown }).contents).toEqual([
        { role: 'user', parts: [{ text: 'Weather and time in Paris?' }] },
        {
          role: 'model',
          parts: [
            { text: 'Let me check.' },
            // The made-up id of a call Gemini sent without one is not sent back.
            {
              functionCall: { name: 'get_weather', args: { city: 'Paris' } },
              thoughtSignature: FakeGeminiServer.THOUGHT_SIGNATURE,
            },
            { functionCall: { id: 'fc-time-1', name: 'get_time', args: { zone: 'Europe/Paris' } } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'get_weather', response: { output: { tempC: 21, sky: 'sunny' } } } },
            { functionResponse: { id: 'fc-time-1', name: 'get_time', response: { error: 'clock offline' } } },
          ],
        },
      ]);
    });

    it('sends a call whose arguments do not parse with empty args, and no empty text part', async () => {
      gemini.script(reply('Done.'));
      await provider.complete(
        ask({
          messages: [
            { role: 'user', content: 'Go' },
            {
              role: 'assistant',
              content: '',
              toolCalls: [{ id: 'fc-1', name: 'get_time', arguments: '{"zone": "Eur' }],
            },
            { role: 'tool', toolCallId: 'fc-1', name: 'get_time', content: '"12:00"' },
          ],
        }),
      );
      expect((gemini.requests[0]!.body as { contents: unknown[] }).contents.slice(1)).toEqual([
        { role: 'model', parts: [{ functionCall: { id: 'fc-1', name: 'get_time', args: {} } }] },
        {
          role: 'user',
          parts: [{ functionResponse: { id: 'fc-1', name: 'get_time', response: { output: '12:00' } } }],
        },
      ]);
    });

    it('throws stream_interrupted when the stream is cut before the calls are complete', async () => {
      gemini.script(toolCalls(PARALLEL, { text: 'Checking.', cutAfterChunks: 2 }));
      const { chunks, error } = await chunksOf(provider.generate(ask({ tools: [WEATHER, TIME] })));
      expect(error).toMatchObject({ kind: 'stream_interrupted', retryable: true });
      expect(chunks.some((chunk) => chunk.type === 'finish')).toBe(false);
      expect(callsOf(chunks).map((call) => call.name)).toEqual(['get_weather']);
    });

    it('completes without streaming with the calls and finishReason tool_calls', async () => {
      gemini.script(toolCalls(PARALLEL, { text: 'Checking.', inputTokens: 5, outputTokens: 3 }));
      const completion = await provider.complete(ask({ tools: [WEATHER, TIME] }));
      expect(gemini.requests[0]!.path).toBe(`/v1beta/models/${MODEL}:generateContent`);
      expect(completion).toEqual({
        text: 'Checking.',
        toolCalls: [
          {
            id: expect.stringMatching(/\S/) as unknown,
            name: 'get_weather',
            arguments: '{"city":"Paris"}',
            signature: FakeGeminiServer.THOUGHT_SIGNATURE,
          },
          { id: 'fc-time-1', name: 'get_time', arguments: '{"zone":"Europe/Paris"}' },
        ],
        usage: { inputTokens: 5, outputTokens: 3 },
        finishReason: 'tool_calls',
      });
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}
