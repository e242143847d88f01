import { createOpenAI } from '@ai-sdk/openai';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import { fakeEmbedding, FakeOpenAiServer, reply } from '@copilot/llm/testing';
import { AppProcess, cli, freePort, waitFor } from '@copilot/testing';
import { embed, embedMany, generateText, streamText } from 'ai';
import OpenAI, { BadRequestError } from 'openai';

// The clients integrators use (LangChain, the Vercel AI SDK, the openai SDK) pointed at
// /openai/v1, with only their base URL and key changed. The platform embeds with
// openai/text-embedding-3-small here (through the same fake), so `dimensions` can be shown.
describe('Third-party clients on /openai/v1', () => {
  let provider: FakeOpenAiServer;
  const apps: AppProcess[] = [];
  let api: string;
  let key: string;

  beforeAll(async () => {
    provider = await FakeOpenAiServer.start({ apiKey: 'fake-e2e-tpc-provider-key' });
    const [apiPort, workerPort] = await Promise.all([freePort(), freePort()]);
    const env = {
      ...process.env,
      APP_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      WORKER_PORT: String(workerPort),
      OPENAI_API_KEY: 'fake-e2e-tpc-provider-key',
      OPENAI_BASE_URL: provider.url,
      EMBEDDING_MODEL: 'openai/text-embedding-3-small',
    };
    api = `http://127.0.0.1:${apiPort}`;
    await cli(env, 'tenant:create', 'tpc-clients');
    key = String((await cli(env, 'key:create', '--tenant', 'tpc-clients', '--scopes', 'admin'))!.key);
    apps.push(
      new AppProcess('api', 'apps/api/src/main.ts', env),
      new AppProcess('worker', 'apps/worker/src/main.ts', env),
    );
    await Promise.all([waitFor(`${api}/ready`), waitFor(`http://127.0.0.1:${workerPort}/ready`)]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await provider.close();
  });

  const lastChatBody = () =>
    provider.requests.filter((r) => r.path.startsWith('/v1/chat/completions')).at(-1)!.body as Record<string, unknown>;
  const lastEmbeddingsBody = () =>
    provider.requests.filter((r) => r.path.startsWith('/v1/embeddings')).at(-1)!.body as Record<string, unknown>;

  describe('openai SDK embeddings with dimensions', () => {
    const client = () => new OpenAI({ apiKey: key, baseURL: `${api}/openai/v1`, maxRetries: 0 });

    it('passes a shorter size through to text-embedding-3 and returns vectors of that size', async () => {
      const result = await client().embeddings.create({
        model: 'openai/text-embedding-3-small',
        input: ['refund policy', 'opening hours'],
        dimensions: 256,
        encoding_format: 'float',
      });
      expect(result.data.map((d) => d.embedding.length)).toEqual([256, 256]);
      expectCloseTo(result.data[0]!.embedding, fakeEmbedding('refund policy', 256));
      expect(lastEmbeddingsBody()).toMatchObject({ model: 'text-embedding-3-small', dimensions: 256 });
    });

    it('refuses more dimensions than the model has with a 400 naming dimensions', async () => {
      const error = await client()
        .embeddings.create({ model: 'text-embedding-3-small', input: 'x', dimensions: 4096 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestError);
      expect((error as BadRequestError).param).toBe('dimensions');
    });
  });

  describe('LangChain (@langchain/openai)', () => {
    const chat = (fields: Record<string, unknown> = {}) =>
      new ChatOpenAI({
        model: 'openai/gpt-4o-mini',
        apiKey: key,
        configuration: { baseURL: `${api}/openai/v1` },
        maxRetries: 0,
        ...fields,
      });

    it('invoke sends the system and human messages and reads the reply and usage', async () => {
      provider.script(reply('Hello from LangChain.', { inputTokens: 9, outputTokens: 4 }));
      const message = await chat().invoke([new SystemMessage('Be brief.'), new HumanMessage('Say hello')]);
      expect(message.content).toBe('Hello from LangChain.');
      expect(message.usage_metadata).toMatchObject({ input_tokens: 9, output_tokens: 4, total_tokens: 13 });
      expect(lastChatBody().messages).toEqual([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hello' },
      ]);
    });

    it('stream yields chunks that concatenate to the reply', async () => {
      provider.script(reply('Streaming through LangChain', { chunks: 3, inputTokens: 5, outputTokens: 3 }));
      let text = '';
      for await (const chunk of await chat({ streamUsage: true }).stream('Stream something')) {
        text += String(chunk.content);
      }
      expect(text).toBe('Streaming through LangChain');
    });

    it('maxTokens reaches the provider', async () => {
      provider.script(reply('Cut', { finishReason: 'length', outputTokens: 1 }));
      const message = await chat({ maxTokens: 1 }).invoke('Say a lot');
      expect(message.response_metadata.finish_reason).toBe('length');
      const body = lastChatBody();
      expect(body.max_tokens ?? body.max_completion_tokens).toBe(1);
    });

    it('OpenAIEmbeddings embeds a query and documents', async () => {
      const embeddings = new OpenAIEmbeddings({
        model: 'openai/text-embedding-3-small',
        apiKey: key,
        configuration: { baseURL: `${api}/openai/v1` },
        maxRetries: 0,
      });
      const query = await embeddings.embedQuery('refund policy');
      expect(query).toHaveLength(1536);
      expect(query[0]).toBeCloseTo(fakeEmbedding('refund policy', 1536)[0]!, 5);
      const documents = await embeddings.embedDocuments(['opening hours', 'returns']);
      expect(documents.map((v) => v.length)).toEqual([1536, 1536]);
    });

    it('OpenAIEmbeddings with dimensions gets shortened vectors', async () => {
      const embeddings = new OpenAIEmbeddings({
        model: 'text-embedding-3-small',
        dimensions: 64,
        apiKey: key,
        configuration: { baseURL: `${api}/openai/v1` },
        maxRetries: 0,
      });
      expect(await embeddings.embedQuery('refund policy')).toHaveLength(64);
    });
  });

  describe('Vercel AI SDK (ai + @ai-sdk/openai)', () => {
    const openai = () => createOpenAI({ baseURL: `${api}/openai/v1`, apiKey: key });

    it('generateText over chat completions gets text, usage and finish reason', async () => {
      provider.script(reply('Hello from the AI SDK.', { inputTokens: 7, outputTokens: 5 }));
      const result = await generateText({
        model: openai().chat('openai/gpt-4o-mini'),
        system: 'Be friendly.',
        prompt: 'Say hello',
        maxRetries: 0,
      });
      expect(result.text).toBe('Hello from the AI SDK.');
      expect(result.finishReason).toBe('stop');
      expect(result.usage).toMatchObject({ inputTokens: 7, outputTokens: 5, totalTokens: 12 });
      expect(lastChatBody().messages).toEqual([
        { role: 'system', content: 'Be friendly.' },
        { role: 'user', content: 'Say hello' },
      ]);
    });

    it('streamText over chat completions streams text, usage and finish reason', async () => {
      provider.script(reply('Streamed by the AI SDK', { chunks: 3, inputTokens: 6, outputTokens: 4 }));
      const errors: unknown[] = [];
      const result = streamText({
        model: openai().chat('openai/gpt-4o-mini'),
        prompt: 'Stream something',
        maxRetries: 0,
        onError: ({ error }) => void errors.push(error),
      });
      let text = '';
      for await (const delta of result.textStream) text += delta;
      expect(text).toBe('Streamed by the AI SDK');
      await expect(result.finishReason).resolves.toBe('stop');
      await expect(result.usage).resolves.toMatchObject({ inputTokens: 6, outputTokens: 4, totalTokens: 10 });
      expect(errors).toEqual([]);
    });

    it('embed and embedMany', async () => {
      const model = openai().embedding('openai/text-embedding-3-small');
      const one = await embed({ model, value: 'refund policy', maxRetries: 0 });
      expect(one.embedding).toHaveLength(1536);
      const many = await embedMany({ model, values: ['a', 'b', 'c'], maxRetries: 0 });
      expect(many.embeddings.map((v) => v.length)).toEqual([1536, 1536, 1536]);
      const short = await embed({
        model,
        value: 'refund policy',
        providerOptions: { openai: { dimensions: 32 } },
        maxRetries: 0,
      });
      expectCloseTo(short.embedding, fakeEmbedding('refund policy', 32));
    });
  });
});

/** The platform's embedder reads the provider's vectors as float32 (base64), so values match to float32 precision. */
function expectCloseTo(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 6));
}
