import { Injectable } from '@nestjs/common';
import { type Document, Prisma } from '../generated/prisma/client';
import { NEWEST_FIRST, olderThan, type Page, toPage } from '../lib/cursor';
import { isUniqueViolation } from '../lib/database-errors';
import type { Tx } from '../lib/tenant-transaction';

export type DocumentStage = 'queued' | 'parsing' | 'chunking' | 'embedding' | 'indexed' | 'failed';

export interface NewDocument {
  tenantId: string;
  collectionId: string;
  title: string;
  sourceType: 'file' | 'text' | 'url';
  sourceUrl?: string | null;
  filename?: string | null;
  mediaType?: string | null;
  contentHash: string;
  sizeBytes: number;
  jobId: string;
  metadata?: DocumentMetadata;
}

/** Key/values a document is uploaded with, for search filters. */
export type DocumentMetadata = Record<string, string | number | boolean>;

/** Which documents a search may return; every given field must hold (lists: any of their values). */
export interface DocumentFilter {
  documentIds?: string[];
  titles?: string[];
  contentTypes?: string[];
  createdAfter?: Date;
  createdBefore?: Date;
  /** Each key must have the value, or one of the values of a list. */
  metadata?: Record<string, string | number | boolean | (string | number | boolean)[]>;
}

/** The collection already has a document with these contents: a concurrent upload of them committed first. */
export class DuplicateDocumentError extends Error {
  override readonly name = 'DuplicateDocumentError';
}

@Injectable()
export class DocumentRepository {
  /** With its bytes (null for a URL, fetched by the worker). Throws DuplicateDocumentError. */
  async create(tx: Tx, document: NewDocument, bytes: Buffer | null): Promise<Document> {
    const created = await tx.document.create({ data: document }).catch((error: unknown) => {
      // (collection_id, content_hash) is the only unique key besides the random id.
      if (isUniqueViolation(error)) {
        throw new DuplicateDocumentError('the collection already has a document with this content', { cause: error });
      }
      throw error;
    });
    if (bytes) {
      await tx.documentSource.create({
        data: { documentId: created.id, tenantId: document.tenantId, bytes: new Uint8Array(bytes) },
      });
    }
    return created;
  }

  /**
   * Ids of the documents of the collections that pass the filter, each condition on
   * an index of documents (see the search filters migration); metadata by JSON
   * containment, which the GIN index serves.
   */
  async idsMatching(tx: Tx, collectionIds: string[], filter: DocumentFilter): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>(this.idsMatchingQuery(collectionIds, filter));
    return rows.map((r) => r.id);
  }

  /** The statement behind `idsMatching` (exposed so a test can check its plan). */
  idsMatchingQuery(collectionIds: string[], filter: DocumentFilter): Prisma.Sql {
    const conditions: Prisma.Sql[] = [Prisma.sql`collection_id = ANY(${collectionIds}::uuid[])`];
    if (filter.documentIds) conditions.push(Prisma.sql`id = ANY(${filter.documentIds}::uuid[])`);
    if (filter.titles) conditions.push(Prisma.sql`title = ANY(${filter.titles}::text[])`);
    if (filter.contentTypes) conditions.push(Prisma.sql`media_type = ANY(${filter.contentTypes}::text[])`);
    if (filter.createdAfter) conditions.push(Prisma.sql`created_at >= ${filter.createdAfter}`);
    if (filter.createdBefore) conditions.push(Prisma.sql`created_at < ${filter.createdBefore}`);
    const metadata = Object.entries(filter.metadata ?? {}).map(([key, wanted]) =>
      (Array.isArray(wanted) ? wanted : [wanted]).map((value) => ({ [key]: value })),
    );
    // Through app_documents_with_metadata, which can use the GIN index (see its migration).
    if (metadata.length > 0)
      conditions.push(
        Prisma.sql`id IN (SELECT app_documents_with_metadata(${collectionIds}::uuid[], ${JSON.stringify(metadata)}::jsonb))`,
      );
    return Prisma.sql`SELECT id FROM documents WHERE ${Prisma.join(conditions, ' AND ')}`;
  }

  findById(tx: Tx, id: string): Promise<Document | null> {
    return tx.document.findUnique({ where: { id } });
  }

  findByHash(tx: Tx, collectionId: string, contentHash: string): Promise<Document | null> {
    return tx.document.findUnique({ where: { collectionId_contentHash: { collectionId, contentHash } } });
  }

  async list(tx: Tx, collectionId: string, page: { limit: number; cursor?: string }): Promise<Page<Document>> {
    const rows = await tx.document.findMany({
      where: { collectionId, ...olderThan(page.cursor) },
      orderBy: NEWEST_FIRST,
      take: page.limit + 1,
    });
    return toPage(rows, page.limit);
  }

  /** Ids of a collection's documents that are not being ingested right now. */
  async idleIds(tx: Tx, collectionId: string): Promise<string[]> {
    const rows = await tx.document.findMany({
      where: { collectionId, stage: { in: ['indexed', 'failed'] } },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  async sourceOf(tx: Tx, documentId: string): Promise<Buffer | null> {
    const source = await tx.documentSource.findUnique({ where: { documentId } });
    return source ? Buffer.from(source.bytes) : null;
  }

  async setStage(
    tx: Tx,
    id: string,
    stage: DocumentStage,
    extra: { progress?: number; error?: Prisma.InputJsonObject | null; jobId?: string } = {},
  ): Promise<void> {
    await tx.document.update({
      where: { id },
      data: {
        stage,
        progress: extra.progress ?? (stage === 'indexed' ? 100 : undefined),
        ...(extra.error !== undefined ? { error: extra.error ?? Prisma.DbNull } : {}),
        ...(extra.jobId ? { jobId: extra.jobId } : {}),
      },
    });
  }

  /** After a fetch: what the URL turned out to hold. */
  async describeFetched(
    tx: Tx,
    id: string,
    fetched: { mediaType: string; filename?: string; sizeBytes: number },
  ): Promise<void> {
    await tx.document.update({
      where: { id },
      data: { mediaType: fetched.mediaType, filename: fetched.filename ?? null, sizeBytes: fetched.sizeBytes },
    });
  }

  async markIndexed(tx: Tx, id: string, chunkCount: number, title?: string | null): Promise<void> {
    await tx.document.update({
      where: { id },
      data: {
        stage: 'indexed',
        progress: 100,
        error: Prisma.DbNull,
        chunkCount,
        indexedAt: new Date(),
        ...(title ? { title } : {}),
      },
    });
  }

  /** Its chunks go with it. */
  async delete(tx: Tx, id: string): Promise<boolean> {
    return (await tx.document.deleteMany({ where: { id } })).count === 1;
  }
}
