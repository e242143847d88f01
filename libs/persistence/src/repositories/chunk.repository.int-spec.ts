import { adminDatabaseConfig, databaseConfig, loadSettings } from '@copilot/config';
import { Prisma } from '../generated/prisma/client';
import { createPrismaClient } from '../lib/prisma.service';
import { inTenantTransaction } from '../lib/tenant-transaction';
import { ChunkRepository, type NewChunk } from './chunk.repository';
import { CollectionRepository } from './collection.repository';
import { DocumentRepository } from './document.repository';
import { TenantRepository } from './tenant.repository';

// A deterministic pseudo-random generator, so the corpus is the same on every run.
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Clustered unit vectors: texts on a few hundred topics, as real embeddings are, not uniform noise. */
function corpus(size: number, dims: number, seed = 7): number[][] {
  const random = generator(seed);
  const centres = Array.from({ length: 200 }, () => Array.from({ length: dims }, () => random() - 0.5));
  return Array.from({ length: size }, () => {
    const centre = centres[Math.floor(random() * centres.length)]!;
    const v = centre.map((x) => x + (random() - 0.5) * 0.6);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

describe(ChunkRepository.name, () => {
  const settings = loadSettings('api', [databaseConfig, adminDatabaseConfig] as const);
  const app = createPrismaClient(settings.database);
  const chunks = new ChunkRepository();
  let tenantId: string;
  let collectionId: string;
  const vectors = corpus(3_000, 384);

  beforeAll(async () => {
    const admin = createPrismaClient(settings.adminDatabase);
    tenantId = (await new TenantRepository().create(admin, { slug: `recall-${Date.now()}`, name: 'Recall' })).id;
    await admin.$disconnect();
    collectionId = await inTenantTransaction(app, tenantId, async (tx) => {
      const collection = await new CollectionRepository().create(tx, tenantId, {
        name: 'recall',
        description: '',
        embeddingModel: 'test',
        embeddingDimensions: 384,
      });
      return collection.id;
    });
    // One transaction per document, as ingest does.
    const documents = new DocumentRepository();
    for (let d = 0; d < 30; d++) {
      await inTenantTransaction(app, tenantId, async (tx) => {
        const document = await documents.create(
          tx,
          {
            tenantId,
            collectionId,
            title: `doc ${d}`,
            sourceType: 'text',
            contentHash: `hash-${d}`,
            sizeBytes: 1,
            jobId: '00000000-0000-4000-8000-000000000000',
          },
          Buffer.from('x'),
        );
        const rows: NewChunk[] = vectors.slice(d * 100, d * 100 + 100).map((embedding, i) => ({
          position: i,
          text: `chunk ${d}-${i}`,
          startOffset: 0,
          endOffset: 1,
          headingPath: ['Part', `Section ${i}`],
          tokenCount: 3,
          embedding,
        }));
        await chunks.replaceForDocument(tx, { tenantId, documentId: document.id, collectionId, dimensions: 384 }, rows);
      });
    }
    // Fresh statistics, as autovacuum would have them: the planner's choice is the point.
    const owner = createPrismaClient(settings.adminDatabase);
    await owner.$executeRawUnsafe('ANALYZE chunks');
    await owner.$disconnect();
  }, 120_000);
  afterAll(() => app.$disconnect());

  it('finds through the HNSW index at least 95% of the exact top 10 (recall@10)', async () => {
    const queries = corpus(50, 384, 99);
    let found = 0;
    await inTenantTransaction(app, tenantId, async (tx) => {
      // The repository's own statement, as it is sent: planned on the HNSW index.
      const plan = await tx.$queryRaw<{ 'QUERY PLAN': string }[]>(
        Prisma.sql`EXPLAIN ${chunks.nearestQuery([collectionId], queries[0]!, 10)}`,
      );
      expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/chunks_embedding_384_idx/);
      for (const query of queries) {
        const approximate = new Set((await chunks.nearest(tx, [collectionId], query, 10)).map((h) => h.chunkId));
        const exact = await chunks.nearestExact(tx, [collectionId], query, 10);
        found += exact.filter((h) => approximate.has(h.chunkId)).length;
      }
    });
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.95);
  });

  it('finds chunks by keyword through the full-text index, and only in the transaction tenant', async () => {
    const owner = createPrismaClient(settings.adminDatabase);
    const indexScans = async () => {
      await owner.$executeRawUnsafe('SELECT pg_stat_clear_snapshot()');
      const [row] = await owner.$queryRawUnsafe<{ scans: bigint }[]>(
        `SELECT idx_scan AS scans FROM pg_stat_user_indexes WHERE indexrelname = 'chunks_tsv_idx'`,
      );
      return Number(row!.scans);
    };
    try {
      const before = await indexScans();
      const hits = await inTenantTransaction(app, tenantId, async (tx) => {
        // The repository's own statement: its hits are joined to chunks by primary key,
        // not by reading every chunk of the tenant.
        const plan = await tx.$queryRaw<{ 'QUERY PLAN': string }[]>(
          Prisma.sql`EXPLAIN ${chunks.keywordQuery([collectionId], '"chunk 12-7"', 5, 'all')}`,
        );
        const lines = plan.map((row) => row['QUERY PLAN']).join('\n');
        expect(lines).toMatch(/Index Scan using chunks_pkey on chunks/);
        expect(lines).not.toMatch(/Seq Scan on chunks|Bitmap Heap Scan on chunks/);
        const found = await chunks.keyword(tx, [collectionId], '"chunk 12-7"', 5, 'all');
        await tx.$executeRawUnsafe('SELECT pg_stat_force_next_flush()'); // counters visible at commit
        return found;
      });
      expect(hits.map((h) => h.text)).toEqual(['chunk 12-7']);
      expect(await indexScans()).toBeGreaterThan(before);

      // Another tenant, or no tenant at all, finds nothing of it.
      const other = (await new TenantRepository().create(owner, { slug: `kw-${Date.now()}`, name: 'Other' })).id;
      const theirs = await inTenantTransaction(app, other, (tx) => chunks.keyword(tx, [collectionId], 'chunk', 5));
      expect(theirs).toEqual([]);
      const none = await app.$transaction((tx) => chunks.keyword(tx as never, [collectionId], 'chunk', 5));
      expect(none).toEqual([]);
    } finally {
      await owner.$disconnect();
    }
  });

  it('keeps heading paths, and finds chunks by keyword', async () => {
    const hits = await inTenantTransaction(app, tenantId, (tx) =>
      chunks.keyword(tx, [collectionId], '"chunk 7-42"', 5, 'all'),
    );
    expect(hits[0]).toMatchObject({ text: 'chunk 7-42', headingPath: ['Part', 'Section 42'], title: 'doc 7' });
  });
});
