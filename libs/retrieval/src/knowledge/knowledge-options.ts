export const KNOWLEDGE_OPTIONS = Symbol('KNOWLEDGE_OPTIONS');

export interface KnowledgeSettings {
  maxDocumentBytes: number;
  urlFetchTimeoutMs: number;
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
