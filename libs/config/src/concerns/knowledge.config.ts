import { z } from 'zod';
import { defineConcern } from '../lib/define-settings';
import { positiveInt } from '../lib/types';

/** Document ingest, chunking, embeddings and search. */
export const knowledgeConfig = defineConcern(
  'knowledge',
  {
    DOCUMENT_MAX_BYTES: { schema: positiveInt.default(10 * 1024 * 1024) },
    URL_FETCH_TIMEOUT_MS: { schema: positiveInt.default(15_000) },
    CHUNK_MAX_TOKENS: { schema: positiveInt.default(400) },
    CHUNK_OVERLAP_TOKENS: { schema: z.coerce.number().int().min(0).default(60) },
    // Collections created without an embedding model get this one: `local` or `openai/<model>`.
    EMBEDDING_MODEL: {
      schema: z
        .string()
        .regex(/^(local|openai\/\S+)$/, 'expected local or openai/<model>')
        .default('local'),
    },
    EMBEDDING_DIMENSIONS: { schema: positiveInt.default(1536) },
    // An OpenAI-compatible embeddings server; unset: OPENAI_BASE_URL (or OpenAI itself).
    EMBEDDING_ENDPOINT: { schema: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional() },
    // Passages retrieved to ground a reply when a copilot or message names collections.
    RETRIEVAL_TOP_K: { schema: positiveInt.default(5) },
  },
  (v) => ({
    maxDocumentBytes: v.DOCUMENT_MAX_BYTES,
    urlFetchTimeoutMs: v.URL_FETCH_TIMEOUT_MS,
    chunking: { maxTokens: v.CHUNK_MAX_TOKENS, overlapTokens: v.CHUNK_OVERLAP_TOKENS },
    defaultEmbeddingModel: v.EMBEDDING_MODEL,
    openAiEmbeddingDimensions: v.EMBEDDING_DIMENSIONS,
    embeddingEndpoint: v.EMBEDDING_ENDPOINT,
    retrievalTopK: v.RETRIEVAL_TOP_K,
  }),
  (v) =>
    v.CHUNK_OVERLAP_TOKENS !== undefined &&
    v.CHUNK_MAX_TOKENS !== undefined &&
    v.CHUNK_OVERLAP_TOKENS >= v.CHUNK_MAX_TOKENS
      ? ['CHUNK_OVERLAP_TOKENS: must be smaller than CHUNK_MAX_TOKENS']
      : [],
);
