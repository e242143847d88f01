import { Injectable } from '@nestjs/common';
import { type Document, Prisma } from '../generated/prisma/client';
import { NEWEST_FIRST, olderThan, type Page, toPage } from '../lib/cursor';
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
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
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
