import { randomBytes } from 'node:crypto';
import {
  FunctionCallingConfigMode,
  GoogleGenAI,
  type Content,
  type Fetch,
  type FunctionCallingConfig,
  type GenerateContentConfig,
  type GenerateContentParameters,
  type GenerateContentResponse,
  type Part,
} from '@google/genai';
import { LlmError } from '../../llm-error';
import type {
  ChatTurn,
  Completion,
  FinishReason,
  GenerateChunk,
  GenerateRequest,
  LlmProvider,
  ProviderCredentials,
  TokenUsage,
  ToolCall,
  ToolChoice,
} from '../../llm-provider';
import { refusalOf, toLlmError, type FailurePhase } from './gemini-errors';

/**
 * Google Gemini through the Developer API (generativelanguage.googleapis.com, not Vertex)
 * with the official `@google/genai` SDK.
 *
 * One attempt per call, as the LlmProvider contract requires: the SDK only retries when
 * `httpOptions.retryOptions` is set (it is not), and its "automatic continuation" (re-sending a
 * stream that dropped, up to 3 times) is switched off per request.
 *
 * Tools are plain function declarations and the SDK's automatic function calling is off: the
 * platform runs the calls and sends their results back in the next step's history.
 */
export class GeminiProvider implements LlmProvider {
  readonly name = 'gemini';
  readonly circuit: string;
  private readonly client: GoogleGenAI;

  constructor(private readonly credentials: ProviderCredentials) {
    this.circuit = credentials.circuit ?? 'gemini';
    this.client = new GoogleGenAI({
      apiKey: credentials.apiKey,
      // Explicit, so GOOGLE_GENAI_USE_VERTEXAI in the environment cannot switch backends.
      vertexai: false,
      httpOptions: {
        ...(credentials.baseUrl ? { baseUrl: credentials.baseUrl } : {}),
        // Per attempt, and it keeps running while a stream is read: it bounds the whole reply.
        timeout: credentials.timeoutMs,
      },
    });
  }

  async *generate(request: GenerateRequest): AsyncIterable<GenerateChunk> {
    const attempt = new Attempt(request, this.credentials.apiKey, this.credentials.fetch ?? fetch);
    try {
      let stream: AsyncGenerator<GenerateContentResponse>;
      try {
        stream = await this.client.models.generateContentStream(this.params(request, attempt));
      } catch (error) {
        throw attempt.error(error, 'request');
      }
      let usage: TokenUsage | undefined;
      let finished: FinishReason | undefined;
      let calls = 0;
      for (;;) {
        let next: IteratorResult<GenerateContentResponse>;
        try {
          next = await stream.next();
        } catch (error) {
          throw attempt.error(error, 'response');
        }
        if (next.done) break;
        // The SDK may hold several parsed frames from one read; an abort must not let them through.
        attempt.throwIfCancelled();
        const chunk = next.value;
        const refusal = refusalOf(chunk);
        if (refusal) throw refusal;
        for (const part of replyParts(chunk)) {
          if (!part.functionCall) yield { type: 'token', text: part.text! };
          else yield* callChunks(toolCallOf(part, calls), calls++);
        }
        usage = usageOf(chunk) ?? usage;
        // The calls come in the finishing chunk or before it.
        finished ??= finishReasonOf(chunk, calls > 0);
      }
      // Gemini always ends a stream with a finishReason; a clean EOF without one is a cut (proxy, LB).
      if (!finished) throw new LlmError('stream_interrupted', this.name, 'Gemini stream ended before its last chunk');
      yield { type: 'finish', reason: finished };
      if (usage) yield { type: 'usage', ...usage };
    } finally {
      // Also runs when the consumer stops early: drop the connection instead of reading on.
      attempt.end();
    }
  }

  async complete(request: GenerateRequest): Promise<Completion> {
    const attempt = new Attempt(request, this.credentials.apiKey, this.credentials.fetch ?? fetch);
    try {
      let response: GenerateContentResponse;
      try {
        response = await this.client.models.generateContent(this.params(request, attempt));
      } catch (error) {
        throw attempt.error(error, 'request');
      }
      const refusal = refusalOf(response);
      if (refusal) throw refusal;
      const usage = usageOf(response);
      const parts = replyParts(response);
      const toolCalls = parts.filter((part) => part.functionCall).map(toolCallOf);
      const finishReason = finishReasonOf(response, toolCalls.length > 0);
      return {
        text: parts.map((part) => (part.functionCall ? '' : part.text!)).join(''),
        ...(toolCalls.length ? { toolCalls } : {}),
        ...(usage ? { usage } : {}),
        ...(finishReason ? { finishReason } : {}),
      };
    } finally {
      attempt.end();
    }
  }

