import type { ParseLimits } from '../parsing/parse-limits';

export const KNOWLEDGE_OPTIONS = Symbol('KNOWLEDGE_OPTIONS');

export interface KnowledgeSettings {
  maxDocumentBytes: number;
  urlFetchTimeoutMs: number;
  parseLimits: ParseLimits;
  /** Tokens a document's chunks may hold in all. */
  maxDocumentTokens: number;
  /** Per document, in the ingest thread (parsing and chunking). */
  parseTimeoutMs: number;
  /** Heap of each ingest thread. */
  parseMemoryMb: number;
  /** Ingest threads at most (the worker's INGEST_CONCURRENCY); 1 when unset. */
  parseThreads?: number;
  chunking: { maxTokens: number; overlapTokens: number };
  /** `local` or `openai/<model>`. */
  defaultEmbeddingModel: string;
  openAiEmbeddingDimensions: number;
  embeddingEndpoint?: string;
  retrievalTopK: number;
  /** Provider call policy, shared with generation. */
  timeoutMs: number;
  maxRetries: number;
}
