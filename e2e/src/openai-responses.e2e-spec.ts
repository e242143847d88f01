import { createOpenAI } from '@ai-sdk/openai';
import { contextTooLong, FakeOpenAiServer, reply, serverError } from '@copilot/llm/testing';
import { AppProcess, cli, freePort, waitFor } from '@copilot/testing';
import { generateText, streamText } from 'ai';
import OpenAI, { APIError, BadRequestError } from 'openai';

// OpenAI's Responses API, as the official SDK and the Vercel AI SDK call it, against
// the platform's /openai/v1/responses: the request runs the chat path of
// /openai/v1/chat/completions (the worker generates against a wire-level fake of
// OpenAI configured as the platform's provider, which it calls with Chat Completions).
describe('OpenAI-compatible Responses API', () => {
  let provider: FakeOpenAiServer;
  const apps: AppProcess[] = [];
  let api: string;
  let key: string;
  let client: OpenAI;
  // A second tenant, whose responses the first must not be able to name.
  let otherClient: OpenAI;

  beforeAll(async () => {
    provider = await FakeOpenAiServer.start({ apiKey: 'fake-e2e-responses-provider-key' });
    const [apiPort, workerPort] = await Promise.all([freePort(), freePort()]);
    const env = {
      ...process.env,
      APP_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      WORKER_PORT: String(workerPort),
      OPENAI_API_KEY: 'fake-e2e-responses-provider-key',
      OPENAI_BASE_URL: provider.url,
    };
    api = `http://127.0.0.1:${apiPort}`;
    await cli(env, 'tenant:create', 'responses');
    key = String((await cli(env, 'key:create', '--tenant', 'responses', '--scopes', 'admin'))!.key);
    await cli(env, 'tenant:create', 'responses-other');
    const otherKey = String((await cli(env, 'key:create', '--tenant', 'responses-other', '--scopes', 'admin'))!.key);
    apps.push(
      new AppProcess('api', 'apps/api/src/main.ts', env),
      new AppProcess('worker', 'apps/worker/src/main.ts', env),
    );
    await Promise.all([waitFor(`${api}/ready`), waitFor(`http://127.0.0.1:${workerPort}/ready`)]);
    client = new OpenAI({ apiKey: key, baseURL: `${api}/openai/v1`, maxRetries: 0 });
    otherClient = new OpenAI({ apiKey: otherKey, baseURL: `${api}/openai/v1`, maxRetries: 0 });
  }, 90_000);

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await provider.close();
  });

  const rest = async <T>(path: string): Promise<T> =>
    (await (await fetch(`${api}${path}`, { headers: { 'x-api-key': key } })).json()) as T;
  const lastProviderBody = () => provider.requests.at(-1)!.body as Record<string, unknown>;
  const conversationCount = async () => (await rest<{ data: unknown[] }>('/v1/conversations?limit=100')).data.length;
  const jobOf = (responseId: string) =>
    rest<{ status: string; result: Record<string, unknown> }>(`/v1/jobs/${responseId.replace(/^resp_/, '')}`);
  /**
   * A job the worker may still retry after its stream ended: waited for, so its later
   * attempts do not take the provider replies scripted for the next tests.
   */
  const untilEnded = (responseId: string) =>
    waitUntil(
      async () => ['succeeded', 'failed', 'cancelled'].includes(String((await jobOf(responseId)).status)),
      30_000,
    );

  it('answers a text request with the response object, giving the provider the instructions as system', async () => {
    provider.script(reply('Reset it from the login page.', { inputTokens: 17, outputTokens: 6 }));
    const response = await client.responses.create({
      model: 'openai/gpt-4o-mini',
      instructions: 'You are the support team.',
      input: 'How do I reset my password?',
      temperature: 0.4,
      metadata: { ticket: 't-1' },
    });
    expect(response.output_text).toBe('Reset it from the login page.');
    expect(response).toMatchObject({
      id: expect.stringMatching(/^resp_/),
      object: 'response',
      status: 'completed',
      model: 'openai/gpt-4o-mini',
      error: null,
      incomplete_details: null,
      instructions: 'You are the support team.',
      temperature: 0.4,
      tools: [],
      metadata: { ticket: 't-1' },
      output: [
        {
          type: 'message',
          id: expect.stringMatching(/^msg_/),
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'Reset it from the login page.', annotations: [] }],
        },
      ],
      usage: {
        input_tokens: 17,
        output_tokens: 6,
        total_tokens: 23,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens_details: { reasoning_tokens: 0 },
      },
    });
    expect(lastProviderBody()).toMatchObject({
      model: 'gpt-4o-mini',
      temperature: 0.4,
      messages: [
        { role: 'system', content: 'You are the support team.' },
        { role: 'user', content: 'How do I reset my password?' },
      ],
    });
    // The job behind it, as for any chat completion.
    await expect(jobOf(response.id)).resolves.toMatchObject({ status: 'succeeded' });
  });

  it('takes input items with an earlier assistant turn, in order', async () => {
    provider.script(reply('It is 4.'));
    const response = await client.responses.create({
      model: 'openai/gpt-4o-mini',
      input: [
        { role: 'developer', content: 'Answer with a number.' },
        { role: 'user', content: 'What is 1 + 1?' },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: '2' }] } as never,
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'And 2 + 2?' }] },
      ],
      store: false,
    });
    expect(response.output_text).toBe('It is 4.');
    expect(lastProviderBody().messages).toEqual([
      { role: 'system', content: 'Answer with a number.' },
      { role: 'user', content: 'What is 1 + 1?' },
      { role: 'assistant', content: '2' },
      { role: 'user', content: 'And 2 + 2?' },
    ]);
  });

  it('continues from previous_response_id: the earlier exchange goes before the input', async () => {
    provider.script(reply('Nice to meet you, Ada.'));
    const first = await client.responses.create({
      model: 'openai/gpt-4o-mini',
      instructions: 'Be brief.',
      input: 'My name is Ada.',
    });
    provider.script(reply('Your name is Ada.'));
    const second = await client.responses.create({
      model: 'openai/gpt-4o-mini',
      previous_response_id: first.id,
      input: 'What is my name?',
    });
    expect(second.output_text).toBe('Your name is Ada.');
    expect(second.previous_response_id).toBe(first.id);
    // As OpenAI does, the earlier instructions are not carried over: only its turns.
    expect(lastProviderBody().messages).toEqual([
      { role: 'user', content: 'My name is Ada.' },
      { role: 'assistant', content: 'Nice to meet you, Ada.' },
      { role: 'user', content: 'What is my name?' },
    ]);
  });

  it("refuses another tenant's response, or one no longer stored, with a 400 naming the field, storing nothing", async () => {
    provider.script(reply('Secret of the other tenant.'));
    const theirs = await otherClient.responses.create({ model: 'openai/gpt-4o-mini', input: 'Tell me a secret' });
    const before = await conversationCount();
    const requests = provider.requests.length;
    const ask = (fields: Partial<OpenAI.Responses.ResponseCreateParamsNonStreaming>) =>
      client.responses.create({ model: 'openai/gpt-4o-mini', input: 'hi', ...fields }).catch((e: unknown) => e);

    const previous = await ask({ previous_response_id: theirs.id });
    expect(previous).toBeInstanceOf(BadRequestError);
    expect(previous).toMatchObject({ status: 400, type: 'invalid_request_error', param: 'previous_response_id' });
    const referenced = await ask({
      input: [
        { role: 'user', content: 'Tell me a secret' },
        { type: 'item_reference', id: `msg_${theirs.id.slice('resp_'.length)}` },
        { role: 'user', content: 'Again' },
      ],
    });
    expect(referenced).toBeInstanceOf(BadRequestError);
    expect(referenced).toMatchObject({ status: 400, param: 'input.1' });
    expect((referenced as BadRequestError).message).toMatch(/store to false/);
    expect(await conversationCount()).toBe(before);
    expect(provider.requests.length).toBe(requests);

    // The owner's own exchange, once its conversation is deleted, is no longer there to name.
    provider.script(reply('Gone soon.'));
    const mine = await client.responses.create({ model: 'openai/gpt-4o-mini', input: 'Say something' });
    const [newest] = (await rest<{ data: { id: string }[] }>('/v1/conversations?limit=1')).data;
    const deleted = await fetch(`${api}/v1/conversations/${newest!.id}`, {
      method: 'DELETE',
      headers: { 'x-api-key': key },
    });
    expect(deleted.ok).toBe(true);
    await expect(ask({ previous_response_id: mine.id })).resolves.toMatchObject({
      status: 400,
      param: 'previous_response_id',
    });
  });

  it('streams the events in order, with the same text and the usage at the end', async () => {
    provider.script(reply('One two three four', { chunks: 4, inputTokens: 5, outputTokens: 4 }));
    const stream = client.responses.stream({ model: 'openai/gpt-4o-mini', input: 'Count to four' });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const final = await stream.finalResponse();

    const deltas = events.filter((e) => e.type === 'response.output_text.delta');
    expect(deltas.map((e) => e.delta).join('')).toBe('One two three four');
    expect(deltas.length).toBeGreaterThan(1);
    expect(events.map((e) => e.type).filter((type) => type !== 'response.output_text.delta')).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const itemId = (events[2] as OpenAI.Responses.ResponseOutputItemAddedEvent).item.id;
    expect(deltas.every((e) => e.item_id === itemId && e.output_index === 0 && e.content_index === 0)).toBe(true);
    expect(final).toMatchObject({
      status: 'completed',
      output_text: 'One two three four',
      usage: { input_tokens: 5, output_tokens: 4, total_tokens: 9 },
    });
  });

  it('streams with create({ stream: true }), keeping the request id and rate-limit headers', async () => {
    provider.script(reply('Fine thanks', { chunks: 2 }));
    const { data, response } = await client.responses
      .create({ model: 'openai/gpt-4o-mini', input: 'How are you?', stream: true })
      .withResponse();
    let text = '';
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of data) {
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.completed') completed = event.response;
    }
    expect(text).toBe('Fine thanks');
    expect(completed!.output[0]).toMatchObject({ content: [{ text: 'Fine thanks' }] });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(response.headers.get('ratelimit-limit')).toBeTruthy();
  });

  it('sends max_output_tokens to the provider and answers incomplete when the limit cut the reply', async () => {
    provider.script(reply('Once upon a', { finishReason: 'length', outputTokens: 3 }));
    const response = await client.responses.create({
      model: 'openai/gpt-4o-mini',
      input: 'Tell me a story',
      max_output_tokens: 3,
    });
    expect(lastProviderBody()).toMatchObject({ max_tokens: 3 });
    expect(response).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      max_output_tokens: 3,
      output_text: 'Once upon a',
      output: [{ status: 'incomplete' }],
    });

    provider.script(reply('Once upon a', { finishReason: 'length', outputTokens: 3 }));
    const stream = client.responses.stream({ model: 'openai/gpt-4o-mini', input: 'Again', max_output_tokens: 3 });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types.at(-1)).toBe('response.incomplete');
    await expect(stream.finalResponse()).resolves.toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
    });
  });

  it('refuses what it cannot do with a 400 naming the field, and stores nothing', async () => {
    const before = await conversationCount();
    const ask = (fields: Partial<OpenAI.Responses.ResponseCreateParamsNonStreaming>) =>
      client.responses.create({ model: 'openai/gpt-4o-mini', input: 'hi', ...fields }).catch((e: unknown) => e);

    const tools = await ask({ tools: [{ type: 'function', name: 'lookup', parameters: {}, strict: true }] });
    expect(tools).toBeInstanceOf(BadRequestError);
    expect(tools).toMatchObject({ status: 400, param: 'tools', code: 'unsupported_parameter' });
    await expect(ask({ text: { format: { type: 'json_object' } } })).resolves.toMatchObject({ param: 'text.format' });
    await expect(
      ask({
        input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'https://e.com/a.png', detail: 'auto' }] }],
      }),
    ).resolves.toMatchObject({ param: 'input.0.content.0' });
    await expect(
      ask({ input: [{ type: 'function_call_output', call_id: 'call_1', output: '42' }] }),
    ).resolves.toMatchObject({ param: 'input.0', code: 'unsupported_parameter' });
    const lastNotUser = await ask({
      input: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
      ],
    });
    expect(lastNotUser).toMatchObject({ status: 400, param: 'input.1.role' });
    // A message too long for the model is refused after the conversation was written: it is removed again.
    const tooLong = await ask({ model: 'local', input: 'word '.repeat(20_000) });
    expect(tooLong).toMatchObject({ status: 400, code: 'context_length_exceeded', param: 'input' });
    expect(await conversationCount()).toBe(before);
  });

  it('answers a stream that fails before its first event with a real HTTP error', async () => {
    provider.script(contextTooLong());
    const failed = await client.responses
      .create({ model: 'openai/gpt-4o-mini', input: 'a long story', stream: true })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(BadRequestError);
    expect(failed).toMatchObject({ status: 400, code: 'context_length_exceeded' });
  });

  it('ends a stream that fails midway with an error event, which the SDK raises, and response.failed', async () => {
    provider.script(serverError(500, 2));
    const response = await fetch(`${api}/openai/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-4o-mini', input: 'go', stream: true }),
    });
    expect(response.status).toBe(200);
    const body = await response.text();
    const events = body
      .split('\n\n')
      .filter((frame) => frame.startsWith('event: '))
      .map((frame) => JSON.parse(frame.split('\ndata: ')[1]!) as { type: string; [field: string]: unknown });
    expect(events.slice(-2).map((e) => e.type)).toEqual(['error', 'response.failed']);
    expect(events.some((e) => e.type === 'response.output_text.delta')).toBe(true);
    const error = events.at(-2)!;
    expect(error).toMatchObject({ message: expect.any(String), error: { message: error.message, code: error.code } });
    expect(events.at(-1)).toMatchObject({ response: { status: 'failed', error: { message: error.message } } });
    await untilEnded(String((events[0]!.response as { id: string }).id));

    provider.script(serverError(500, 2));
    const stream = await client.responses.create({ model: 'openai/gpt-4o-mini', input: 'go', stream: true });
    let id = '';
    const raised = await (async () => {
      for await (const event of stream) if (event.type === 'response.created') id = event.response.id;
    })().catch((e: unknown) => e);
    expect(raised).toBeInstanceOf(APIError);
    expect(raised).toMatchObject({ code: error.code });
    await untilEnded(id);
  });

  it('cancels the generation when a streaming client hangs up', async () => {
    provider.script(reply('a b c d e f g h i j k l', { chunks: 12, chunkDelayMs: 200 }));
    const stream = await client.responses.create({ model: 'openai/gpt-4o-mini', input: 'go slowly', stream: true });
    let id = '';
    for await (const event of stream) {
      if (event.type === 'response.created') id = event.response.id;
      if (event.type === 'response.output_text.delta') break; // leaving the loop aborts the request
    }
    await waitUntil(async () => (await jobOf(id)).status === 'cancelled');
  });

  describe('through the Vercel AI SDK', () => {
    // The provider's default model factory calls the Responses API (in @ai-sdk/openai v3).
    const openai = () => createOpenAI({ baseURL: `${api}/openai/v1`, apiKey: key });

    it('generateText gets the text, the usage and the finish reason', async () => {
      provider.script(reply('Hello from the platform.', { inputTokens: 8, outputTokens: 4 }));
      const result = await generateText({
        model: openai()('openai/gpt-4o-mini'),
        system: 'Be friendly.',
        prompt: 'Say hello',
        maxRetries: 0,
      });
      expect(provider.requests.at(-1)!.path).toBe('/v1/chat/completions');
      expect(result.text).toBe('Hello from the platform.');
      expect(result.finishReason).toBe('stop');
      expect(result.usage).toMatchObject({ inputTokens: 8, outputTokens: 4, totalTokens: 12 });
      expect(result.response.id).toMatch(/^resp_/);
      expect(lastProviderBody().messages).toEqual([
        { role: 'system', content: 'Be friendly.' },
        { role: 'user', content: 'Say hello' },
      ]);
    });

    it('streamText streams the text, then the usage and the finish reason', async () => {
      provider.script(reply('Streaming works fine', { chunks: 3, inputTokens: 6, outputTokens: 3 }));
      const errors: unknown[] = [];
      const result = streamText({
        model: openai()('openai/gpt-4o-mini'),
        prompt: 'Stream something',
        maxRetries: 0,
        onError: ({ error }) => void errors.push(error),
      });
      let text = '';
      for await (const delta of result.textStream) text += delta;
      expect(text).toBe('Streaming works fine');
      await expect(result.finishReason).resolves.toBe('stop');
      await expect(result.usage).resolves.toMatchObject({ inputTokens: 6, outputTokens: 3, totalTokens: 9 });
      expect(errors).toEqual([]);
    });

    it('reports a reply cut by maxOutputTokens as finish reason length', async () => {
      provider.script(reply('Cut', { finishReason: 'length', outputTokens: 1 }));
      const result = await generateText({
        model: openai()('openai/gpt-4o-mini'),
        prompt: 'Say a lot',
        maxOutputTokens: 1,
        maxRetries: 0,
      });
      expect(result.finishReason).toBe('length');
      expect(lastProviderBody()).toMatchObject({ max_tokens: 1 });
    });

    it('continues a chat with default settings: the earlier reply, sent back by reference, reaches the model', async () => {
      // The bodies the SDK sends, to see that it did refer to the earlier reply by id (its default, `store` on).
      const sent: Record<string, unknown>[] = [];
      const model = createOpenAI({
        baseURL: `${api}/openai/v1`,
        apiKey: key,
        fetch: async (url, init) => {
          if (typeof init?.body === 'string') sent.push(JSON.parse(init.body) as Record<string, unknown>);
          return fetch(url, init);
        },
      })('openai/gpt-4o-mini');
      const question = { role: 'user' as const, content: 'My name is Ada.' };
      provider.script(reply('Hello Ada.'));
      const first = await generateText({ model, system: 'Be brief.', messages: [question], maxRetries: 0 });
      provider.script(reply('You are Ada.'));
      const second = await generateText({
        model,
        system: 'Be brief.',
        messages: [question, ...first.response.messages, { role: 'user', content: 'Who am I?' }],
        maxRetries: 0,
      });
      expect(second.text).toBe('You are Ada.');
      expect(sent.at(-1)!.input).toContainEqual({ type: 'item_reference', id: `msg_${first.response.id.slice(5)}` });
      expect(lastProviderBody().messages).toEqual([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'My name is Ada.' },
        { role: 'assistant', content: 'Hello Ada.' },
        { role: 'user', content: 'Who am I?' },
      ]);
    });
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
