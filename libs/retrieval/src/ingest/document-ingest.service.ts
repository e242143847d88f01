import { Inject, Injectable } from '@nestjs/common';
import { EGRESS_RULES, type EgressRules } from '@copilot/egress';
import {
  ChunkRepository,
  CollectionRepository,
  type DocumentStage,
  DocumentRepository,
  JobRepository,
  TenantTransactions,
} from '@copilot/persistence';
import { LlmError } from '@copilot/llm';
import { JobEventWriter, type JobOf } from '@copilot/queues';
import { EmbedderRegistry } from '../embedding/embedder-registry';
import { fetchDocument, UrlFetchError } from '../fetching';
import { IngestThreadFailure, IngestThreadPool } from '../isolation/ingest-thread-pool';
import { KNOWLEDGE_OPTIONS, type KnowledgeSettings } from '../knowledge/knowledge-options';
import { DocumentLimitError, DocumentParseError, type Embedder } from '../retrieval-types';
import type { PreparedDocument } from './prepare-document';

type Payload = JobOf<'document.ingest'>;

/** Runs of one ingest job (redeliveries, stale-job recovery) before the document is failed for good. */
const MAX_RUNS = 5;

/** Chunks embedded per call: progress moves in steps this size, and one failed call costs little. */
const EMBED_BATCH = 32;

/**
 * Stages a run is in while its document is parsed. A third run that finds the
 * document left there by the last one means the worker process itself died twice
 * parsing it (what the ingest thread's limits cannot catch): the document is failed.
 */
const PARSING_STAGES: readonly DocumentStage[] = ['parsing', 'chunking'];

const DOCUMENT_DELETED = { reason: 'document_deleted', message: 'the document was deleted before it was indexed' };

/** A failure that is the document's, not the platform's: reported on the document, not retried. */
class IngestFailure extends Error {
  constructor(
    readonly reason: string,
    message: string,
    /** The setting (or fixed rule) the document was over, when that is why. */
    readonly limit?: string,
  ) {
    super(message);
  }
}

type Outcome = { chunks: number } | { skipped: string } | { failed: string } | { cancelled: string };

/**
 * The worker side of ingest: fetch (URLs), parse, chunk, embed, and swap the
 * document's chunks in one transaction. Each stage is visible on the document
 * and as a job event. A bad file fails its document with a reason; platform
 * errors (database, embeddings provider) are retried by the queue.
 */
