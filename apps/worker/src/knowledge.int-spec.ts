import { ProviderKeys } from '@copilot/secrets';
import { FakeOpenAiServer } from '@copilot/llm/testing';
import { type Document, TenantTransactions } from '@copilot/persistence';
import { ChatService, ConversationService, CopilotService, JobService } from '@copilot/conversations';
import { CollectionService, DocumentService, SearchService } from '@copilot/retrieval';
import type { INestApplicationContext } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminOf, createTenant, startWorkerApp } from './testing/worker-test-app';

const FIXTURES = join(__dirname, '../../../libs/retrieval/src/testing/fixtures');
const MEDIA: Record<string, string> = {
  'guide.md': 'text/markdown',
  'article.html': 'text/html',
  'notes.txt': 'text/plain',
  'report.pdf': 'application/pdf',
  'policy.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

// Ingest as it runs in production: the api's DocumentService accepts, BullMQ
// delivers to the worker's ingest queue, and search reads what was indexed.
describe('document ingest and search', () => {
  let app: INestApplicationContext;
  let tenantId: string;
  let collectionId: string;
  let openai: FakeOpenAiServer;
  const actor = () => adminOf(tenantId);

  beforeAll(async () => {
    tenantId = await createTenant('kb');
    openai = await FakeOpenAiServer.start({ apiKey: 'sk-embeddings-key' });
    app = await startWorkerApp((s) => ({ ...s, knowledge: { ...s.knowledge, embeddingEndpoint: openai.url } }));
    await app
      .get(TenantTransactions)
      .run(tenantId, (tx) => app.get(ProviderKeys).put(tx, tenantId, 'openai', { apiKey: 'sk-embeddings-key' }));
    await app.init();
    collectionId = (await app.get(CollectionService).create(actor(), { name: 'handbook', description: '' })).id;
  }, 30_000);
  afterAll(async () => {
    await app.close();
    await openai.close();
  });

  const documents = () => app.get(DocumentService);
  async function settled(id: string, timeoutMs = 20_000): Promise<Document> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const document = await documents().get(tenantId, id);
      if (document.stage === 'indexed' || document.stage === 'failed') return document;
      if (Date.now() > deadline) throw new Error(`document ${id} still ${document.stage}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const file = (name: string) => ({
    kind: 'file' as const,
    bytes: readFileSync(join(FIXTURES, name)),
    filename: name,
    mediaType: MEDIA[name]!,
  });

  it('indexes every supported format', async () => {
    const accepted = await Promise.all(
      Object.keys(MEDIA).map((name) => documents().accept(tenantId, collectionId, file(name))),
    );
    const done = await Promise.all(accepted.map((a) => settled(a.document.id)));
    for (const document of done) {
      expect(document).toMatchObject({ stage: 'indexed', progress: 100, error: null });
      expect(document.chunkCount).toBeGreaterThan(0);
    }
  }, 60_000);

  it('indexes the same content once per collection', async () => {
    const again = await documents().accept(tenantId, collectionId, file('notes.txt'));
    expect(again.duplicate).toBe(true);
    expect(again.document.stage).toBe('indexed');
  });

  it('fails an unreadable document with a reason, and can retry it', async () => {
    const accepted = await documents().accept(tenantId, collectionId, {
      kind: 'file',
      bytes: Buffer.from('%PDF-1.7 this is not really a pdf'),
      filename: 'broken.pdf',
      mediaType: 'application/pdf',
    });
    const failed = await settled(accepted.document.id);
    expect(failed).toMatchObject({ stage: 'failed', error: { reason: 'unreadable' } });
    const retried = await documents().retry(tenantId, failed.id);
    expect(retried.document.stage).toBe('queued');
    expect((await settled(failed.id)).stage).toBe('failed');
  });

  it('refuses URLs that point inside the network', async () => {
    const accepted = await documents().accept(tenantId, collectionId, {
      kind: 'url',
      url: 'http://169.254.169.254/latest/meta-data',
    });
    const failed = await settled(accepted.document.id);
    expect(failed).toMatchObject({ stage: 'failed', error: { reason: 'fetch_refused_address' } });
  });

  it('searches by keyword, vector and both', async () => {
    const search = app.get(SearchService);
    const text = await documents().accept(tenantId, collectionId, {
      kind: 'text',
      title: 'Lighthouse maintenance',
      text: '# Lamps\n\nThe lighthouse keeper replaces the xenon lamp every spring.\n\n# Paint\n\nThe tower is repainted in red and white stripes.',
    });
    await settled(text.document.id);
    const keyword = await search.search(tenantId, { query: 'xenon', mode: 'keyword', topK: 3 });
    expect(keyword[0]).toMatchObject({
      documentId: text.document.id,
      title: 'Lighthouse maintenance',
      headingPath: ['Lamps'],
    });
    const vector = await search.search(tenantId, {
      query: 'who replaces the lighthouse lamp',
      mode: 'vector',
      topK: 3,
    });
    expect(vector[0]!.documentId).toBe(text.document.id);
    const hybrid = await search.search(tenantId, {
      query: 'lighthouse lamp xenon',
      mode: 'hybrid',
      topK: 2,
      collectionIds: [collectionId],
    });
    expect(hybrid).toHaveLength(2);
    expect(hybrid[0]!.text).toContain('xenon');
    const offsets = hybrid[0]!;
    expect(offsets.endOffset).toBeGreaterThan(offsets.startOffset);
  });

  it('re-ingests atomically: readers see the old chunks or the new ones, never a mix or none', async () => {
    const accepted = await documents().accept(tenantId, collectionId, file('guide.md'));
    const indexed = await settled(accepted.document.id);
    const counts = new Set<number>();
    const count = () =>
      app
        .get(TenantTransactions)
        .run(
          tenantId,
          (tx) =>
            tx.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM chunks WHERE document_id = ${indexed.id}::uuid`,
        );
    await documents().retry(tenantId, indexed.id);
    for (let i = 0; i < 200; i++) {
      counts.add(Number((await count())[0]!.n));
      if ((await documents().get(tenantId, indexed.id)).stage === 'indexed' && i > 5) break;
    }
    expect([...counts]).toEqual([indexed.chunkCount]);
  });

  it('answers with cited passages when a copilot names collections, even with no model configured', async () => {
    const grounded = await documents().accept(tenantId, collectionId, {
      kind: 'text',
      title: 'Expense policy',
      text: '# Travel\n\nTrain tickets are reimbursed in second class. Taxis need a receipt.',
    });
    await settled(grounded.document.id);
    const copilot = await app.get(CopilotService).create(actor(), {
      name: 'policy bot',
      instructions: '',
      model: 'local',
      temperature: null,
      maxTokens: null,
      fallbackModels: [],
      collectionIds: [collectionId],
    });
    const conversation = await app.get(ConversationService).create(tenantId, { copilotId: copilot.id });
    const { job } = await app
      .get(ChatService)
      .postUserMessage(tenantId, conversation.id, 'are train tickets reimbursed?');
    for (let i = 0; i < 200 && (await app.get(JobService).get(tenantId, job.id)).status !== 'succeeded'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const reply = (await app.get(ChatService).listMessages(tenantId, conversation.id, { limit: 10 })).data.find(
      (m) => m.role === 'assistant',
    )!;
    expect(reply.content).toContain('[1] Expense policy');
    expect(reply.content).toContain('second class');
    expect(reply.citations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ documentId: grounded.document.id, title: 'Expense policy', headingPath: ['Travel'] }),
      ]),
    );
  });

  it('re-embeds a collection in the background when its embedding model changes', async () => {
    const collections = app.get(CollectionService);
    const other = await collections.create(actor(), { name: 'moving', description: '' });
    const doc = await documents().accept(tenantId, other.id, {
      kind: 'text',
      title: 'Moving',
      text: 'pelican harbour notes',
    });
    await settled(doc.document.id);
    const changed = await collections.update(actor(), other.id, { embeddingModel: 'openai/text-embedding-3-small' });
    expect(changed).toMatchObject({ embeddingModel: 'openai/text-embedding-3-small', embeddingDimensions: 1536 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await settled(doc.document.id)).stage).toBe('indexed');
    const dims = await app
      .get(TenantTransactions)
      .run(
        tenantId,
        (tx) =>
          tx.$queryRaw<
            { dimensions: number }[]
          >`SELECT DISTINCT dimensions FROM chunks WHERE document_id = ${doc.document.id}::uuid`,
      );
    expect(dims).toEqual([{ dimensions: 1536 }]);
    expect(openai.requests.some((r) => r.path.startsWith('/v1/embeddings'))).toBe(true);
    const hits = await app
      .get(SearchService)
      .search(tenantId, { query: 'pelican', mode: 'vector', topK: 3, collectionIds: [other.id] });
    expect(hits[0]?.documentId).toBe(doc.document.id);
  });

  it('removes a deleted document from search at once', async () => {
    const accepted = await documents().accept(tenantId, collectionId, {
      kind: 'text',
      title: 'Ephemeral',
      text: 'quokka zebra marmalade',
    });
    await settled(accepted.document.id);
    const search = app.get(SearchService);
    expect(await search.search(tenantId, { query: 'quokka', mode: 'keyword', topK: 5 })).toHaveLength(1);
    await documents().delete(tenantId, accepted.document.id);
    expect(await search.search(tenantId, { query: 'quokka', mode: 'keyword', topK: 5 })).toEqual([]);
  });
});
