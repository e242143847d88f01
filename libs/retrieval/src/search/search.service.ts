import { Injectable, NotFoundException } from '@nestjs/common';
import {
  ChunkRepository,
  type ChunkHit,
  type Collection,
  CollectionRepository,
  type DocumentFilter,
  DocumentRepository,
  type KeywordMatch,
  TenantTransactions,
} from '@copilot/persistence';
import { EmbedderRegistry } from '../embedding/embedder-registry';
import { reciprocalRankFusion } from './reciprocal-rank-fusion';

export type SearchMode = 'hybrid' | 'vector' | 'keyword';

export interface SearchRequest {
  query: string;
  /** None: every collection of the tenant. */
  collectionIds?: string[];
  mode: SearchMode;
  topK: number;
  /** The keyword half: any meaningful term, BM25-ranked (default), or every word (strict web-search syntax). */
  keywordMatch?: KeywordMatch;
  /** Only chunks of the documents that pass it. */
  filter?: DocumentFilter;
}

/** Candidates each retriever brings to the fusion: more than topK, so fusion has something to choose from. */
const CANDIDATES_PER_RETRIEVER = 4;

/**
 * Search over a tenant's collections: vector (cosine, HNSW), keyword (full text),
 * or hybrid (both, fused by reciprocal rank). Row level security keeps every
 * query inside the tenant.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly collections: CollectionRepository,
    private readonly chunks: ChunkRepository,
    private readonly documents: DocumentRepository,
    private readonly embedders: EmbedderRegistry,
  ) {}

  async search(tenantId: string, request: SearchRequest): Promise<ChunkHit[]> {
    const collections = await this.transactions.run(tenantId, (tx) =>
      request.collectionIds ? this.collections.findMany(tx, request.collectionIds) : this.collections.all(tx),
    );
    const missing = (request.collectionIds ?? []).filter((id) => !collections.some((c) => c.id === id));
    if (missing.length > 0) throw new NotFoundException(`No collection ${missing.join(', ')}.`);
    if (collections.length === 0) return [];
    const documentIds = request.filter
      ? await this.transactions.run(tenantId, (tx) =>
          this.documents.idsMatching(
            tx,
            collections.map((c) => c.id),
            request.filter!,
          ),
        )
      : undefined;
    if (documentIds?.length === 0) return [];
    const depth = request.mode === 'hybrid' ? request.topK * CANDIDATES_PER_RETRIEVER : request.topK;
    const vector =
      request.mode === 'keyword' ? [] : await this.vectorHits(tenantId, collections, request.query, depth, documentIds);
    const keyword =
      request.mode === 'vector'
        ? []
        : await this.transactions.run(tenantId, (tx) =>
            this.chunks.keyword(
              tx,
              collections.map((c) => c.id),
              request.query,
              depth,
              request.keywordMatch ?? 'any',
              documentIds,
            ),
          );
    if (request.mode === 'vector') return vector.slice(0, request.topK);
    if (request.mode === 'keyword') return keyword.slice(0, request.topK);
    return reciprocalRankFusion([vector, keyword], (hit) => hit.chunkId).slice(0, request.topK);
  }

  /** Collections embedded with different models are searched per model, then merged by similarity. */
  private async vectorHits(
    tenantId: string,
    collections: Collection[],
    query: string,
    limit: number,
    documentIds: string[] | undefined,
  ): Promise<ChunkHit[]> {
    const byModel = new Map<string, Collection[]>();
    for (const c of collections)
      byModel.set(`${c.embeddingModel}|${c.embeddingDimensions}`, [
        ...(byModel.get(`${c.embeddingModel}|${c.embeddingDimensions}`) ?? []),
        c,
      ]);
    const hits: ChunkHit[] = [];
    for (const group of byModel.values()) {
      const embedder = await this.embedders.for(tenantId, group[0]!.embeddingModel, group[0]!.embeddingDimensions);
      const [embedding] = await embedder.embed([query]);
      hits.push(
        ...(await this.transactions.run(tenantId, (tx) =>
          this.chunks.nearest(
            tx,
            group.map((c) => c.id),
            embedding!,
            limit,
            documentIds,
          ),
        )),
      );
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, limit);
  }
}