  private params(request: GenerateRequest, attempt: Attempt): GenerateContentParameters {
    return {
      model: request.model,
      contents: contentsOf(request.messages),
      config: {
        ...(request.system ? { systemInstruction: { parts: [{ text: request.system }] } } : {}),
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        ...(request.maxTokens !== undefined ? { maxOutputTokens: request.maxTokens } : {}),
        ...(request.topP !== undefined ? { topP: request.topP } : {}),
        ...(request.stop?.length ? { stopSequences: request.stop } : {}),
        ...(request.seed !== undefined ? { seed: request.seed } : {}),
        ...(request.frequencyPenalty !== undefined ? { frequencyPenalty: request.frequencyPenalty } : {}),
        ...(request.presencePenalty !== undefined ? { presencePenalty: request.presencePenalty } : {}),
        ...toolsOf(request),
        // Client-side only (never on the wire): the SDK must not run tools and call again itself.
        automaticFunctionCalling: { disable: true },
        abortSignal: attempt.signal,
        // Otherwise the SDK silently re-sends a dropped stream (a second, billed attempt).
        automaticContinuation: false,
        httpOptions: { fetch: attempt.fetch },
      },
    };
  }
}

/**
 * One call's plumbing: an AbortController that follows the caller's signal (and that we can
 * abort ourselves when the consumer stops early), and a fetch that remembers the Retry-After
 * header of a failed response, because the SDK's ApiError keeps only the status and body.
 */
class Attempt {
  private readonly controller = new AbortController();
  private retryAfter: string | null = null;

  constructor(
    private readonly request: GenerateRequest,
    private readonly apiKey: string,
    /** The egress-checked fetch for a tenant's own endpoint, else the global one. */
    private readonly send: Fetch,
  ) {
    this.throwIfCancelled();
    request.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /**
   * Handed to the SDK per request. Note: with a custom fetch the SDK no longer switches off
   * undici's own 300 s header/body timeouts; the attempt timeout (timeoutMs) is far shorter.
   */
  readonly fetch: Fetch = async (input, init) => {
    const response = await this.send(input, init);
    if (!response.ok) this.retryAfter = response.headers.get('retry-after');
    return response;
  };

  throwIfCancelled(): void {
    if (this.request.signal?.aborted) throw new LlmError('cancelled', 'gemini', 'Gemini request was cancelled');
  }

  error(error: unknown, phase: FailurePhase): LlmError {
    return toLlmError(error, {
      phase,
      signal: this.request.signal,
      retryAfterHeader: this.retryAfter,
      apiKey: this.apiKey,
    });
  }

  end(): void {
    this.request.signal?.removeEventListener('abort', this.onAbort);
    this.controller.abort();
  }

  private readonly onAbort = (): void => this.controller.abort();
}

/**
 * The history as Gemini contents: assistant turns are `model`, user turns and tool results
 * `user`. A turn of the same role as the one before joins its content, so the answers to
 * parallel calls arrive together and user and model keep alternating.
 */
function contentsOf(messages: ChatTurn[]): Content[] {
  const contents: Content[] = [];
  for (const turn of messages) {
    const role = turn.role === 'assistant' ? 'model' : 'user';
    const last = contents[contents.length - 1];
    if (last?.role === role) last.parts!.push(...partsOf(turn));
    else contents.push({ role, parts: partsOf(turn) });
  }
  return contents;
}

function partsOf(turn: ChatTurn): Part[] {
  switch (turn.role) {
    case 'user':
      return [{ text: turn.content }];
    case 'assistant':
      if (!turn.toolCalls?.length) return [{ text: turn.content }];
      // An empty text part next to the calls would be rejected; the calls say it all.
      return [...(turn.content ? [{ text: turn.content }] : []), ...turn.toolCalls.map(functionCallPart)];
    case 'tool':
      return [functionResponsePart(turn)];
  }
}

function functionCallPart(call: ToolCall): Part {
  return {
    functionCall: { ...(isGeminiId(call.id) ? { id: call.id } : {}), name: call.name, args: argumentsOf(call) },
    // Gemini 3 refuses a history whose calls lost the signature they came with.
    ...(call.signature ? { thoughtSignature: call.signature } : {}),
  };
}

function functionResponsePart(turn: Extract<ChatTurn, { role: 'tool' }>): Part {
  const result = parseOr(turn.content, turn.content);
  return {
    functionResponse: {
      ...(isGeminiId(turn.toolCallId) ? { id: turn.toolCallId } : {}),
      name: turn.name,
      // Google's convention: `output` for a result, `error` for a failure.
      response: turn.isError ? { error: result } : { output: result },
    },
  };
}

/** `args` must be a JSON object: arguments that do not parse as one (the model's own mistake) go as `{}`. */
function argumentsOf(call: ToolCall): Record<string, unknown> {
  const args = parseOr(call.arguments, undefined);
  return typeof args === 'object' && args !== null && !Array.isArray(args) ? (args as Record<string, unknown>) : {};
}

function parseOr(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
}

/** The tools as function declarations, and toolChoice as the calling mode; nothing without tools. */
function toolsOf(request: GenerateRequest): Pick<GenerateContentConfig, 'tools' | 'toolConfig'> {
  if (!request.tools?.length) return {};
  const functionDeclarations = request.tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    // Sent as written: `parameters` would be Google's OpenAPI subset, which the SDK rewrites.
    parametersJsonSchema: tool.parameters,
  }));
  // Gemini has no switch for parallel calls: parallelToolCalls is not sent.
  return {
    tools: [{ functionDeclarations }],
    toolConfig: { functionCallingConfig: callingConfigOf(request.toolChoice ?? 'auto') },
  };
}

