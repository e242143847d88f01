import type { FetchFunction } from '@copilot/egress';

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface GenerateRequest {
  /** The vendor's model name, without the provider prefix (`gpt-4o-mini`, not `openai/gpt-4o-mini`). */
  model: string;
  /** The copilot's instructions (system prompt), if any. */
  system?: string;
  messages: ChatTurn[];
  temperature?: number;
  /** The reply's limit; absent: none is sent (Anthropic, which requires one, gets the model's maximum). */
  maxTokens?: number;
  /** Nucleus sampling; the vendor's default when absent. */
  topP?: number;
  /** Sequences that end the reply (up to 4, the smallest limit among the vendors). */
  stop?: string[];
  /** Sampling controls forwarded to the vendors that have them (OpenAI, Gemini); others ignore them. */
  seed?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  /** The end user's id, for the vendor's abuse monitoring (OpenAI `user`, Anthropic `metadata.user_id`). */
  user?: string;
  /** Aborting it stops generation at once (cancel, shutdown, attempt timeout). */
  signal?: AbortSignal;
  /**
   * Retrieved passages the reply should rest on, numbered from 1. Vendor adapters
   * get them inside `system` already; the local provider answers from them.
   */
  passages?: { title: string; text: string }[];
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** Why the reply ended, as the provider said: `length` when a token limit (ours or its own) cut it. */
export type FinishReason = 'stop' | 'length';

export type GenerateChunk =
  { type: 'token'; text: string } | ({ type: 'usage' } & TokenUsage) | { type: 'finish'; reason: FinishReason };

export interface Completion {
  text: string;
  /** As the provider reported it; absent when it reported none. */
  usage?: TokenUsage;
  finishReason?: FinishReason;
}

/**
 * One LLM vendor (or the built-in local one). Implementations make exactly one
 * attempt (the SDKs' own retries are off: retries, fallback and circuit breaking
 * are the resilience layer's) and throw LlmError for every failure.
 */
export interface LlmProvider {
  /** `openai`, `anthropic`, `gemini`, `local`. */
  readonly name: string;
  /**
   * The circuit breaker that guards calls through this client: its provider and one
   * credential and endpoint (see circuitKey), so one tenant's failing key or base URL
   * never opens the circuit of another's. Default: the provider name.
   */
  readonly circuit?: string;
  /** Streams text deltas, then one `finish` chunk, then one `usage` chunk when the provider reports usage. */
  generate(request: GenerateRequest): AsyncIterable<GenerateChunk>;
  complete(request: GenerateRequest): Promise<Completion>;
}

/** How to reach a vendor: the platform's settings, or a tenant's own key. */
export interface ProviderCredentials {
  apiKey: string;
  /** Another endpoint speaking the vendor's API (OpenAI-compatible servers, proxies, the test fakes). */
  baseUrl?: string;
  /** Per-attempt timeout handed to the SDK. */
  timeoutMs: number;
  /** The circuit breaker of this credential and endpoint (circuitKey). */
  circuit?: string;
  /**
   * The fetch the SDK sends with: the egress-checked one for a tenant's own key and
   * endpoint (it may aim anywhere), the global one for the operator's settings.
   */
  fetch?: FetchFunction;
}
