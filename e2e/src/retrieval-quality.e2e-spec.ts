import { evaluateSearch, loadRetrievalEval, type RetrievalScore, type SearchMode } from '@copilot/retrieval/testing';
import { type Stack, startStack } from './stack';

// Search quality as a user of the api sees it, on a subset of the project's evaluation
// set (libs/retrieval/src/testing/retrieval-eval): the files uploaded, ingested by the
// worker, and the questions people ask of them, in every mode, with the offline embedder.
// `npm run bench -- retrieval` runs the whole set.
const DOCUMENTS = 20;

describe('retrieval quality (evaluation subset, local embedder)', () => {
  let stack: Stack;
  let scores: Record<SearchMode, RetrievalScore>;

  beforeAll(async () => {
    // About 300 requests in a few seconds: a measurement, not a client to throttle.
    stack = await startStack('retrieval-quality-e2e', {
      LOG_LEVEL: 'warn',
      RATE_LIMIT_REQUESTS: '100000',
      RATE_LIMIT_TENANT_REQUESTS: '100000',
    });
    const { api, key } = stack;
    const evalSet = await loadRetrievalEval(DOCUMENTS);
    const created = await fetch(`${api}/v1/collections`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'retrieval eval', embeddingModel: 'local' }),
    });
    const collectionId = ((await created.json()) as { id: string }).id;

    const documentIds = new Map<string, string>();
    for (const document of evalSet.documents) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(document.bytes)], { type: document.mediaType }), document.filename);
      const upload = await fetch(`${api}/v1/collections/${collectionId}/documents`, {
        method: 'POST',
        headers: { 'x-api-key': key },
        body: form,
      });
      expect(upload.status).toBe(202);
      documentIds.set(document.filename, ((await upload.json()) as { document: { id: string } }).document.id);
    }
    for (const [filename, id] of documentIds) {
      let stage = '';
      for (const deadline = Date.now() + 60_000; stage !== 'indexed' && Date.now() < deadline;) {
        const document = await fetch(`${api}/v1/documents/${id}`, { headers: { 'x-api-key': key } });
        stage = ((await document.json()) as { stage: string }).stage;
        if (stage === 'failed') throw new Error(`${filename} failed to ingest`);
        if (stage !== 'indexed') await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect([filename, stage]).toEqual([filename, 'indexed']);
    }

    scores = await evaluateSearch(evalSet.questions, documentIds, async (query, mode) => {
      const response = await fetch(`${api}/v1/search`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/json' },
        body: JSON.stringify({ query, collectionIds: [collectionId], mode, topK: 5 }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { data: { documentId: string }[] }).data.map((hit) => hit.documentId);
    });
    // The figures, and the questions each mode missed, for whoever reads a failure.
    process.stdout.write(
      `${Object.entries(scores)
        .map(
          ([mode, s]) =>
            `${mode}: recall@5 ${s.recall.toFixed(3)}, MRR ${s.mrr.toFixed(3)}, missed ${JSON.stringify(s.misses)}`,
        )
        .join('\n')}\n`,
    );
  }, 240_000);
  afterAll(() => stack?.stop());

  it('finds the document that answers at least 85% of the questions among the top 5 hybrid hits', () => {
    expect(scores.hybrid.questions).toBeGreaterThanOrEqual(60);
    expect(scores.hybrid.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('does at least as well in hybrid mode as either the keyword or the vector half alone', () => {
    expect(scores.hybrid.recall).toBeGreaterThanOrEqual(scores.keyword.recall);
    expect(scores.hybrid.recall).toBeGreaterThanOrEqual(scores.vector.recall);
  });
});