function callingConfigOf(choice: ToolChoice): FunctionCallingConfig {
  if (typeof choice === 'object') return { mode: FunctionCallingConfigMode.ANY, allowedFunctionNames: [choice.name] };
  const modes = {
    auto: FunctionCallingConfigMode.AUTO,
    required: FunctionCallingConfigMode.ANY,
    none: FunctionCallingConfigMode.NONE,
  };
  return { mode: modes[choice] };
}

/**
 * Ids we make up for calls Gemini sent without one (its older models never send ids). They only
 * pair our calls with their results and are never sent back: Gemini then pairs by name and order.
 */
const MADE_UP_ID = 'gemini_call_';

function isGeminiId(id: string): boolean {
  return id !== '' && !id.startsWith(MADE_UP_ID);
}

/** A functionCall part as a ToolCall; `index` (the call's place in the step) keeps made-up ids distinct. */
function toolCallOf(part: Part, index: number): ToolCall {
  const call = part.functionCall!;
  return {
    id: call.id || `${MADE_UP_ID}${index}_${randomBytes(6).toString('hex')}`,
    name: call.name ?? '',
    arguments: JSON.stringify(call.args ?? {}),
    // On the first call of a step (thinking models): it must go back with that call.
    ...(part.thoughtSignature ? { signature: part.thoughtSignature } : {}),
  };
}

/** Gemini sends each call whole, never its arguments in pieces: one delta holds them all. */
function callChunks(call: ToolCall, index: number): GenerateChunk[] {
  return [
    { type: 'tool_call_delta', index, id: call.id, name: call.name, argumentsDelta: call.arguments },
    { type: 'tool_call', call },
  ];
}

/** The first candidate's reply, in order: its function calls and non-empty text, leaving out thought summaries. */
function replyParts(response: GenerateContentResponse): Part[] {
  const parts = response.candidates?.[0]?.content?.parts ?? [];
  return parts.filter(
    (part) => part.functionCall || (!part.thought && typeof part.text === 'string' && part.text !== ''),
  );
}

function usageOf(response: GenerateContentResponse): TokenUsage | undefined {
  const usage = response.usageMetadata;
  if (!usage) return undefined;
  return {
    inputTokens: usage.promptTokenCount ?? 0,
    // Thinking models bill their thoughts as output tokens, reported apart from the reply's.
    outputTokens: (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0),
  };
}

/**
 * The first candidate's finishReason in our terms (MAX_TOKENS: cut by the limit); undefined until
 * it ends. Gemini ends a step that called tools with STOP, as it does a finished reply.
 */
function finishReasonOf(response: GenerateContentResponse, madeCalls: boolean): FinishReason | undefined {
  const reason = response.candidates?.[0]?.finishReason;
  if (!reason) return undefined;
  if (reason === 'MAX_TOKENS') return 'length';
  return madeCalls ? 'tool_calls' : 'stop';
}
