import { z } from 'zod';
import { defineConcern } from '../lib/define-settings';
import { positiveInt } from '../lib/types';

/** Document ingest, chunking, embeddings and search. */
export const knowledgeConfig = defineConcern(
  'knowledge',
  {
    DOCUMENT_MAX_BYTES: {
      schema: positiveInt
        .default(10 * 1024 * 1024)
        .describe('Largest document accepted (upload, text or fetched URL); larger: 413'),
    },
    // What one document may become while it is parsed (issue 14, hostile tenants): a
    // small upload must not expand into more memory, time or work than a worker can spare.
    DOCUMENT_MAX_EXPANDED_BYTES: {
      schema: positiveInt
        .default(64 * 1024 * 1024)
        .describe(
          "Bytes a DOCX's zip entries, or a PDF's compressed streams, may expand to in all; checked before unzipping",
        ),
    },
    DOCUMENT_MAX_COMPRESSION_RATIO: {
      schema: positiveInt
        .default(100)
        .describe('Most a zip entry or PDF stream over 1 MiB may expand, as a multiple of its compressed size'),
    },
    DOCUMENT_MAX_PAGES: { schema: positiveInt.default(2_000).describe('Pages a PDF may have') },
    DOCUMENT_MAX_NESTING: {
      schema: positiveInt
        .default(100)
        .describe('Levels of nested HTML elements, or Markdown quotes and lists, a document may have'),
    },
    DOCUMENT_MAX_TOKENS: {
      schema: positiveInt
        .default(3_000_000)
        .describe("Tokens a document's chunks may hold in all (about 10 MB of prose); chunking stops past it"),
    },
    PARSE_TIMEOUT_MS: {
      schema: positiveInt
        .default(60_000)
        .describe('Time the ingest thread may spend parsing and chunking one document before it is stopped'),
    },
    PARSE_MEMORY_MB: {
      schema: positiveInt
        .default(512)
        .describe('Heap of each ingest thread (one per INGEST_CONCURRENCY); a document that needs more fails'),
    },
    URL_FETCH_TIMEOUT_MS: {
      schema: positiveInt.default(15_000).describe('Time allowed to fetch a document from a URL'),
    },
    CHUNK_MAX_TOKENS: { schema: positiveInt.default(400).describe('Largest chunk, in tokens') },
    CHUNK_OVERLAP_TOKENS: {
      schema: z.coerce
        .number()
        .int()
        .min(0)
        .default(60)
        .describe('Tokens shared by consecutive chunks; must be smaller than CHUNK_MAX_TOKENS'),
    },
    EMBEDDING_MODEL: {
      schema: z
        .string()
        .regex(/^(local|openai\/\S+)$/, 'expected local or openai/<model>')
        .default('local')
        .meta({
          description: 'Embedding model of collections created without one (e.g. openai/text-embedding-3-small)',
          values: '`local` (offline, no key), `openai/<model>`',
        }),
    },
    EMBEDDING_DIMENSIONS: {
      schema: positiveInt.default(1536).describe('Vector size requested from OpenAI-compatible embedding models'),
    },
    EMBEDDING_ENDPOINT: {
      schema: z
        .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
        .optional()
        .describe('An OpenAI-compatible embeddings endpoint; unset: OPENAI_BASE_URL, else OpenAI'),
    },
    RETRIEVAL_TOP_K: {
      schema: positiveInt
        .default(5)
        .describe('Passages retrieved to ground a reply when a copilot or message names collections'),
    },
  },
  (v) => ({
    maxDocumentBytes: v.DOCUMENT_MAX_BYTES,
    urlFetchTimeoutMs: v.URL_FETCH_TIMEOUT_MS,
    parseLimits: {
      maxExpandedBytes: v.DOCUMENT_MAX_EXPANDED_BYTES,
      maxCompressionRatio: v.DOCUMENT_MAX_COMPRESSION_RATIO,
      maxPages: v.DOCUMENT_MAX_PAGES,
      maxNesting: v.DOCUMENT_MAX_NESTING,
    },
    maxDocumentTokens: v.DOCUMENT_MAX_TOKENS,
    parseTimeoutMs: v.PARSE_TIMEOUT_MS,
    parseMemoryMb: v.PARSE_MEMORY_MB,
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
