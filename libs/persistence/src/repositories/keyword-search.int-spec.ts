import { adminDatabaseConfig, databaseConfig, loadSettings } from '@copilot/config';
import { createPrismaClient } from '../lib/prisma.service';
import { inTenantTransaction } from '../lib/tenant-transaction';
import { ChunkRepository } from './chunk.repository';
import { CollectionRepository } from './collection.repository';
import { DocumentRepository } from './document.repository';
import { TenantRepository } from './tenant.repository';

// Keyword search as copilots use it: a question, not a keyword list.
describe(`${ChunkRepository.name} keyword search`, () => {
  const settings = loadSettings('api', [databaseConfig, adminDatabaseConfig] as const);
  const app = createPrismaClient(settings.database);
  const chunks = new ChunkRepository();
  let tenantId: string;
  const passages: Record<string, string> = {
    billing: 'The billing service prefers PostgreSQL for invoices; its ledger is kept in one database per region.',
    refunds: 'Customers who cancel within thirty days are refunded in full. Refunds reach the card within a week.',
    onboarding: 'New employees receive a laptop on their first day and meet their onboarding buddy.',
    services:
      'Every service has a service owner. The service catalogue lists each service, its service level and its on-call rota.',
  };

  async function collectionWith(language: string): Promise<{ id: string; documents: Map<string, string> }> {
    return inTenantTransaction(app, tenantId, async (tx) => {
      const collection = await new CollectionRepository().create(tx, tenantId, {
        name: `kw-${language}`,
        description: '',
        embeddingModel: 'test',
        embeddingDimensions: 3,
        language,
      });
      const documents = new Map<string, string>();
      for (const [name, text] of Object.entries(passages)) {
        const document = await new DocumentRepository().create(
          tx,
          {
            tenantId,
            collectionId: collection.id,
            title: name,
            sourceType: 'text',
            contentHash: `${language}-${name}`,
            sizeBytes: text.length,
            jobId: '00000000-0000-4000-8000-000000000000',
          },
          Buffer.from(text),
        );
        documents.set(document.id, name);
        await chunks.replaceForDocument(
          tx,
          { tenantId, documentId: document.id, collectionId: collection.id, dimensions: 3 },
          [
            {
              position: 0,
              text,
              startOffset: 0,
              endOffset: text.length,
              headingPath: [],
              tokenCount: text.split(' ').length,
              embedding: [1, 0, 0],
            },
          ],
        );
      }
      return { id: collection.id, documents };
    });
  }

  const search = async (
    collection: { id: string; documents: Map<string, string> },
    query: string,
    match: 'any' | 'all' = 'any',
  ) => {
    const hits = await inTenantTransaction(app, tenantId, (tx) => chunks.keyword(tx, [collection.id], query, 5, match));
    return hits.map((h) => collection.documents.get(h.documentId));
  };

  beforeAll(async () => {
    const admin = createPrismaClient(settings.adminDatabase);
    tenantId = (await new TenantRepository().create(admin, { slug: `keyword-${Date.now()}`, name: 'Keyword' })).id;
    await admin.$disconnect();
  });
  afterAll(() => app.$disconnect());

  it("finds a question's document though most of its words are not in it, best match first", async () => {
    const english = await collectionWith('english');
    // "which", "does", "the" are stop words; "database", "billing", "prefer" match.
    expect((await search(english, 'Which database does the billing service prefer?'))[0]).toBe('billing');
    // Strict mode still asks for every meaningful word.
    expect(await search(english, 'Which database does the billing service prefer for refunds?', 'all')).toEqual([]);
    expect(await search(english, 'Which database does the billing service prefer?', 'all')).toEqual(['billing']);
    expect(await search(english, '"billing database"', 'all')).toEqual([]);
  });

  it('matches other forms of a word under english (plural, tense), not under simple', async () => {
    const english = await collectionWith('english');
    const simple = await collectionWith('simple');
    expect((await search(english, 'how do I get a refund after cancelling?'))[0]).toBe('refunds');
    expect((await search(english, 'employee laptops'))[0]).toBe('onboarding');
    expect(await search(simple, 'employee laptops')).toEqual([]);
    expect(await search(simple, 'employees laptop')).toEqual(['onboarding']);
    // Only stop words: nothing to look for, so nothing is found (not everything).
    expect(await search(english, 'what is it that they do?')).toEqual([]);
    expect(await search(simple, 'what is it that they do?')).toEqual([]);
  });

  it('weighs a rare term above a frequent one (BM25), whatever the order of the words', async () => {
    const english = await collectionWith('english');
    // "service" is in two passages (four times in one); "ledger" only in billing.
    expect((await search(english, 'service ledger'))[0]).toBe('billing');
    expect((await search(english, 'ledger service'))[0]).toBe('billing');
  });

  it("rebuilds a collection's keyword entries when its language changes", async () => {
    const collection = await collectionWith('simple');
    expect(await search(collection, 'employee laptops')).toEqual([]);
    await inTenantTransaction(app, tenantId, async (tx) => {
      await new CollectionRepository().update(tx, collection.id, { language: 'english' });
      await chunks.setLanguage(tx, collection.id, 'english');
    });
    expect(await search(collection, 'employee laptops')).toEqual(['onboarding']);
  });

  it('still ranks the best chunks first when a term is in thousands of chunks (the candidate set is bounded)', async () => {
    // More chunks per term than the search scores (2,000): "weekly" and "report" in
    // 2,100 chunks, "report" alone in 400 more, and one chunk with the rare "quarterly".
    const texts = [
      ...Array.from({ length: 2_100 }, (_, i) => `Status note ${i}: the weekly report is filed.`),
      ...Array.from({ length: 400 }, (_, i) => `Archive entry ${i}: a report was filed.`),
      'The quarterly report goes to the board.',
    ];
    const collection = await inTenantTransaction(app, tenantId, async (tx) => {
      const created = await new CollectionRepository().create(tx, tenantId, {
        name: 'kw-large',
        description: '',
        embeddingModel: 'test',
        embeddingDimensions: 3,
        language: 'english',
      });
      const document = await new DocumentRepository().create(
        tx,
        {
          tenantId,
          collectionId: created.id,
          title: 'notes',
          sourceType: 'text',
          contentHash: 'kw-large',
          sizeBytes: 1,
          jobId: '00000000-0000-4000-8000-000000000000',
        },
        Buffer.from('notes'),
      );
      await chunks.replaceForDocument(
        tx,
        { tenantId, documentId: document.id, collectionId: created.id, dimensions: 3 },
        texts.map((text, position) => ({
          position,
          text,
          startOffset: 0,
          endOffset: text.length,
          headingPath: [],
          tokenCount: text.split(' ').length,
          embedding: [1, 0, 0],
        })),
      );
      return created;
    });
    const top = async (query: string) =>
      (await inTenantTransaction(app, tenantId, (tx) => chunks.keyword(tx, [collection.id], query, 5))).map(
        (hit) => hit.text,
      );
    expect((await top('quarterly weekly report'))[0]).toBe('The quarterly report goes to the board.');
    // Only common terms: the chunks holding both come before those holding one.
    const both = await top('weekly report');
    expect(both).toHaveLength(5);
    for (const text of both) expect(text).toMatch(/weekly report/);
    expect((await top('archive report'))[0]).toMatch(/^Archive entry/);
  });
});
