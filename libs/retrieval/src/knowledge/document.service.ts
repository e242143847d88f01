import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { NotFound, Conflict, TooLarge } from '@copilot/errors';
import {
  CollectionRepository,
  type Document,
  type DocumentMetadata,
  DocumentRepository,
  DuplicateDocumentError,
  type Job,
  JobRepository,
  type Page,
  TenantTransactions,
} from '@copilot/persistence';
import { JobDispatcher, type JobOf, QUEUE } from '@copilot/queues';
import { KNOWLEDGE_OPTIONS, type KnowledgeSettings } from './knowledge-options';

export type DocumentInput = (
  | { kind: 'file'; bytes: Buffer; filename?: string; mediaType?: string; title?: string }
  | { kind: 'text'; text: string; title: string }
  | { kind: 'url'; url: string; title?: string }
) & { metadata?: DocumentMetadata };

export interface AcceptedDocument {
  document: Document;
  job: Job | null;
  /** The same content was already in the collection: nothing new was created. */
  duplicate: boolean;
}

/**
 * The request side of ingest: store the document (and its bytes) with an ingest
 * job in one transaction, enqueue after commit; the relay covers a failed enqueue.
 */
@Injectable()
export class DocumentService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly collections: CollectionRepository,
    private readonly documents: DocumentRepository,
    private readonly jobs: JobRepository,
    private readonly dispatcher: JobDispatcher,
    @Inject(KNOWLEDGE_OPTIONS) private readonly settings: KnowledgeSettings,
  ) {}

  async accept(
    tenantId: string,
    collectionId: string,
    input: DocumentInput,
    requestId?: string,
  ): Promise<AcceptedDocument> {
    const bytes = input.kind === 'file' ? input.bytes : input.kind === 'text' ? Buffer.from(input.text, 'utf8') : null;
    if (bytes && bytes.length > this.settings.maxDocumentBytes) {
      throw new TooLarge(
        'document-too-large',
        'Document too large',
        `The document has ${bytes.length} bytes; at most ${this.settings.maxDocumentBytes} are accepted.`,
        this.settings.maxDocumentBytes,
      );
    }
    const contentHash = createHash('sha256')
      .update(bytes ?? `url:${(input as { url: string }).url}`)
      .digest('hex');
    const store = () => this.store(tenantId, collectionId, input, contentHash, bytes, requestId);
    // Two uploads of the same contents raced: the loser answers the winner's document, as a later upload would.
    const result = await store().catch((error: unknown) => {
      if (error instanceof DuplicateDocumentError) return store();
      throw error;
    });
    if (!result.duplicate && result.job)
      await this.dispatcher.afterCommit('document.ingest', result.job.payload as JobOf<'document.ingest'>);
    return result;
  }

  private store(
    tenantId: string,
    collectionId: string,
    input: DocumentInput,
    contentHash: string,
    bytes: Buffer | null,
    requestId: string | undefined,
  ): Promise<AcceptedDocument> {
    return this.transactions.run(tenantId, async (tx) => {
      if (!(await this.collections.findById(tx, collectionId))) throw new NotFound('collection', collectionId);
      const existing = await this.documents.findByHash(tx, collectionId, contentHash);
      if (existing) {
        return {
          document: existing,
          job: existing.jobId ? await this.jobs.findById(tx, existing.jobId) : null,
          duplicate: true,
        };
      }
      const jobId = randomUUID();
      const document = await this.documents.create(
        tx,
        {
          tenantId,
          collectionId,
          title:
            input.title ??
            (input.kind === 'file' ? (input.filename ?? 'Untitled') : input.kind === 'url' ? input.url : 'Untitled'),
          sourceType: input.kind,
          sourceUrl: input.kind === 'url' ? input.url : null,
          filename: input.kind === 'file' ? (input.filename ?? null) : null,
          mediaType:
            input.kind === 'file'
              ? (input.mediaType ?? null)
              : input.kind === 'text'
                ? 'text/markdown' // plain text is valid Markdown, and headings then become sections
                : null,
          contentHash,
          sizeBytes: bytes?.length ?? 0,
          jobId,
          metadata: input.metadata ?? {},
        },
        bytes,
      );
      const job = await this.createJob(tx, tenantId, jobId, document.id, requestId);
      return { document, job, duplicate: false };
    });
  }

  async get(tenantId: string, id: string): Promise<Document> {
    const document = await this.transactions.run(tenantId, (tx) => this.documents.findById(tx, id));
    if (!document) throw new NotFound('document', id);
    return document;
  }

  list(tenantId: string, collectionId: string, page: { limit: number; cursor?: string }): Promise<Page<Document>> {
    return this.transactions.run(tenantId, async (tx) => {
      if (!(await this.collections.findById(tx, collectionId))) throw new NotFound('collection', collectionId);
      return this.documents.list(tx, collectionId, page);
    });
  }

  /** Removes the document and its chunks: searches stop finding it at once. */
  async delete(tenantId: string, id: string): Promise<void> {
    const deleted = await this.transactions.run(tenantId, (tx) => this.documents.delete(tx, id));
    if (!deleted) throw new NotFound('document', id);
  }

  /** Runs ingest again for a failed document (or re-ingests an indexed one: its chunks are replaced atomically). */
  async retry(tenantId: string, id: string, requestId?: string): Promise<{ document: Document; job: Job }> {
    const result = await this.transactions.run(tenantId, async (tx) => {
      const document = await this.documents.findById(tx, id);
      if (!document) throw new NotFound('document', id);
      if (!['failed', 'indexed'].includes(document.stage)) {
        throw new Conflict(
          'document-busy',
          'The document is being ingested',
          `Document ${id} is ${document.stage}; retry once it is indexed or failed.`,
        );
      }
      const jobId = randomUUID();
      await this.documents.setStage(tx, id, 'queued', { progress: 0, error: null, jobId });
      const job = await this.createJob(tx, tenantId, jobId, id, requestId);
      return { document: (await this.documents.findById(tx, id))!, job };
    });
    await this.dispatcher.afterCommit('document.ingest', result.job.payload as JobOf<'document.ingest'>);
    return result;
  }

  private createJob(
    tx: Parameters<JobRepository['create']>[0],
    tenantId: string,
    jobId: string,
    documentId: string,
    requestId?: string,
  ) {
    const payload: JobOf<'document.ingest'> = { jobId, tenantId, documentId, ...(requestId ? { requestId } : {}) };
    return this.jobs.create(tx, {
      id: jobId,
      tenantId,
      queue: QUEUE.ingest,
      name: 'document.ingest',
      payload,
      requestId: requestId ?? null,
    });
  }
}
