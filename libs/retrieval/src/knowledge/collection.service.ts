import { Inject, Injectable } from '@nestjs/common';
import { NotFound } from '@copilot/errors';
import { AuditLog, type AuthContext } from '@copilot/auth';
import {
  ChunkRepository,
  type Collection,
  CollectionRepository,
  DocumentRepository,
  type Page,
  TenantTransactions,
} from '@copilot/persistence';
import { EmbedderRegistry } from '../embedding/embedder-registry';
import { DEFAULT_TEXT_SEARCH_LANGUAGE } from '../search/text-search-languages';
import { DocumentService } from './document.service';
import { KNOWLEDGE_OPTIONS, type KnowledgeSettings } from './knowledge-options';

/** Knowledge bases, each embedded with one model. */
@Injectable()
export class CollectionService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly collections: CollectionRepository,
    private readonly embedders: EmbedderRegistry,
    private readonly audit: AuditLog,
    private readonly documents: DocumentRepository,
    private readonly chunks: ChunkRepository,
    private readonly ingest: DocumentService,
    @Inject(KNOWLEDGE_OPTIONS) private readonly settings: KnowledgeSettings,
  ) {}

  async create(
    actor: AuthContext,
    input: { name: string; description: string; embeddingModel?: string; language?: string },
    requestId?: string,
  ): Promise<Collection> {
    const embeddingModel = input.embeddingModel ?? this.settings.defaultEmbeddingModel;
    const embeddingDimensions = this.embedders.dimensionsOf(embeddingModel);
    // The platform's default too: a collection nobody can search is refused either way.
    await this.embedders.assertUsable(actor.tenantId, embeddingModel);
    return this.transactions.run(actor.tenantId, async (tx) => {
      const collection = await this.collections.create(tx, actor.tenantId, {
        name: input.name,
        description: input.description,
        embeddingModel,
        embeddingDimensions,
        language: input.language ?? DEFAULT_TEXT_SEARCH_LANGUAGE,
      });
      await this.audit.record(
        tx,
        actor,
        'collection.created',
        { type: 'collection', id: collection.id },
        { requestId },
      );
      return collection;
    });
  }

  async get(tenantId: string, id: string): Promise<Collection> {
    const collection = await this.transactions.run(tenantId, (tx) => this.collections.findById(tx, id));
    if (!collection) throw new NotFound('collection', id);
    return collection;
  }

  list(tenantId: string, page: { limit: number; cursor?: string }): Promise<Page<Collection>> {
    return this.transactions.run(tenantId, (tx) => this.collections.list(tx, page));
  }

  /**
   * A new embedding model re-embeds the collection in the background: every idle
   * document is ingested again, and its chunks are swapped when its new vectors
   * are ready (until then it is found by keyword only). A new language rebuilds
   * the chunks' keyword index entries in the same transaction.
   */
  async update(
    actor: AuthContext,
    id: string,
    fields: { name?: string; description?: string; embeddingModel?: string; language?: string },
    requestId?: string,
  ): Promise<Collection> {
    const { embeddingModel, ...rest } = fields;
    const embedding = embeddingModel
      ? { embeddingModel, embeddingDimensions: this.embedders.dimensionsOf(embeddingModel) }
      : {};
    if (embeddingModel) await this.embedders.assertUsable(actor.tenantId, embeddingModel);
    const { collection, reembed } = await this.transactions.run(actor.tenantId, async (tx) => {
      const before = await this.collections.findById(tx, id);
      if (!before) throw new NotFound('collection', id);
      const collection = (await this.collections.update(tx, id, { ...rest, ...embedding }))!;
      if (fields.language !== undefined && fields.language !== before.language) {
        await this.chunks.setLanguage(tx, id, fields.language);
        await this.audit.record(
          tx,
          actor,
          'collection.language_changed',
          { type: 'collection', id },
          { requestId, metadata: { from: before.language, to: fields.language } },
        );
      }
      const changed = embeddingModel !== undefined && embeddingModel !== before.embeddingModel;
      if (changed) {
        await this.audit.record(
          tx,
          actor,
          'collection.embedding_model_changed',
          { type: 'collection', id },
          {
            requestId,
            metadata: { from: before.embeddingModel, to: embeddingModel },
          },
        );
      }
      return { collection, reembed: changed ? await this.documents.idleIds(tx, id) : [] };
    });
    for (const documentId of reembed) await this.ingest.retry(actor.tenantId, documentId, requestId);
    return collection;
  }

  delete(actor: AuthContext, id: string, requestId?: string): Promise<void> {
    return this.transactions.run(actor.tenantId, async (tx) => {
      if (!(await this.collections.delete(tx, id))) throw new NotFound('collection', id);
      await this.audit.record(tx, actor, 'collection.deleted', { type: 'collection', id }, { requestId });
    });
  }
}
