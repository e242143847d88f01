import { Inject, Injectable } from '@nestjs/common';
import { EGRESS_RULES, type EgressRules } from '@copilot/egress';
import {
  ChunkRepository,
  type Collection,
  CollectionRepository,
  type Document,
  type DocumentStage,
  DocumentRepository,
  type Prisma,
  TenantTransactions,
  type Tx,
} from '@copilot/persistence';
import { LlmError } from '@copilot/llm';
import {
  cancelled,
  type EndingOf,
  failed,
  type JobDefinition,
  JobEventWriter,
  type JobOf,
  type JobRun,
  type OutcomeOf,
  succeeded,
} from '@copilot/queues';
import { EmbedderRegistry } from '../embedding/embedder-registry';
import { fetchDocument, UrlFetchError } from '../fetching';
import { IngestThreadFailure, IngestThreadPool } from '../isolation/ingest-thread-pool';
import { KNOWLEDGE_OPTIONS, type KnowledgeSettings } from '../knowledge/knowledge-options';
import { DocumentLimitError, DocumentParseError, type Embedder } from '../retrieval-types';
import type { PreparedDocument } from './prepare-document';

type Payload = JobOf<'document.ingest'>;

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

type Claimed = { document: Document; collection: Collection } | 'deleted';
/** What the ending's transaction swaps in: the chunks and their vectors. */
interface Indexed {
  collection: Collection;
  pieces: PreparedDocument['chunks'];
  embeddings: number[][];
  title: string | null;
}
type Outcome = OutcomeOf<'document.ingest', Indexed>;

/**
 * document.ingest: fetch (URLs), parse, chunk, embed, and swap the document's chunks
 * in with the job's ending, in one transaction. Each stage is visible on the document
 * and as a job event. A bad file fails its document with a reason; platform errors
 * (database, embeddings provider) are retried by the queue. The lifecycle (claim,
 * retries, the ending written once) is JobRunner's.
 */
@Injectable()
export class DocumentIngestService implements JobDefinition<'document.ingest', Claimed, Indexed> {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly documents: DocumentRepository,
    private readonly collections: CollectionRepository,
    private readonly chunks: ChunkRepository,
    private readonly embedders: EmbedderRegistry,
    private readonly events: JobEventWriter,
    private readonly threads: IngestThreadPool,
    @Inject(KNOWLEDGE_OPTIONS) private readonly settings: KnowledgeSettings,
    @Inject(EGRESS_RULES) private readonly egress: EgressRules,
  ) {}

  async claim(tx: Tx, { payload }: { payload: Payload }): Promise<Claimed> {
    const document = await this.documents.findById(tx, payload.documentId);
    const collection = document ? await this.collections.findById(tx, document.collectionId) : null;
    return document && collection ? { document, collection } : 'deleted';
  }

  async run(claimed: Claimed, { payload, row, signal }: JobRun<'document.ingest'>): Promise<Outcome> {
    if (claimed === 'deleted') return deletedOutcome(payload);
    const { document, collection } = claimed;
    if (row.reapCount >= 2 && PARSING_STAGES.includes(document.stage as DocumentStage)) {
      return failed({
        reason: 'parser_crashed',
        message: 'the worker stopped while parsing this document, twice; giving up',
      });
    }
    try {
      await this.stage(payload, 'parsing', 5);
      const source = await this.source(payload, document.sourceUrl, signal);
      const parsed = await this.prepare(payload, source);
      const pieces = parsed.chunks;
      if (pieces.length === 0) throw new IngestFailure('empty', 'the document has no text to index');

      await this.stage(payload, 'embedding', 30);
      const embedder = await this.embedders.for(
        payload.tenantId,
        collection.embeddingModel,
        collection.embeddingDimensions,
      );
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
      return {
        ...succeeded({ documentId: payload.documentId, chunks: pieces.length, stage: 'indexed' as const }),
        local: { collection, pieces, embeddings, title: document.sourceType === 'file' ? parsed.title : null },
      };
    } catch (error) {
      // Deleted while it was being ingested, whatever failed then (no source, a stage update).
      if (await this.isDeleted(payload)) return deletedOutcome(payload);
      if (!(error instanceof IngestFailure)) throw error;
      return failed({ reason: error.reason, message: error.message, ...(error.limit ? { limit: error.limit } : {}) });
    }
  }

  /**
   * In the ending's transaction: an indexed document's chunks are swapped in; a failed
   * one (also after the last retry of a platform error, or the reaper giving up) says
   * why on the document. A document deleted meanwhile ends the job cancelled.
   */
  async record(tx: Tx, payload: Payload, outcome: Outcome): Promise<EndingOf<'document.ingest'> | void> {
    if (outcome.status !== 'succeeded' && outcome.status !== 'failed') return;
    if (!(await this.documents.findById(tx, payload.documentId))) return deletedOutcome(payload);
    if (outcome.status === 'failed') {
      const { stage: _stage, documentId: _documentId, ...error } = outcome.failure;
      await this.documents.setStage(tx, payload.documentId, 'failed', { error: error as Prisma.InputJsonObject });
      return failed({ ...outcome.failure, stage: 'failed' as const });
    }
    const { collection, pieces, embeddings, title } = outcome.local!;
    await this.chunks.replaceForDocument(
      tx,
      {
        tenantId: payload.tenantId,
        documentId: payload.documentId,
        collectionId: collection.id,
        dimensions: collection.embeddingDimensions,
      },
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
    await this.documents.markIndexed(tx, payload.documentId, pieces.length, title);
    return succeeded(outcome.result);
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

/** A job whose document is gone ends `cancelled` at once. */
function deletedOutcome(payload: Payload) {
  return cancelled({ ...DOCUMENT_DELETED, documentId: payload.documentId });
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
