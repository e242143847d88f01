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

  /** Posts a text document and waits until it is indexed. */
  async function indexed(collectionId: string, body: object): Promise<string> {
    const posted = await json('POST', `/v1/collections/${collectionId}/documents`, body);
    expect(posted.status).toBe(202);
    const stream = await readSse(`${api}/v1/jobs/${posted.body.job.id}/events`, { 'x-api-key': key });
    expect(stream.events.at(-1)).toMatchObject({ event: 'done', data: { stage: 'indexed' } });
    return posted.body.document.id as string;
  }
  const documentsFound = async (body: object) => {
    const found = await json('POST', '/v1/search', body);
    expect(found.status).toBe(200);
    return (found.body.data as { documentId: string }[]).map((hit) => hit.documentId);
  };

  it("finds a question's document by keyword though most of its words are elsewhere, in the collection's language", async () => {
    const english = await json('POST', '/v1/collections', { name: 'runbooks' });
    expect(english.body.language).toBe('english');
    const simple = await json('POST', '/v1/collections', { name: 'codes', language: 'simple' });
    expect(simple.body.language).toBe('simple');
    const text = {
      title: 'Billing runbook',
      text: 'The billing service prefers PostgreSQL; invoices are refunded by the ledger job.',
    };
    const billing = await indexed(english.body.id, text);
    const billingSimple = await indexed(simple.body.id, text);
    await indexed(english.body.id, { title: 'Onboarding', text: 'New hires receive laptops on day one.' });

    const question = 'Which database does the billing service prefer for refunds?';
    const inEnglish = { query: question, mode: 'keyword', collectionIds: [english.body.id] };
    expect((await documentsFound(inEnglish))[0]).toBe(billing);
    // Strict matching asks for every word: "database" is not in the runbook.
    expect(await documentsFound({ ...inEnglish, keywordMatch: 'all' })).toEqual([]);
    // english stems "refunds" to what "refunded" is; simple keeps words as written.
    const refunds = { query: 'refunds', mode: 'keyword' };
    expect(await documentsFound({ ...refunds, collectionIds: [english.body.id] })).toEqual([billing]);
    expect(await documentsFound({ ...refunds, collectionIds: [simple.body.id] })).toEqual([]);
    const changed = await json('PATCH', `/v1/collections/${simple.body.id}`, { language: 'english' });
    expect(changed.body.language).toBe('english');
    expect(await documentsFound({ ...refunds, collectionIds: [simple.body.id] })).toEqual([billingSimple]);
    const unknown = await json('POST', '/v1/collections', { name: 'x', language: 'klingon' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('body.language');
  });

  it('filters search by document ids, titles, content type, creation time and metadata', async () => {
    const collection = await json('POST', '/v1/collections', { name: 'filtered' });
    const id = collection.body.id as string;
    const support = await indexed(id, {
      title: 'Support escalation',
      text: 'Escalate a ticket to the duty engineer after one hour.',
      metadata: { team: 'support', tier: 2, public: true },
    });
    const after = new Date().toISOString();
    const sales = await indexed(id, {
      title: 'Sales escalation',
      text: 'Escalate a discount request to the sales director.',
      metadata: { team: 'sales', tier: 1 },
    });
    const form = new FormData();
    form.append(
      'file',
      new Blob(['# Escalation\n\nEscalate outages to the incident lead.'], { type: 'text/plain' }),
      'ops.txt',
    );
    form.append('metadata', JSON.stringify({ team: 'ops' }));
    const upload = await fetch(`${api}/v1/collections/${id}/documents`, {
      method: 'POST',
      headers: { 'x-api-key': key },
      body: form,
    });
    expect(upload.status).toBe(202);
    const uploaded = (await upload.json()) as { document: { id: string; metadata: object }; job: { id: string } };
    expect(uploaded.document.metadata).toEqual({ team: 'ops' });
    await readSse(`${api}/v1/jobs/${uploaded.job.id}/events`, { 'x-api-key': key });
    const ops = uploaded.document.id;

    const search = (filter: object, mode = 'hybrid') =>
      documentsFound({ query: 'how do I escalate?', collectionIds: [id], mode, topK: 10, filter });
    const sorted = (ids: string[]) => [...new Set(ids)].sort();
    expect(sorted(await search({}))).toEqual(sorted([support, sales, ops]));
    for (const mode of ['hybrid', 'vector', 'keyword']) {
      expect(sorted(await search({ metadata: { team: 'support' } }, mode))).toEqual([support]);
    }
    expect(sorted(await search({ metadata: { team: ['support', 'ops'] } }))).toEqual(sorted([support, ops]));
    expect(sorted(await search({ metadata: { team: 'support', tier: 1 } }))).toEqual([]);
    expect(sorted(await search({ metadata: { public: true } }))).toEqual([support]);
    expect(sorted(await search({ documentIds: [sales] }))).toEqual([sales]);
    expect(sorted(await search({ titles: ['Sales escalation', 'Support escalation'] }))).toEqual(
      sorted([support, sales]),
    );
    expect(sorted(await search({ contentTypes: ['text/plain'] }))).toEqual([ops]);
    expect(sorted(await search({ createdAfter: after }))).toEqual(sorted([sales, ops]));
    expect(sorted(await search({ createdBefore: after }))).toEqual([support]);

    const bad = await json('POST', '/v1/search', {
      query: 'escalate',
      filter: { documentIds: ['nope'], createdAfter: 'yesterday', metadata: { team: { nested: 1 } }, colour: 'red' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.filter.colour',
      'body.filter.createdAfter',
      'body.filter.documentIds.0',
      'body.filter.metadata.team',
    ]);
    const badMetadata = await json('POST', `/v1/collections/${id}/documents`, {
      title: 't',
      text: 'x',
      metadata: { 'bad key': 'v' },
    });
    expect(badMetadata.status).toBe(400);
    expect(badMetadata.body.errors[0].field).toMatch(/^body\.metadata/);
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
