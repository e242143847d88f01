import { adminDatabaseConfig, databaseConfig, loadSettings } from '@copilot/config';
import { Prisma } from '../generated/prisma/client';
import { createPrismaClient } from '../lib/prisma.service';
import { inTenantTransaction } from '../lib/tenant-transaction';
import { CollectionRepository } from './collection.repository';
import { type DocumentFilter, DocumentRepository } from './document.repository';
import { TenantRepository } from './tenant.repository';

// Search filters select documents through indexes, not by reading every document.
describe(`${DocumentRepository.name} search filters`, () => {
  const settings = loadSettings('api', [databaseConfig, adminDatabaseConfig] as const);
  const app = createPrismaClient(settings.database);
  const documents = new DocumentRepository();
  let tenantId: string;
  let collectionId: string;
  const ids: string[] = [];

  beforeAll(async () => {
    const admin = createPrismaClient(settings.adminDatabase);
    tenantId = (await new TenantRepository().create(admin, { slug: `filters-${Date.now()}`, name: 'Filters' })).id;
    await admin.$disconnect();
    await inTenantTransaction(app, tenantId, async (tx) => {
      collectionId = (
        await new CollectionRepository().create(tx, tenantId, {
          name: 'filters',
          description: '',
          embeddingModel: 'test',
          embeddingDimensions: 3,
        })
      ).id;
      for (let i = 0; i < 200; i++) {
        const document = await documents.create(
          tx,
          {
            tenantId,
            collectionId,
            title: `doc ${i}`,
            sourceType: 'text',
            mediaType: i % 2 ? 'text/markdown' : 'application/pdf',
            contentHash: `filter-${i}`,
            sizeBytes: 1,
            jobId: '00000000-0000-4000-8000-000000000000',
            metadata: { team: `team-${i % 10}`, tier: i % 3, pinned: i === 7 },
          },
          null,
        );
        ids.push(document.id);
      }
    });
    // Enough other documents that an index beats reading them all, and fresh statistics,
    // as autovacuum would have them: the planner's own choice is the point.
    const owner = createPrismaClient(settings.adminDatabase);
    await owner.$executeRawUnsafe(
      `INSERT INTO documents (tenant_id, collection_id, title, source_type, media_type, content_hash, job_id, metadata)
       SELECT '${tenantId}', '${collectionId}', 'bulk ' || i, 'text', 'text/plain', 'bulk-' || i,
              '00000000-0000-4000-8000-000000000000', jsonb_build_object('team', 'bulk-' || (i % 500))
       FROM generate_series(1, 5000) AS i`,
    );
    await owner.$executeRawUnsafe('ANALYZE documents');
    await owner.$disconnect();
  });
  afterAll(() => app.$disconnect());

  const matching = (filter: DocumentFilter) =>
    inTenantTransaction(app, tenantId, (tx) => documents.idsMatching(tx, [collectionId], filter));

  it('selects by every field, all given fields together', async () => {
    expect(await matching({ metadata: { pinned: true } })).toEqual([ids[7]]);
    expect((await matching({ metadata: { team: ['team-1', 'team-2'] } })).length).toBe(40);
    expect((await matching({ metadata: { team: 'team-1', tier: 1 } })).length).toBe(7);
    expect((await matching({ contentTypes: ['application/pdf'], titles: ['doc 4', 'doc 5'] })).sort()).toEqual([
      ids[4],
    ]);
    expect(await matching({ documentIds: [ids[3]!, ids[4]!], createdAfter: new Date(Date.now() + 60_000) })).toEqual(
      [],
    );
  });

  it('plans each filter on an index of documents', async () => {
    const plan = (filter: DocumentFilter) =>
      inTenantTransaction(app, tenantId, async (tx) => {
        const rows = await tx.$queryRaw<{ 'QUERY PLAN': string }[]>(
          Prisma.sql`EXPLAIN ${documents.idsMatchingQuery([collectionId], filter)}`,
        );
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    // Metadata is matched inside app_documents_with_metadata, whose plan EXPLAIN does not show: count its index's scans.
    const owner = createPrismaClient(settings.adminDatabase);
    const metadataIndexScans = async () => {
      await owner.$executeRawUnsafe('SELECT pg_stat_clear_snapshot()');
      const [row] = await owner.$queryRawUnsafe<{ scans: bigint }[]>(
        `SELECT idx_scan AS scans FROM pg_stat_user_indexes WHERE indexrelname = 'documents_metadata_idx'`,
      );
      return Number(row!.scans);
    };
    try {
      const before = await metadataIndexScans();
      await inTenantTransaction(app, tenantId, async (tx) => {
        expect(await documents.idsMatching(tx, [collectionId], { metadata: { team: 'team-3' } })).toHaveLength(20);
        await tx.$executeRawUnsafe('SELECT pg_stat_force_next_flush()'); // counters visible at commit
      });
      expect(await metadataIndexScans()).toBeGreaterThan(before);
    } finally {
      await owner.$disconnect();
    }
    expect(await plan({ titles: ['doc 3'] })).toMatch(/documents_collection_id_title_idx/);
    expect(await plan({ contentTypes: ['text/markdown'] })).toMatch(/documents_collection_id_media_type_idx/);
  });
});
