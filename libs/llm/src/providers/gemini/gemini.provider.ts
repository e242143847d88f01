import {
  GoogleGenAI,
  type Content,
  type Fetch,
  type GenerateContentParameters,
  type GenerateContentResponse,
} from '@google/genai';
import { LlmError } from '../../llm-error';
import type {
  Completion,
  FinishReason,
  GenerateChunk,
  GenerateRequest,
  LlmProvider,
  ProviderCredentials,
  TokenUsage,
} from '../../llm-provider';
import { refusalOf, toLlmError, type FailurePhase } from './gemini-errors';

/**
 * Google Gemini through the Developer API (generativelanguage.googleapis.com, not Vertex)
 * with the official `@google/genai` SDK.
 *
 * One attempt per call, as the LlmProvider contract requires: the SDK only retries when
 * `httpOptions.retryOptions` is set (it is not), and its "automatic continuation" (re-sending a
 * stream that dropped, up to 3 times) is switched off per request.
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
        for (const text of textParts(chunk)) yield { type: 'token', text };
        usage = usageOf(chunk) ?? usage;
        finished ??= finishReasonOf(chunk);
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
      const finishReason = finishReasonOf(response);
      return {
        text: textParts(response).join(''),
        ...(usage ? { usage } : {}),
        ...(finishReason ? { finishReason } : {}),
      };
    } finally {
      attempt.end();
    }
  }

  private params(request: GenerateRequest, attempt: Attempt): GenerateContentParameters {
    const contents: Content[] = request.messages.map((turn) => ({
      role: turn.role === 'assistant' ? 'model' : 'user',
      parts: [{ text: turn.content }],
    }));
    return {
      model: request.model,
      contents,
      config: {
        ...(request.system ? { systemInstruction: { parts: [{ text: request.system }] } } : {}),
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        ...(request.maxTokens !== undefined ? { maxOutputTokens: request.maxTokens } : {}),
        ...(request.topP !== undefined ? { topP: request.topP } : {}),
        ...(request.stop?.length ? { stopSequences: request.stop } : {}),
        ...(request.seed !== undefined ? { seed: request.seed } : {}),
        ...(request.frequencyPenalty !== undefined ? { frequencyPenalty: request.frequencyPenalty } : {}),
        ...(request.presencePenalty !== undefined ? { presencePenalty: request.presencePenalty } : {}),
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

/** Non-empty text of the first candidate, leaving out thought summaries. */
function textParts(response: GenerateContentResponse): string[] {
  const parts = response.candidates?.[0]?.content?.parts ?? [];
  return parts.filter((part) => !part.thought && typeof part.text === 'string' && part.text !== '').map((p) => p.text!);
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

/** The first candidate's finishReason in our terms (MAX_TOKENS: cut by the limit); undefined until it ends. */
function finishReasonOf(response: GenerateContentResponse): FinishReason | undefined {
  const reason = response.candidates?.[0]?.finishReason;
  if (!reason) return undefined;
  return reason === 'MAX_TOKENS' ? 'length' : 'stop';
}
