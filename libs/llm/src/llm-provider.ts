export interface ChatTurn {
  role: 'user' | 'assistant' | 'system';
  content: string;
}

export interface GenerateRequest {
  model: string;
  messages: ChatTurn[];
  /** Aborting it stops generation (cancel, shutdown). */
  signal?: AbortSignal;
}

export type GenerateChunk =
  { type: 'token'; text: string } | { type: 'usage'; inputTokens: number; outputTokens: number };

/** One LLM vendor (or the built-in local one) behind one streaming call. */
export interface LlmProvider {
  readonly name: string;
  generate(request: GenerateRequest): AsyncIterable<GenerateChunk>;
}
