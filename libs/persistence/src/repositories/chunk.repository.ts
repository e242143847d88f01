import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import type { Tx } from '../lib/tenant-transaction';

export interface NewChunk {
  position: number;
  text: string;
  startOffset: number;
  endOffset: number;
  headingPath: string[];
  tokenCount: number;
  embedding: number[];
}

/** Keyword matching: any meaningful term of the query (ranked), or all of them (strict). */
export type KeywordMatch = 'any' | 'all';

export interface ChunkHit {
  chunkId: string;
  documentId: string;
  collectionId: string;
  title: string;
  text: string;
  startOffset: number;
  endOffset: number;
  headingPath: string[];
  /** Cosine similarity (vector), BM25 or ts_rank_cd (keyword), fused rank (hybrid): higher is better. */
  score: number;
}

// HNSW search breadth. Measured at 100k chunks of the search benchmark's corpus
// (recall@10 against an exact scan, SQL time p50): 40 (pgvector's default) 0.66,
// 1.2 ms; 100: 0.83, 1.5 ms; 200: 0.95, 1.9 ms; 400: 0.97, 2.9 ms. Through the api,
// with row level security and the collection filter: 200 gave 0.93, 300 gives 0.96.
const HNSW_EF_SEARCH = 300;
// Dimensions with an HNSW index (see the knowledge migration). Vectors of other
// sizes are still searched, exactly, without an index.
const INDEXED_DIMENSIONS = new Set([384, 1536]);

const vectorLiteral = (v: number[]) => `[${v.join(',')}]`;

@Injectable()
export class ChunkRepository {
  /**
   * Replaces a document's chunks in one statement pair inside the caller's
   * transaction: searches see the old set or the new one, never a mix.
   */
  async replaceForDocument(
    tx: Tx,
    target: { tenantId: string; documentId: string; collectionId: string; dimensions: number },
    chunks: NewChunk[],
  ): Promise<void> {
    await tx.$executeRaw`DELETE FROM chunks WHERE document_id = ${target.documentId}::uuid`;
    if (chunks.length === 0) return;
    await tx.$executeRaw`
      INSERT INTO chunks (tenant_id, document_id, collection_id, position, text, start_offset, end_offset,
                          heading_path, token_count, dimensions, embedding, language)
      SELECT ${target.tenantId}::uuid, ${target.documentId}::uuid, ${target.collectionId}::uuid,
             c.position, c.text, c.start_offset, c.end_offset,
             ARRAY(SELECT jsonb_array_elements_text(c.heading_path)), c.token_count, ${target.dimensions}, c.embedding::vector,
             (SELECT l.language::regconfig FROM collections l WHERE l.id = ${target.collectionId}::uuid)
      FROM unnest(${chunks.map((c) => c.position)}::int[], ${chunks.map((c) => c.text)}::text[],
                  ${chunks.map((c) => c.startOffset)}::int[], ${chunks.map((c) => c.endOffset)}::int[],
                  ${chunks.map((c) => JSON.stringify(c.headingPath))}::jsonb[], ${chunks.map((c) => c.tokenCount)}::int[],
                  ${chunks.map((c) => vectorLiteral(c.embedding))}::text[])
        AS c(position, text, start_offset, end_offset, heading_path, token_count, embedding)`;
  }

  /**
   * Nearest chunks by cosine distance among the given collections, whose vectors
   * all have `embedding.length` dimensions. Uses the HNSW index for indexed sizes.
   */
  async nearest(
    tx: Tx,
    collectionIds: string[],
    embedding: number[],
    limit: number,
    documentIds?: string[],
  ): Promise<ChunkHit[]> {
    // A wider search than HNSW's default (see HNSW_EF_SEARCH), scanning on when filters
    // (tenant, collection) drop candidates, keeps recall@10 near 95% for under a
    // millisecond more. Local to the transaction.
    await tx.$executeRaw`SELECT set_config('hnsw.ef_search', ${String(Math.max(HNSW_EF_SEARCH, limit * 2))}, true),
                                set_config('hnsw.iterative_scan', 'strict_order', true)`;
    return this.hits(tx, this.nearestQuery(collectionIds, embedding, limit, documentIds));
  }

