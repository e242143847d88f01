import { FakeOpenAiServer, reply } from '@copilot/llm/testing';
import { nestedHtml, proseDocx, runWithoutWhitespace, zipBombDocx } from '@copilot/retrieval/testing';
import type { AppProcess } from '@copilot/testing';
import { readSse } from './sse';
import { type Stack, startStack } from './stack';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const REPLY = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');

// Issue 14, hostile tenants: uploads that used to freeze a worker's event loop for
// minutes or crash it out of memory on every retry. With a real worker process
// (from source, so its ingest threads load TypeScript through @swc-node/register):
// each document fails once with its reason, a chat reply on the same worker keeps
// streaming meanwhile, and the worker stays up and goes on indexing.
describe('hostile documents on a real worker', () => {
  let openai: FakeOpenAiServer;
  let stack: Stack;
  let api: string;
  let workerUrl: string;
  let worker: AppProcess;
  let key: string;

  beforeAll(async () => {
    openai = await FakeOpenAiServer.start({ apiKey: 'sk-hostile-key' });
    stack = await startStack('hostile-uploads', {
      LOG_LEVEL: 'warn',
      OPENAI_API_KEY: 'sk-hostile-key',
      OPENAI_BASE_URL: openai.url,
      DEFAULT_MODEL: 'openai/gpt-4o-mini',
      RATE_LIMIT_REQUESTS: '100000',
      // Small enough that the test's documents reach them in seconds.
      PARSE_TIMEOUT_MS: '8000',
      PARSE_MEMORY_MB: '128',
      // The slow text holds about 4M tokens: with the default token bound, whichever of
      // the two limits came first would end it. Here only its parse time may.
      DOCUMENT_MAX_TOKENS: '100000000',
      // The slow text is 11 MB, so that even a fast machine parses it for longer than PARSE_TIMEOUT_MS.
      DOCUMENT_MAX_BYTES: String(64 * 1024 * 1024),
    });
    ({ api, workerUrl, worker, key } = stack);
  }, 90_000);
  afterAll(async () => {
    await stack?.stop();
    await openai.close();
  });

  const call = async (method: string, path: string, body?: object) => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { 'x-api-key': key, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return (await response.json()) as Record<string, any>;
  };
  async function upload(collectionId: string, bytes: Buffer | string, filename: string, type: string) {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(bytes)], { type }), filename);
    const response = await fetch(`${api}/v1/collections/${collectionId}/documents`, {
      method: 'POST',
      headers: { 'x-api-key': key },
      body: form,
    });
    expect(response.status).toBe(202);
    return (await response.json()) as { document: { id: string }; job: { id: string } };
  }
  async function settled(documentId: string, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const document = await call('GET', `/v1/documents/${documentId}`);
      if (document.stage === 'indexed' || document.stage === 'failed') return document;
      if (Date.now() > deadline) throw new Error(`document ${documentId} still ${document.stage}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('fails each document once with its reason while a chat reply streams on the same worker', async () => {
    const collection = await call('POST', '/v1/collections', { name: 'uploads' });
    const hostile = {
      // The incident's shape: a few hundred KB that expand to 200 MB of XML.
      bomb: await upload(collection.id, await zipBombDocx(200 * 1024 * 1024), 'bomb.docx', DOCX),
      // Under the expansion limit, but mammoth needs gigabytes of heap for it.
      heap: await upload(collection.id, await proseDocx(300_000), 'heap.docx', DOCX),
      // 3.5 million one-character sentences: linear now, but well past PARSE_TIMEOUT_MS of CPU.
      slow: await upload(collection.id, `${'A. '.repeat(50)}\n\n`.repeat(70_000), 'slow.txt', 'text/plain'),
      deep: await upload(collection.id, nestedHtml(10_000), 'deep.html', 'text/html'),
    };
    // Let the ingest threads get busy with the heavy ones, then ask something.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    openai.script(reply(REPLY, { chunks: 30, chunkDelayMs: 100 }));
    const conversation = await call('POST', '/v1/conversations', {});
    const arrivals: number[] = [];
    const asked = Date.now();
    const answer = await readSse(
      `${api}/v1/conversations/${conversation.id}/messages`,
      { 'x-api-key': key, 'content-type': 'application/json', accept: 'text/event-stream' },
      (events) => {
        while (arrivals.length < events.filter((e) => e.event === 'token').length) arrivals.push(Date.now());
        return events.some((e) => e.event === 'done' || e.event === 'error');
      },
      { method: 'POST', body: JSON.stringify({ content: 'Are you still there?' }) },
    );
    const text = answer.events
      .filter((e) => e.event === 'token')
      .map((e) => (e.data as { text: string }).text)
      .join('');
    expect(text).toBe(REPLY);
    // 30 chunks 100 ms apart: a blocked event loop would hold them back for seconds at a time.
    expect(arrivals[0]! - asked).toBeLessThan(2_000);
    const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]!);
    expect(Math.max(...gaps)).toBeLessThan(1_000);

    const expected = {
      bomb: { reason: 'too_large', limit: 'DOCUMENT_MAX_EXPANDED_BYTES' },
      heap: { reason: 'too_large', limit: 'PARSE_MEMORY_MB' },
      slow: { reason: 'parse_timeout', limit: 'PARSE_TIMEOUT_MS' },
      deep: { reason: 'too_complex', limit: 'DOCUMENT_MAX_NESTING' },
    };
    for (const [name, accepted] of Object.entries(hostile)) {
      const document = await settled(accepted.document.id);
      expect({ name, ...document.error }).toMatchObject({ name, ...expected[name as keyof typeof expected] });
      expect(document.error.message).toEqual(expect.any(String));
    }
    // Failed once, and not retried afterwards.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const [name, accepted] of Object.entries(hostile)) {
      const job = await call('GET', `/v1/jobs/${accepted.job.id}`);
      expect({ name, status: job.status, attempts: job.attempts, reason: job.error?.reason }).toEqual({
        name,
        status: 'failed',
        attempts: 1,
        reason: expected[name as keyof typeof expected].reason,
      });
      const stream = await readSse(`${api}/v1/jobs/${accepted.job.id}/events`, { 'x-api-key': key });
      expect(stream.events.at(-1)).toMatchObject({ event: 'error', data: expected[name as keyof typeof expected] });
    }
  }, 120_000);

  it('is still up and indexes ordinary documents, and a 200 KB run without whitespace', async () => {
    expect(worker.lines.some((line) => /FATAL|heap out of memory/i.test(line))).toBe(false);
    expect((await fetch(`${workerUrl}/health`)).status).toBe(200);
    expect((await fetch(`${workerUrl}/ready`)).status).toBe(200);
    const collection = await call('POST', '/v1/collections', { name: 'after' });
    const ordinary = await upload(collection.id, 'An ordinary note.\n\nWith two paragraphs.', 'note.txt', 'text/plain');
    const run = await upload(collection.id, runWithoutWhitespace(200_000), 'run.txt', 'text/plain');
    expect(await settled(ordinary.document.id)).toMatchObject({ stage: 'indexed', chunkCount: 1 });
    const indexed = await settled(run.document.id);
    expect(indexed.stage).toBe('indexed');
    expect(indexed.chunkCount).toBeGreaterThan(100);
  }, 60_000);
});
