import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '@copilot/testing';
import { readSse } from './sse';
import { type Stack, startStack } from './stack';

// Knowledge over HTTP as an integrator uses it: upload files, watch ingest, search,
// and ask a copilot that answers from the documents with citations.
describe('knowledge over HTTP', () => {
  let stack: Stack;
  let api: string;
  let key: string;

  beforeAll(async () => {
    stack = await startStack('cyberdyne', { LOG_LEVEL: 'warn' });
    ({ api, key } = stack);
  }, 90_000);
  afterAll(() => stack?.stop());

  const json = async (method: string, path: string, body?: object) => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { 'x-api-key': key, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    // Responses are read loosely here; the assertions say what each must hold.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  it('ingests an uploaded file through visible stages, searches it, and answers from it with citations', async () => {
    const collection = await json('POST', '/v1/collections', { name: 'policies' });
    expect(collection.status).toBe(201);

    const form = new FormData();
    const bytes = readFileSync(join(ROOT, 'libs/retrieval/src/testing/fixtures/policy.docx'));
    form.append(
      'file',
      new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }),
      'policy.docx',
    );
    const upload = await fetch(`${api}/v1/collections/${collection.body.id}/documents`, {
      method: 'POST',
      headers: { 'x-api-key': key },
      body: form,
    });
    expect(upload.status).toBe(202);
    const accepted = (await upload.json()) as { document: { id: string; stage: string }; job: { id: string } };
    expect(accepted.document.stage).toBe('queued');

    const stream = await readSse(`${api}/v1/jobs/${accepted.job.id}/events`, { 'x-api-key': key });
    const stages = stream.events.filter((e) => e.event === 'status').map((e) => (e.data as { stage: string }).stage);
    expect(stages).toEqual(expect.arrayContaining(['parsing', 'chunking', 'embedding']));
    expect(stream.events.at(-1)).toMatchObject({ event: 'done', data: { stage: 'indexed' } });
    const document = await json('GET', `/v1/documents/${accepted.document.id}`);
    expect(document.body).toMatchObject({ stage: 'indexed', progress: 100 });

    const again = await fetch(`${api}/v1/collections/${collection.body.id}/documents`, {
      method: 'POST',
      headers: { 'x-api-key': key },
      body: form,
    });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { duplicate: boolean }).duplicate).toBe(true);

    const firstChunk = (await json('POST', '/v1/search', { query: 'policy', mode: 'keyword', topK: 1 })).body.data[0];
    expect(firstChunk).toMatchObject({ documentId: accepted.document.id, offsets: { start: expect.any(Number) } });
    const word =
      String(firstChunk.text)
        .split(/\s+/)
        .find((w: string) => w.length > 6) ?? 'policy';
    for (const mode of ['hybrid', 'vector', 'keyword']) {
      const found = await json('POST', '/v1/search', {
        query: word,
        mode,
        topK: 3,
        collectionIds: [collection.body.id],
      });
      expect(found.status).toBe(200);
      expect(found.body.data.length).toBeGreaterThan(0);
    }

    const copilot = await json('POST', '/v1/copilots', {
      name: 'policy',
      model: 'local',
      collectionIds: [collection.body.id],
    });
    const conversation = await json('POST', '/v1/conversations', { copilotId: copilot.body.id });
    const posted = await json('POST', `/v1/conversations/${conversation.body.id}/messages`, { content: word });
    const answer = await readSse(`${api}/v1/jobs/${posted.body.job.id}/events`, { 'x-api-key': key });
    const citations = answer.events.filter((e) => e.event === 'citation');
    expect(citations.length).toBeGreaterThan(0);
    expect(citations[0]!.data).toMatchObject({ index: 1, documentId: accepted.document.id });
    const history = await json('GET', `/v1/conversations/${conversation.body.id}/messages`);
    const reply = history.body.data.find((m: { role: string }) => m.role === 'assistant');
    expect(reply.content).toContain('[1]');
    expect(reply.citations[0]).toMatchObject({ documentId: accepted.document.id });
  });

  it('rejects a malformed document request with the fields named', async () => {
    const collection = await json('POST', '/v1/collections', { name: 'empty' });
    const bad = await json('POST', `/v1/collections/${collection.body.id}/documents`, { url: 'ftp://example.com/x' });
    expect(bad.status).toBe(400);
    const search = await json('POST', '/v1/search', { query: '', mode: 'fuzzy' });
    expect(search.status).toBe(400);
    expect(search.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.mode', 'body.query']);
  });
});