@Injectable()
export class DocumentIngestService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly jobs: JobRepository,
    private readonly documents: DocumentRepository,
    private readonly collections: CollectionRepository,
    private readonly chunks: ChunkRepository,
    private readonly embedders: EmbedderRegistry,
    private readonly events: JobEventWriter,
    private readonly threads: IngestThreadPool,
    @Inject(KNOWLEDGE_OPTIONS) private readonly settings: KnowledgeSettings,
    @Inject(EGRESS_RULES) private readonly egress: EgressRules,
  ) {}

  async run(payload: Payload, signal?: AbortSignal): Promise<Outcome> {
    const { tenantId, jobId, documentId } = payload;
    const started = await this.transactions.run(tenantId, async (tx) => {
      const job = await this.jobs.start(tx, jobId);
      if (!job) return null;
      const document = await this.documents.findById(tx, documentId);
      const collection = document ? await this.collections.findById(tx, document.collectionId) : null;
      return document && collection ? { document, collection, attempts: job.attempts } : ('deleted' as const);
    });
    if (!started) return { skipped: 'job already ended' };
    if (started === 'deleted') return this.cancelDeleted(payload);
    const { document, collection, attempts } = started;
    if (attempts > MAX_RUNS) {
      await this.fail(payload, 'too_many_attempts', `ingest was started ${attempts} times without ending; giving up`);
      return { failed: 'too_many_attempts' };
    }
    if (attempts > 2 && PARSING_STAGES.includes(document.stage as DocumentStage)) {
      await this.fail(payload, 'parser_crashed', 'the worker stopped while parsing this document, twice; giving up');
      return { failed: 'parser_crashed' };
    }
    try {
      await this.stage(payload, 'parsing', 5);
      const source = await this.source(payload, document.sourceUrl, signal);
      const parsed = await this.prepare(payload, source);
      const pieces = parsed.chunks;
      if (pieces.length === 0) throw new IngestFailure('empty', 'the document has no text to index');

      await this.stage(payload, 'embedding', 30);
      const embedder = await this.embedders.for(tenantId, collection.embeddingModel, collection.embeddingDimensions);
      const embeddings: number[][] = [];
      for (let i = 0; i < pieces.length; i += EMBED_BATCH) {
        embeddings.push(
          ...(await embedOrFail(
            embedder,
            pieces.slice(i, i + EMBED_BATCH).map((p) => p.text),
            signal,
          )),
        );
        await this.stage(
          payload,
          'embedding',
          30 + Math.floor((65 * Math.min(i + EMBED_BATCH, pieces.length)) / pieces.length),
        );
      }
      await this.transactions.run(tenantId, async (tx) => {
        await this.chunks.replaceForDocument(
          tx,
          { tenantId, documentId, collectionId: collection.id, dimensions: collection.embeddingDimensions },
          pieces.map((p, i) => ({
            position: p.index,
            text: p.text,
            startOffset: p.start,
            endOffset: p.end,
            headingPath: p.headingPath,
            tokenCount: p.tokenCount,
            embedding: embeddings[i]!,
          })),
        );
        await this.documents.markIndexed(
          tx,
          documentId,
          pieces.length,
          document.sourceType === 'file' ? parsed.title : null,
        );
        await this.jobs.finish(tx, jobId, { status: 'succeeded', result: { documentId, chunks: pieces.length } });
      });
      await this.events.append(jobId, 'done', {
        status: 'succeeded',
        stage: 'indexed',
        documentId,
        chunks: pieces.length,
      });
      return { chunks: pieces.length };
    } catch (error) {
      // Deleted while it was being ingested, whatever failed then (no source, a stage update, the chunk swap).
      if (await this.isDeleted(payload)) return this.cancelDeleted(payload);
      if (!(error instanceof IngestFailure)) throw error;
      await this.fail(payload, error.reason, error.message, error.limit);
      return { failed: error.reason };
    }
  }

  /** Ends the document and its job `failed` with a reason (also after the last retry of a platform error). */
  async fail(payload: Payload, reason: string, message: string, limit?: string): Promise<void> {
    const error = { reason, message, ...(limit ? { limit } : {}) };
    await this.transactions.run(payload.tenantId, async (tx) => {
      await this.documents.setStage(tx, payload.documentId, 'failed', { error });
      await this.jobs.finish(tx, payload.jobId, { status: 'failed', error });
    });
    await this.events.append(payload.jobId, 'error', { status: 'failed', stage: 'failed', ...error });
  }

  /**
   * Parsing and chunking in an ingest thread, off this event loop, under the time,
   * heap and document limits; a document over one fails with the limit's reason.
   */
  private async prepare(
    payload: Payload,
    source: { bytes: Buffer; mediaType: string; filename?: string | null },
  ): Promise<PreparedDocument> {
    let chunking: Promise<void> | undefined;
    try {
      return await this.threads.prepare(
        {
          bytes: source.bytes,
          mediaType: source.mediaType,
          filename: source.filename ?? undefined,
          limits: this.settings.parseLimits,
          chunking: { ...this.settings.chunking, maxDocumentTokens: this.settings.maxDocumentTokens },
        },
        () => {
          chunking = this.stage(payload, 'chunking', 20);
          chunking.catch(() => undefined); // awaited below; this only keeps it from being unhandled meanwhile
        },
      );
    } catch (error) {
      if (error instanceof DocumentLimitError || error instanceof IngestThreadFailure) {
        throw new IngestFailure(error.reason, error.message, error.limit);
      }
      if (error instanceof DocumentParseError) throw new IngestFailure('unreadable', error.message);
      throw error;
    } finally {
      await chunking;
    }
  }

  private async isDeleted(payload: Payload): Promise<boolean> {
    const document = await this.transactions.run(payload.tenantId, (tx) =>
      this.documents.findById(tx, payload.documentId),
    );
    return document === null;
  }

  /** A job whose document is gone ends `cancelled` at once, with its stream's final event. */
  private async cancelDeleted(payload: Payload): Promise<{ cancelled: string }> {
    await this.transactions.run(payload.tenantId, (tx) =>
      this.jobs.finish(tx, payload.jobId, { status: 'cancelled', error: DOCUMENT_DELETED }),
    );
    await this.events.append(payload.jobId, 'done', {
      status: 'cancelled',
      documentId: payload.documentId,
      ...DOCUMENT_DELETED,
    });
    return { cancelled: DOCUMENT_DELETED.reason };
  }

  private async stage(payload: Payload, stage: DocumentStage, progress: number): Promise<void> {
    await this.transactions.run(payload.tenantId, (tx) =>
      this.documents.setStage(tx, payload.documentId, stage, { progress }),
    );
    await this.events.append(payload.jobId, 'status', { status: 'running', stage, progress });
  }

  /** The stored bytes, or (URL documents) a fetch under the egress policy that refuses oversize bodies and slow servers. */
  private async source(payload: Payload, url: string | null, signal?: AbortSignal) {
    const document = await this.transactions.run(payload.tenantId, async (tx) => ({
      bytes: await this.documents.sourceOf(tx, payload.documentId),
      row: await this.documents.findById(tx, payload.documentId),
    }));
    if (document.bytes)
      return {
        bytes: document.bytes,
        mediaType: document.row?.mediaType ?? 'text/plain',
        filename: document.row?.filename,
      };
    if (!url) throw new IngestFailure('no_content', 'the document has no content');
    try {
      const fetched = await fetchDocument(url, {
        maxBytes: this.settings.maxDocumentBytes,
        timeoutMs: this.settings.urlFetchTimeoutMs,
        rules: this.egress,
        signal,
      });
      await this.transactions.run(payload.tenantId, (tx) =>
        this.documents.describeFetched(tx, payload.documentId, {
          mediaType: fetched.mediaType,
          filename: fetched.filename,
          sizeBytes: fetched.bytes.length,
        }),
      );
      return { bytes: fetched.bytes, mediaType: fetched.mediaType, filename: fetched.filename };
    } catch (error) {
      if (error instanceof UrlFetchError) throw new IngestFailure(`fetch_${error.reason}`, error.message);
      throw error;
    }
  }
}

/**
 * Embeds one batch. A failure retrying cannot mend (a refused endpoint, a rejected key,
 * a bad model) is the document's: it fails now, with its reason, instead of five runs.
 */
async function embedOrFail(embedder: Embedder, texts: string[], signal?: AbortSignal): Promise<number[][]> {
  try {
    return await embedder.embed(texts, signal);
  } catch (error) {
    if (error instanceof LlmError && !error.retryable && error.kind !== 'cancelled') {
      throw new IngestFailure(`embedding_${error.kind}`, error.message);
    }
    throw error;
  }
}