  /** The statement behind `nearest` (exposed so a test can check that Postgres plans it on the index). */
  nearestQuery(collectionIds: string[], embedding: number[], limit: number, documentIds?: string[]): Prisma.Sql {
    // A literal, not a parameter: the HNSW indexes are partial (`WHERE dimensions = 384`),
    // and Postgres can only use one when the query's predicate matches it at plan time.
    const dims = embedding.length;
    const query = vectorLiteral(embedding);
    const distance = INDEXED_DIMENSIONS.has(dims)
      ? Prisma.sql`(c.embedding::vector(${Prisma.raw(String(dims))})) <=> (${query}::vector(${Prisma.raw(String(dims))}))`
      : Prisma.sql`c.embedding <=> ${query}::vector`;
    // The nearest rows first, on chunks alone, so the HNSW index can drive the ORDER BY
    // ... LIMIT; joined to their documents after (a join inside lets the planner sort
    // every chunk of the collection instead). A document filter is one more predicate,
    // which the iterative index scan keeps scanning past.
    const inDocuments = documentIds ? Prisma.sql`AND c.document_id = ANY(${documentIds}::uuid[])` : Prisma.empty;
    return Prisma.sql`SELECT c.id, c.document_id, c.collection_id, d.title, c.text, c.start_offset, c.end_offset, c.heading_path,
                        1 - c.distance AS score
                 FROM (SELECT c.*, ${distance} AS distance FROM chunks c
                       WHERE c.dimensions = ${Prisma.raw(String(dims))} AND c.collection_id = ANY(${collectionIds}::uuid[])
                             ${inDocuments}
                       ORDER BY ${distance} LIMIT ${limit}) c
                 JOIN documents d ON d.id = c.document_id
                 ORDER BY c.distance`;
  }

  /** The same as `nearest`, by a sequential scan: the exact answer the index approximates (recall checks). */
  async nearestExact(tx: Tx, collectionIds: string[], embedding: number[], limit: number): Promise<ChunkHit[]> {
    const query = vectorLiteral(embedding);
    return this.hits(
      tx,
      Prisma.sql`SELECT c.id, c.document_id, c.collection_id, d.title, c.text, c.start_offset, c.end_offset, c.heading_path,
                        1 - (c.embedding <=> ${query}::vector) AS score
                 FROM chunks c JOIN documents d ON d.id = c.document_id
                 WHERE c.dimensions = ${embedding.length} AND c.collection_id = ANY(${collectionIds}::uuid[])
                 ORDER BY c.embedding <=> ${query}::vector LIMIT ${limit}`,
    );
  }

  /**
   * Full-text matches under each collection's text search configuration, best first.
   * `any` (what questions need): chunks with any of the query's meaningful terms, stop
   * words dropped, ranked by BM25. `all` (strict): web-search syntax, every word
   * required ("phrases", -exclusions), ranked by ts_rank_cd. The match runs in
   * app_keyword_chunks, through the GIN index, for the transaction's tenant (row level
   * security would keep the index out: see the keyword search migrations).
   */
  async keyword(
    tx: Tx,
    collectionIds: string[],
    text: string,
    limit: number,
    match: KeywordMatch = 'any',
    documentIds?: string[],
  ): Promise<ChunkHit[]> {
    return this.hits(tx, this.keywordQuery(collectionIds, text, limit, match, documentIds));
  }

  /** The statement behind `keyword` (exposed so a test can check its plan). */
  keywordQuery(
    collectionIds: string[],
    text: string,
    limit: number,
    match: KeywordMatch = 'any',
    documentIds?: string[],
  ): Prisma.Sql {
    return Prisma.sql`SELECT c.id, c.document_id, c.collection_id, d.title, c.text, c.start_offset, c.end_offset, c.heading_path,
                        k.score
                 FROM app_keyword_chunks(${collectionIds}::uuid[], ${text}, ${limit}, ${match === 'all'},
                                         ${documentIds ?? null}::uuid[]) k
                 JOIN chunks c ON c.id = k.id
                 JOIN documents d ON d.id = c.document_id
                 ORDER BY k.score DESC, c.id`;
  }

  /** A collection's new text search configuration: its chunks' tsvectors are rebuilt with it. */
  async setLanguage(tx: Tx, collectionId: string, language: string): Promise<void> {
    await tx.$executeRaw`UPDATE chunks SET language = ${language}::regconfig
                         WHERE collection_id = ${collectionId}::uuid AND language <> ${language}::regconfig`;
  }

  private async hits(tx: Tx, query: Prisma.Sql): Promise<ChunkHit[]> {
    const rows = await tx.$queryRaw<
      {
        id: string;
        document_id: string;
        collection_id: string;
        title: string;
        text: string;
        start_offset: number;
        end_offset: number;
        heading_path: string[];
        score: number;
      }[]
    >(query);
    return rows.map((r) => ({
      chunkId: r.id,
      documentId: r.document_id,
      collectionId: r.collection_id,
      title: r.title,
      text: r.text,
      startOffset: r.start_offset,
      endOffset: r.end_offset,
      headingPath: r.heading_path,
      score: Number(r.score),
    }));
  }
}
