import { contextTooLong, FAKE_OPENAI_REPLY, FakeOpenAiServer, reply } from '@copilot/llm/testing';
import { AppProcess, cli, freePort, waitFor } from '@copilot/testing';
import OpenAI, {
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';

// The official OpenAI SDK pointed at the platform's /openai/v1 routes: only its base
// URL and key change. Generation still runs in the worker, against a wire-level fake
// of OpenAI's API configured as the platform's provider (OPENAI_BASE_URL).
describe('OpenAI-compatible API', () => {
  let provider: FakeOpenAiServer;
  const apps: AppProcess[] = [];
  let api: string;
  let key: string;
  let client: OpenAI;
  let copilotId: string;
  let readOnlyKey: string;
  /** A key of a tenant whose daily token budget is 10. */
  let budgetKey: string;
  /** A key of a tenant whose daily token budget (100) holds one short reply of 60 tokens, not two. */
  let choicesBudgetKey: string;

  beforeAll(async () => {
    provider = await FakeOpenAiServer.start({ apiKey: 'fake-e2e-compat-provider-key' });
    const [apiPort, workerPort] = await Promise.all([freePort(), freePort()]);
    const env = {
      ...process.env,
      APP_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      WORKER_PORT: String(workerPort),
      OPENAI_API_KEY: 'fake-e2e-compat-provider-key',
      OPENAI_BASE_URL: provider.url,
      // Small, so a test can show that a longer history is trimmed.
      MAX_CONVERSATION_MESSAGES: '4',
      CORS_ORIGINS: 'https://app.example.com',
    };
    api = `http://127.0.0.1:${apiPort}`;
    // CLI calls are slow (a process each): the two tenants and their keys are made in parallel.
    await Promise.all(['compat', 'compat-budget', 'compat-choices'].map((slug) => cli(env, 'tenant:create', slug)));
    const [admin, reader, budgeted, choicesBudgeted] = await Promise.all([
      cli(env, 'key:create', '--tenant', 'compat', '--scopes', 'admin'),
      cli(env, 'key:create', '--tenant', 'compat', '--scopes', 'chat:read'),
      cli(env, 'key:create', '--tenant', 'compat-budget', '--scopes', 'admin'),
      cli(env, 'key:create', '--tenant', 'compat-choices', '--scopes', 'admin'),
      cli(env, 'tenant:budget', 'compat-budget', '--daily', '10'),
      cli(env, 'tenant:budget', 'compat-choices', '--daily', '100'),
    ]);
    [key, readOnlyKey, budgetKey, choicesBudgetKey] = [admin, reader, budgeted, choicesBudgeted].map((created) =>
      String(created!.key),
    );
    apps.push(
      new AppProcess('api', 'apps/api/src/main.ts', env),
      new AppProcess('worker', 'apps/worker/src/main.ts', env),
    );
    await Promise.all([waitFor(`${api}/ready`), waitFor(`http://127.0.0.1:${workerPort}/ready`)]);
    client = sdk(key);
    const created = await rest('POST', '/v1/copilots', {
      name: 'support-bot',
      model: 'openai/gpt-4o-mini',
      instructions: 'Answer as the support team.',
    });
    copilotId = ((await created.json()) as { id: string }).id;
  }, 90_000);

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await provider.close();
  });

  // No retries: a test sees the first answer (the SDK would retry 429s and 5xx).
  const sdk = (apiKey: string) => new OpenAI({ apiKey, baseURL: `${api}/openai/v1`, maxRetries: 0 });
  const rest = (method: string, path: string, body?: object) =>
    fetch(`${api}${path}`, {
      method,
      headers: { 'x-api-key': key, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  const lastProviderBody = () => provider.requests.at(-1)!.body as Record<string, unknown>;
  const conversationCount = async () =>
    ((await (await rest('GET', '/v1/conversations?limit=100')).json()) as { data: unknown[] }).data.length;

  it('answers a provider/model completion with the whole history, the sampling fields and the usage', async () => {
    provider.script(reply(FAKE_OPENAI_REPLY, { inputTokens: 21, outputTokens: 7 }));
    const completion = await client.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'user', content: [{ type: 'text', text: 'What is new?' }] },
      ],
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 50,
      stop: ['END'],
    });
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'openai/gpt-4o-mini',
      choices: [{ index: 0, message: { role: 'assistant', content: FAKE_OPENAI_REPLY }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 21, completion_tokens: 7, total_tokens: 28 },
    });
    expect(lastProviderBody()).toMatchObject({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'user', content: 'What is new?' },
      ],
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 50,
      stop: ['END'],
    });
    // The exchange is an ordinary conversation of the tenant, in order, reply included.
    const jobId = completion.id.replace(/^chatcmpl-/, '');
    const job = (await (await rest('GET', `/v1/jobs/${jobId}`)).json()) as { status: string };
    expect(job.status).toBe('succeeded');
    const newest = (await (await rest('GET', '/v1/conversations?limit=1')).json()) as { data: { id: string }[] };
    const stored = (await (await rest('GET', `/v1/conversations/${newest.data[0]!.id}/messages`)).json()) as {
      data: { role: string; content: string }[];
    };
    expect(stored.data.map((m) => [m.role, m.content])).toEqual([
      ['user', 'Hi'],
      ['assistant', 'Hello.'],
      ['user', 'What is new?'],
      ['assistant', FAKE_OPENAI_REPLY],
    ]);
  });

  it("forwards seed, penalties, user and max_completion_tokens, and the provider's finish_reason comes back", async () => {
    const sampling = { seed: 11, frequency_penalty: 0.4, presence_penalty: -0.2, user: 'end-user-42' };
    provider.script(reply('Cut off mid', { finishReason: 'length', outputTokens: 3 }));
    const completion = await client.chat.completions.create({
      model: 'openai/o3-mini',
      messages: [{ role: 'user', content: 'Tell me everything' }],
      max_completion_tokens: 500,
      ...sampling,
    });
    // The server stopped at a limit of its own (3 tokens, far below 500): its word is what the client gets.
    expect(completion.choices[0]).toMatchObject({ finish_reason: 'length', message: { content: 'Cut off mid' } });
    const sent = lastProviderBody();
    expect(sent).toMatchObject({ model: 'o3-mini', max_completion_tokens: 500, ...sampling });
    expect(sent).not.toHaveProperty('max_tokens');
    const jobId = completion.id.replace(/^chatcmpl-/, '');
    const job = (await (await rest('GET', `/v1/jobs/${jobId}`)).json()) as { result: Record<string, unknown> };
    expect(job.result).toMatchObject({ finishReason: 'length', outputTokens: 3 });

    provider.script(reply('Cut off again', { finishReason: 'length' }));
    const stream = await client.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'And again' }],
      stream: true,
    });
    const finishes: (string | null)[] = [];
    for await (const chunk of stream) finishes.push(...chunk.choices.map((c) => c.finish_reason));
    expect(finishes.filter(Boolean)).toEqual(['length']);
    // No limit from the client: none invented on the way to the provider.
    expect(lastProviderBody()).not.toHaveProperty('max_tokens');
    expect(lastProviderBody()).not.toHaveProperty('max_completion_tokens');
  });

  it('gives the model, and stores, only the latest MAX_CONVERSATION_MESSAGES messages', async () => {
    provider.script(reply('Eight.'));
    const turns = ['one', 'two', 'three', 'four', 'five', 'six', 'seven'];
    await client.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      messages: turns.map((content, i) => ({ role: i % 2 ? ('assistant' as const) : ('user' as const), content })),
    });
    const sent = lastProviderBody().messages as { content: string }[];
    expect(sent.map((m) => m.content)).toEqual(['four', 'five', 'six', 'seven']);
    const newest = (await (await rest('GET', '/v1/conversations?limit=1')).json()) as { data: { id: string }[] };
    const stored = (await (await rest('GET', `/v1/conversations/${newest.data[0]!.id}/messages`)).json()) as {
      data: { content: string }[];
    };
    expect(stored.data.map((m) => m.content)).toEqual(['four', 'five', 'six', 'seven', 'Eight.']);
  });

  it('keeps no conversation of an exchange sent with store: false, streamed or not, and still counts its usage', async () => {
    // A model no other test uses, so its usage row is this test's alone.
    const model = 'openai/gpt-4.1-nano';
    const before = await conversationCount();
    provider.script(reply('Not kept.'), reply('Not kept either.'));
    const answer = await client.chat.completions.create({
      model,
      store: false,
      messages: [{ role: 'user', content: 'forget me' }],
    });
    expect(answer.choices[0]!.message.content).toBe('Not kept.');
    const stream = await client.chat.completions.create({
      model,
      store: false,
      stream: true,
      messages: [{ role: 'user', content: 'forget me too' }],
    });
    let streamed = '';
    for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? '';
    expect(streamed).toBe('Not kept either.');

    // Removed once each job's row has ended, moments after the answer.
    const deadline = Date.now() + 15_000;
    while ((await conversationCount()) !== before && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect(await conversationCount()).toBe(before);
    expect((await rest('GET', `/v1/jobs/${answer.id.replace(/^chatcmpl-/, '')}`)).status).toBe(404);
    const usage = (await (await rest('GET', '/v1/usage?groupBy=model')).json()) as {
      data: { model: string; requests: number }[];
    };
    expect(usage.data.find((row) => row.model === model)?.requests ?? 0).toBe(2);

    // Without store the exchange is kept (OPENAI_COMPAT_STORE_CONVERSATIONS defaults to true).
    provider.script(reply('Kept.'));
    await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'remember me' }] });
    expect(await conversationCount()).toBe(before + 1);
  });

  it('streams a copilot completion as chunks, with the finish reason and a usage chunk', async () => {
    provider.script(reply('One two three four five six', { chunks: 3, inputTokens: 9, outputTokens: 6 }));
    const stream = await client.chat.completions.create({
      model: 'support-bot',
      messages: [{ role: 'user', content: 'Count to six' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('One two three four five six');
    expect(chunks.flatMap((c) => c.choices.map((choice) => choice.finish_reason)).filter(Boolean)).toEqual(['stop']);
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 9, completion_tokens: 6, total_tokens: 15 },
    });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    expect(lastProviderBody()).toMatchObject({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Answer as the support team.' },
        { role: 'user', content: 'Count to six' },
      ],
    });
  });

  it('answers n choices, one generation each, with their usage added up and one stored exchange', async () => {
    const before = await conversationCount();
    const texts = ['First take.', 'Second take.', 'Third take.'];
    provider.script(...texts.map((text, i) => reply(text, { inputTokens: 10, outputTokens: i + 2 })));
    const completion = await client.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      n: 3,
      messages: [{ role: 'user', content: 'Give me a tagline' }],
    });
    expect(completion.choices.map((choice) => choice.index)).toEqual([0, 1, 2]);
    // The three generations run side by side: which scripted reply each took is not fixed.
    expect(completion.choices.map((choice) => choice.message.content).sort()).toEqual([...texts].sort());
    expect(completion.choices.every((choice) => choice.finish_reason === 'stop')).toBe(true);
    expect(completion.usage).toEqual({ prompt_tokens: 30, completion_tokens: 9, total_tokens: 39 });
    expect(provider.requests.slice(-3).map((r) => (r.body as { messages: unknown }).messages)).toEqual(
      Array(3).fill([{ role: 'user', content: 'Give me a tagline' }]),
    );
    // The question is kept once, with the first choice's reply; the other choices are not stored.
    const deadline = Date.now() + 15_000;
    while ((await conversationCount()) !== before + 1 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await conversationCount()).toBe(before + 1);
    const newest = (await (await rest('GET', '/v1/conversations?limit=1')).json()) as { data: { id: string }[] };
    const stored = (await (await rest('GET', `/v1/conversations/${newest.data[0]!.id}/messages`)).json()) as {
      data: { content: string }[];
    };
    expect(stored.data.map((m) => m.content)).toEqual(['Give me a tagline', completion.choices[0]!.message.content]);

    provider.script(
      reply('Alpha beta gamma', { chunks: 3, inputTokens: 7, outputTokens: 3 }),
      reply('Delta epsilon', { chunks: 2, inputTokens: 7, outputTokens: 2 }),
    );
    const stream = await client.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      n: 2,
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Two lists, please' }],
    });
    const text = ['', ''];
    const finishes: [number, string][] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      for (const choice of chunk.choices) {
        text[choice.index] += choice.delta.content ?? '';
        if (choice.finish_reason) finishes.push([choice.index, choice.finish_reason]);
      }
      usage = chunk.usage ?? usage;
    }
    expect([...text].sort()).toEqual(['Alpha beta gamma', 'Delta epsilon']);
    expect(finishes.sort()).toEqual([
      [0, 'stop'],
      [1, 'stop'],
    ]);
    expect(usage).toEqual({ prompt_tokens: 14, completion_tokens: 5, total_tokens: 19 });
  });

  it("takes a copilot's id as the model, adding the caller's system message to its instructions", async () => {
    provider.script(reply('Sure.'));
    const completion = await client.chat.completions.create({
      model: copilotId,
      messages: [
        { role: 'system', content: 'Reply in one word.' },
        { role: 'user', content: 'Can you help?' },
      ],
    });
    expect(completion.choices[0]!.message.content).toBe('Sure.');
    expect(completion.model).toBe(copilotId);
    expect(lastProviderBody()).toMatchObject({
      messages: [{ role: 'system', content: 'Answer as the support team.\n\nReply in one word.' }, { role: 'user' }],
    });
  });

  it('lists the copilots and the provider models they use', async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(['support-bot', 'openai/gpt-4o-mini', 'local']));
    await expect(client.models.retrieve('openai/gpt-4o-mini')).resolves.toMatchObject({ owned_by: 'openai' });
  });

  it('embeds a string or a list of strings with the configured embedder, in floats or base64', async () => {
    // The SDK asks for base64 unless told otherwise, and decodes it.
    const many = await client.embeddings.create({ model: 'local', input: ['refund policy', 'opening hours', 'hi'] });
    expect(many.data.map((d) => [d.index, d.embedding.length])).toEqual([
      [0, 384],
      [1, 384],
      [2, 384],
    ]);
    expect(many.usage.prompt_tokens).toBeGreaterThan(0);
    const one = await client.embeddings.create({ model: 'local', input: 'refund policy', encoding_format: 'float' });
    expect(one.data).toHaveLength(1);
    expect(one.data[0]!.embedding.map((x) => Math.fround(x))).toEqual(many.data[0]!.embedding);
    await expect(client.embeddings.create({ model: 'text-embedding-3-large', input: 'x' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("refuses another size than the local embedder's with a 400 naming dimensions, and takes its own", async () => {
    const refused = await client.embeddings
      .create({ model: 'local', input: 'x', dimensions: 128 })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BadRequestError);
    expect((refused as BadRequestError).param).toBe('dimensions');
    const own = await client.embeddings.create({ model: 'local', input: 'x', dimensions: 384 });
    expect(own.data[0]!.embedding).toHaveLength(384);
  });

  it("raises the SDK's typed errors, and a refused request stores nothing", async () => {
    const before = await conversationCount();
    const ask = (body: Partial<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming>, with_ = client) =>
      with_.chat.completions.create({ model: 'support-bot', messages: [{ role: 'user', content: 'hi' }], ...body });

    const unknown = await ask({ model: 'no-such-copilot' }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect(unknown).toMatchObject({ status: 404, code: 'model_not_found', param: 'model' });

    await expect(ask({}, sdk('cp_not_a_real_key'))).rejects.toBeInstanceOf(AuthenticationError);

    const tooManyChoices = await ask({ n: 17 }).catch((e: unknown) => e);
    expect(tooManyChoices).toBeInstanceOf(BadRequestError);
    expect(tooManyChoices).toMatchObject({ param: 'n' });

    const huge = await ask({ max_tokens: 2 ** 40 }).catch((e: unknown) => e);
    expect(huge).toMatchObject({ status: 400, param: 'max_tokens' });
    const longModel = await ask({ model: 'm'.repeat(200_000) }).catch((e: unknown) => e);
    expect(longModel).toMatchObject({ status: 400, param: 'model' });
    expect(String((longModel as Error).message).length).toBeLessThan(1_000);

    const tools = await ask({ tools: [{ type: 'function', function: { name: 'lookup' } }] }).catch((e: unknown) => e);
    expect(tools).toMatchObject({ status: 400, param: 'tools', code: 'unsupported_parameter' });

    const image = await ask({
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }],
    }).catch((e: unknown) => e);
    expect(image).toMatchObject({ status: 400, param: 'messages.0.content' });

    await expect(ask({}, sdk(readOnlyKey))).rejects.toBeInstanceOf(PermissionDeniedError);

    // Refused after the conversation was written (the message does not fit the model): it is removed again.
    const tooLong = await ask({ model: 'local', messages: [{ role: 'user', content: 'word '.repeat(20_000) }] }).catch(
      (e: unknown) => e,
    );
    expect(tooLong).toBeInstanceOf(BadRequestError);
    expect(tooLong).toMatchObject({ code: 'context_length_exceeded', param: 'messages' });
    expect(await conversationCount()).toBe(before);
  });

  it('answers a spent token budget with a 429 insufficient_quota that SDKs do not retry', async () => {
    // An SDK that retries (the default): told not to, it raises at once instead of sleeping until midnight.
    const retrying = new OpenAI({ apiKey: budgetKey, baseURL: `${api}/openai/v1`, maxRetries: 2 });
    const startedAt = Date.now();
    const spent = await retrying.chat.completions
      .create({ model: 'local', messages: [{ role: 'user', content: 'hello there' }] })
      .catch((e: unknown) => e);
    expect(spent).toBeInstanceOf(RateLimitError);
    expect(spent).toMatchObject({ status: 429, type: 'insufficient_quota', code: 'insufficient_quota' });
    const headers = (spent as RateLimitError).headers!;
    expect(headers.get('retry-after')).toBeNull();
    expect(headers.get('x-should-retry')).toBe('false');
    expect(Date.now() - startedAt).toBeLessThan(3_000);
  });

  it('refuses n choices the budget cannot cover as a whole, keeping nothing and giving the reserved tokens back', async () => {
    const choices = sdk(choicesBudgetKey);
    const listed = async () =>
      (
        (await (
          await fetch(`${api}/v1/conversations?limit=100`, { headers: { 'x-api-key': choicesBudgetKey } })
        ).json()) as { data: unknown[] }
      ).data.length;
    // Each choice reserves its prompt and max_tokens (60): one fits in 100 tokens, two do not.
    const ask = (n: number) =>
      choices.chat.completions.create({
        model: 'local',
        n,
        max_tokens: 60,
        messages: [{ role: 'user', content: 'hi' }],
      });

    const refused = await ask(2).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitError);
    expect(refused).toMatchObject({ status: 429, code: 'insufficient_quota' });
    // The choice that had been accepted is cancelled and removed, and its reservation released:
    // otherwise 40 tokens would be left and one choice of 60 would be refused too.
    const deadline = Date.now() + 15_000;
    while ((await listed()) !== 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await listed()).toBe(0);
    const one = await ask(1);
    expect(one.choices).toHaveLength(1);
  });

  it('answers a streamed request that fails before its first token with a real HTTP error', async () => {
    provider.script(contextTooLong());
    const failed = await client.chat.completions
      .create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'a long story' }], stream: true })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(BadRequestError);
    expect(failed).toMatchObject({ status: 400, code: 'context_length_exceeded' });

    // A stream that does start keeps the request id and rate-limit headers of any other answer.
    provider.script(reply('Fine.'));
    const { data, response } = await client.chat.completions
      .create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true })
      .withResponse();
    let text = '';
    for await (const chunk of data) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Fine.');
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(response.headers.get('ratelimit-limit')).toBeTruthy();
  });

  it("accepts the neutral values clients send by default (plain text format, tool_choice 'none')", async () => {
    provider.script(reply('Plain.'));
    const completion = await client.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      response_format: { type: 'text' },
      tool_choice: 'none',
    });
    expect(completion.choices[0]!.message.content).toBe('Plain.');
    const json = await client.chat.completions
      .create({
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
        response_format: { type: 'json_object' },
      })
      .catch((e: unknown) => e);
    expect(json).toMatchObject({ status: 400, param: 'response_format', code: 'unsupported_parameter' });
  });

  // 413 is checked in apps/api/src/edge.int-spec.ts: over a socket the api answers before it has read
  // the whole body, and the client's write can fail first (EPIPE).
  it("answers unserved routes and refused bodies in OpenAI's error shape", async () => {
    const post = (path: string, body: string, contentType = 'application/json') =>
      fetch(`${api}/openai/v1${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
        body,
      });
    const cases: [string, Response][] = [
      ['404', await post('/assistants', '{}')],
      ['400', await post('/chat/completions', '{"model": "local", "messages": [')],
      ['415', await post('/chat/completions', 'hello', 'text/plain')],
    ];
    for (const [status, response] of cases) {
      expect([status, response.status]).toEqual([status, Number(status)]);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await response.json()) as { error: { message: string; type: string } };
      expect(body.error).toEqual(expect.objectContaining({ message: expect.any(String), type: expect.any(String) }));
    }
  });

  it('lets a browser preflight send the headers of the official SDKs from an allowed origin', async () => {
    const sdkHeaders = [
      'authorization',
      'content-type',
      'x-stainless-os',
      'x-stainless-lang',
      'x-stainless-arch',
      'x-stainless-runtime',
      'x-stainless-runtime-version',
      'x-stainless-package-version',
      'x-stainless-retry-count',
      'x-stainless-timeout',
      'openai-organization',
      'openai-project',
      'openai-beta',
      'anthropic-version',
    ];
    const preflight = await fetch(`${api}/openai/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': sdkHeaders.join(','),
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const allowed = preflight.headers
      .get('access-control-allow-headers')!
      .toLowerCase()
      .split(/\s*,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(sdkHeaders));
  });

  it('answers a failed generation with the matching OpenAI error', async () => {
    provider.script(contextTooLong());
    const failed = await client.chat.completions
      .create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'a long story' }] })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(BadRequestError);
    expect(failed).toMatchObject({ code: 'context_length_exceeded' });
  });

  it('cancels the generation when a streaming client hangs up', async () => {
    provider.script(reply('a b c d e f g h i j k l', { chunks: 12, chunkDelayMs: 200 }));
    const stream = await client.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'go slowly' }],
      stream: true,
    });
    let jobId = '';
    for await (const chunk of stream) {
      jobId = chunk.id.replace(/^chatcmpl-/, '');
      if (chunk.choices[0]?.delta.content) break; // leaving the loop aborts the request
    }
    await waitUntil(async () => {
      const job = (await (await rest('GET', `/v1/jobs/${jobId}`)).json()) as { status: string };
      return job.status === 'cancelled';
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
