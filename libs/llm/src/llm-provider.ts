import type { FetchFunction } from '@copilot/egress';

/** A tool the model may call: its name, what it does, and its arguments as JSON Schema. */
export interface ToolSpec {
  /** `^[a-zA-Z0-9_-]{1,64}$`: the strictest of the vendors' rules. */
  name: string;
  description: string;
  /** A JSON Schema object (`{ type: 'object', properties, required }`). */
  parameters: Record<string, unknown>;
}

/** `auto`: the model decides; `required`: it must call some tool; `none`: no tool; `{ name }`: that one. */
export type ToolChoice = 'auto' | 'required' | 'none' | { name: string };

/** One call the model asked for. */
export interface ToolCall {
  /** The vendor's call id (OpenAI `call_...`, Anthropic `toolu_...`); made up for vendors without one (Gemini). */
  id: string;
  name: string;
  /** The arguments as the model wrote them: JSON text, not yet parsed or checked. */
  arguments: string;
  /** Opaque state the vendor needs back with this call in the history (Gemini's thought signature). */
  signature?: string;
}

/** What a turn of the history says: a user message, an assistant reply (and the calls it made), or a tool's result. */
export type ChatTurn =
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | {
      role: 'tool';
      /** The call this answers. */
      toolCallId: string;
      /** The tool's name (Gemini's functionResponse is keyed by name). */
      name: string;
      /** The result as text (usually JSON); untrusted, already size-capped. */
      content: string;
      /** The call failed (bad arguments, the tool's error): the model is told so, and may try again. */
      isError?: boolean;
    };

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
  /** Tools the model may call; absent or empty: a plain reply. */
  tools?: ToolSpec[];
  /** Default `auto` (when there are tools). */
  toolChoice?: ToolChoice;
  /** False asks for at most one call per step (OpenAI `parallel_tool_calls`, Anthropic `disable_parallel_tool_use`). */
  parallelToolCalls?: boolean;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/**
 * Why the reply ended, as the provider said: `length` when a token limit (ours or its own)
 * cut it, `tool_calls` when the model stopped to have its tool calls run.
 */
export type FinishReason = 'stop' | 'length' | 'tool_calls';

export type GenerateChunk =
  | { type: 'token'; text: string }
  /**
   * A piece of a tool call as it streams: the call at `index` of this step, its id and
   * name on the first piece, then argument text. Informational (for clients that show
   * calls as they form); the complete call follows as `tool_call`.
   */
  | { type: 'tool_call_delta'; index: number; id?: string; name?: string; argumentsDelta: string }
  /** A complete tool call, once its arguments have all arrived (before `finish`). */
  | { type: 'tool_call'; call: ToolCall }
  | ({ type: 'usage' } & TokenUsage)
  | { type: 'finish'; reason: FinishReason };

export interface Completion {
  text: string;
  /** The calls the model asked for, in its order (finishReason `tool_calls`). */
  toolCalls?: ToolCall[];
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
  /**
   * Streams text deltas (and tool-call deltas, then each complete call), then one
   * `finish` chunk, then one `usage` chunk when the provider reports usage.
   */
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
