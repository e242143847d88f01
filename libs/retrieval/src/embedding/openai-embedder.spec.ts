import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LlmError, realSleep } from '@copilot/llm';
import { fakeEmbedding, FakeOpenAiServer, hang, rateLimited, reply, serverError } from '@copilot/llm/testing';
import OpenAI from 'openai';
import { OpenAiEmbedder, type OpenAiEmbedderOptions } from './openai-embedder';

const API_KEY = 'sk-test-embeddings-key';
const MODEL = 'text-embedding-3-small';

function dot(a: number[], b: number[]): number {
  return a.reduce((sum, x, i) => sum + x * b[i]!, 0);
}

function norm(a: number[]): number {
  return Math.sqrt(dot(a, a));
}

async function llmFailure(promise: Promise<unknown>): Promise<LlmError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof LlmError) return err;
    throw err;
  }
  throw new Error('expected an LlmError');
}

describe('OpenAiEmbedder against the fake OpenAI server', () => {
  let fake: FakeOpenAiServer;
  // Backoff waits are recorded and skipped, so retry tests are fast and can check the delays.
  const waits: number[] = [];
  const noWait = async (ms: number) => {
    waits.push(ms);
  };
  const embedder = (extra: Partial<OpenAiEmbedderOptions> = {}) =>
    new OpenAiEmbedder({
      apiKey: API_KEY,
      baseUrl: fake.url,
      model: MODEL,
      dimensions: 256,
      batchSize: 4,
      timeoutMs: 2_000,
      maxRetries: 2,
      sleep: noWait,
      ...extra,
    });

  beforeAll(async () => {
    fake = await FakeOpenAiServer.start({ apiKey: API_KEY });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    waits.length = 0;
  });

  it('splits the input into batches and keeps the order', async () => {
    const texts = Array.from({ length: 10 }, (_, i) => `chunk number ${i}`);
    const vectors = await embedder().embed(texts);

    expect(fake.requests.map((r) => (r.body as { input: string[] }).input)).toEqual([
      texts.slice(0, 4),
      texts.slice(4, 8),
      texts.slice(8),
    ]);
    expect(fake.requests[0]!.body).toMatchObject({ model: MODEL, dimensions: 256, encoding_format: 'float' });
    expect(vectors).toHaveLength(10);
    for (const [i, vector] of vectors.entries()) {
      expect(vector).toHaveLength(256);
      expect(norm(vector)).toBeCloseTo(1, 10);
      expect(dot(vector, fakeEmbedding(texts[i]!, 256, MODEL))).toBeCloseTo(1, 5);
    }
  });

  it('uses 64 inputs per request by default, and sends nothing for no input', async () => {
    const texts = Array.from({ length: 130 }, (_, i) => `t${i}`);
    const vectors = await embedder({ batchSize: undefined, dimensions: 8 }).embed(texts);
    expect(vectors).toHaveLength(130);
    expect(fake.requests.map((r) => (r.body as { input: string[] }).input.length)).toEqual([64, 64, 2]);

    fake.reset();
    await expect(embedder().embed([])).resolves.toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });

  it("returns the model's native size when dimensions are not sent, and refuses a size mismatch", async () => {
    const native = await embedder({ dimensions: 1536, sendDimensions: false }).embed(['hello']);
    expect(native[0]).toHaveLength(1536);
    expect(fake.requests[0]!.body).not.toHaveProperty('dimensions');

    const err = await llmFailure(embedder({ dimensions: 256, sendDimensions: false }).embed(['hello']));
    expect(err.kind).toBe('invalid_request');
    expect(err.message).toMatch(/1536 dimensions, expected 256/);
  });

  it('sends dimensions only to the models that take it, by default', async () => {
    await embedder({ model: 'text-embedding-3-large', dimensions: 1024 }).embed(['hello']);
    expect(fake.requests[0]!.body).toMatchObject({ model: 'text-embedding-3-large', dimensions: 1024 });
    fake.reset();
    // ada-002 (and most compatible servers) refuse the parameter: its native size is asked for by leaving it out.
    const vectors = await embedder({ model: 'text-embedding-ada-002', dimensions: 1536 }).embed(['hello']);
    expect(vectors[0]).toHaveLength(1536);
    expect(fake.requests[0]!.body).not.toHaveProperty('dimensions');
  });

  it('retries after a 429, waiting at least the Retry-After, then succeeds', async () => {
    fake.script(rateLimited(1));
    const vectors = await embedder().embed(['a', 'b']);
    expect(vectors).toHaveLength(2);
    expect(fake.requests).toHaveLength(2);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(1_000);
  });

  it('honours a real (short) retry-after-ms on the wire', async () => {
    fake.script(rateLimited(undefined, 150));
    const started = Date.now();
    await embedder({ sleep: realSleep }).embed(['a']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(fake.requests).toHaveLength(2);
  });

  it('gives up after maxRetries on 5xx with provider_unavailable', async () => {
    fake.setDefault(serverError(503));
    const err = await llmFailure(embedder({ maxRetries: 2 }).embed(['a']));
    expect(err.kind).toBe('provider_unavailable');
    expect(err.status).toBe(503);
    expect(fake.requests).toHaveLength(3);
  });

  it('retries a 500 within one batch and carries on with the next', async () => {
    fake.script(reply(), serverError(500));
    const vectors = await embedder({ batchSize: 1 }).embed(['x', 'y']);
    expect(vectors).toHaveLength(2);
    expect(fake.requests).toHaveLength(3);
  });

  it('times out a server that hangs', async () => {
    fake.setDefault(hang());
    const started = Date.now();
    const err = await llmFailure(embedder({ timeoutMs: 200, maxRetries: 1 }).embed(['a']));
    expect(err.kind).toBe('timeout');
    expect(fake.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports a caller abort as cancelled, without retrying', async () => {
    fake.setDefault(hang());
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const err = await llmFailure(embedder().embed(['a'], controller.signal));
    expect(err.kind).toBe('cancelled');
    expect(fake.requests).toHaveLength(1);
  });

  it("answers the SDK's default base64 format with the same vectors, and rejects bad input as OpenAI does", async () => {
    const client = new OpenAI({ apiKey: API_KEY, baseURL: fake.url, maxRetries: 0 });
    const response = await client.embeddings.create({ model: MODEL, input: ['same'], dimensions: 16 });
    expect((fake.requests[0]!.body as { encoding_format: string }).encoding_format).toBe('base64');
    expect(Array.from(response.data[0]!.embedding)).toEqual(fakeEmbedding('same', 16, MODEL));
    expect(response.usage).toEqual({ prompt_tokens: 1, total_tokens: 1 });
    await expect(client.embeddings.create({ model: MODEL, input: [''] })).rejects.toMatchObject({ status: 400 });
    await expect(client.embeddings.create({ model: MODEL, input: 'x', dimensions: 4000 })).rejects.toMatchObject({
      status: 400,
    });
  });

  it('maps a wrong key to authentication without echoing it', async () => {
    const err = await llmFailure(embedder({ apiKey: 'sk-wrong-key-123456' }).embed(['a']));
    expect(err.kind).toBe('authentication');
    expect(err.retryable).toBe(false);
    expect(err.message).not.toContain('sk-wrong-key-123456');
    expect(fake.requests).toHaveLength(1);
  });
});

describe('OpenAiEmbedder against an OpenAI-compatible server that answers out of order', () => {
  it('puts vectors back in input order by index and normalises them', async () => {
    // Unnormalised vectors in reverse order, as some compatible servers send them.
    const server = createServer((req, res) => {
      let raw = '';
      req.on('data', (part: Buffer) => (raw += part.toString()));
      req.on('end', () => {
        const { input } = JSON.parse(raw) as { input: string[] };
        const data = input.map((text, index) => ({ object: 'embedding', index, embedding: [text.length, 1, 0] }));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ object: 'list', data: data.reverse(), model: 'local', usage: {} }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const embedder = new OpenAiEmbedder({
        apiKey: '',
        baseUrl: `http://127.0.0.1:${port}/v1`,
        model: 'local',
        dimensions: 3,
        sendDimensions: false,
        timeoutMs: 2_000,
        maxRetries: 0,
      });
      const vectors = await embedder.embed(['a', 'bb', 'ccc']);
      for (const [i, vector] of vectors.entries()) {
        const length = i + 1; // 'a', 'bb', 'ccc'
        const n = Math.sqrt(length * length + 1);
        expect(vector[0]).toBeCloseTo(length / n, 12);
        expect(vector[1]).toBeCloseTo(1 / n, 12);
        expect(vector[2]).toBe(0);
      }
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
