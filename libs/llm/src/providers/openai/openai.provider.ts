import OpenAI from 'openai';
import { LlmError } from '../../llm-error';
import { takesMaxCompletionTokens } from '../../context/output-limits';
import type {
  Completion,
  FinishReason,
  GenerateChunk,
  GenerateRequest,
  LlmProvider,
  ProviderCredentials,
  TokenUsage,
  ToolCall,
} from '../../llm-provider';
import { openAiMessages, openAiToolParams, ToolCallAssembler } from './openai-tools';
import { classifyOpenAiError } from './openai-errors';
import { AttemptGuard, llmError } from './sdk-attempt';

const PROVIDER = 'openai';
const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
// The SDK refuses to start without a key, but local OpenAI-compatible servers
// (Ollama, llama.cpp, vLLM without --api-key) need none.
const NO_KEY = 'no-key';

/**
 * OpenAI's Chat Completions API through the official SDK; with a base URL, any
 * OpenAI-compatible server (vLLM, Ollama, llama.cpp, LM Studio). One attempt
 * per call: the SDK's retries are off.
 */
export class OpenAiProvider implements LlmProvider {
  readonly name = PROVIDER;
  readonly circuit: string;
  private readonly client: OpenAI;
  private readonly apiKey: string;
  private readonly timeoutMs: number;

  constructor(credentials: ProviderCredentials) {
    this.apiKey = credentials.apiKey;
    this.timeoutMs = credentials.timeoutMs;
    this.circuit = credentials.circuit ?? PROVIDER;
    this.client = new OpenAI({
      apiKey: credentials.apiKey || NO_KEY,
      // Explicit values, so the SDK does not fall back to OPENAI_BASE_URL / OPENAI_ORG_ID /
      // OPENAI_PROJECT_ID / OPENAI_ADMIN_KEY from the environment: settings come from the platform.
      baseURL: credentials.baseUrl ?? DEFAULT_BASE_URL,
      organization: null,
      project: null,
      adminAPIKey: null,
      timeout: credentials.timeoutMs,
      maxRetries: 0,
      // Every failure surfaces as an LlmError; the SDK's console logging (raw frames
      // included) would bypass the platform's logger.
      logLevel: 'off',
      ...(credentials.fetch ? { fetch: credentials.fetch } : {}),
    });
  }

  async *generate(request: GenerateRequest): AsyncIterable<GenerateChunk> {
    const guard = new AttemptGuard(request.signal, this.timeoutMs);
    let stream: AsyncIterator<OpenAI.Chat.ChatCompletionChunk> | undefined;
    try {
      const body = { ...params(request), stream: true as const, stream_options: { include_usage: true } };
      const response = await guard.within(() => this.client.chat.completions.create(body, { signal: guard.signal }));
      stream = response[Symbol.asyncIterator]();
      let finished: FinishReason | undefined;
      let usage: TokenUsage | undefined;
      const calls = new ToolCallAssembler();
      for (;;) {
        // The timeout applies to each wait for the next chunk, not to the consumer's pace.
        const next = await guard.within(() => stream!.next());
        if (next.done) break;
        const chunk = next.value;
        if (chunk.usage) usage = toUsage(chunk.usage);
        const choice = chunk.choices[0];
        if (choice?.finish_reason === 'content_filter') throw refused();
        if (choice?.finish_reason) finished = finishReasonOf(choice.finish_reason);
        const text = choice?.delta?.content;
        if (text) yield { type: 'token', text };
        for (const delta of choice?.delta?.tool_calls ?? []) yield calls.add(delta);
      }
      // The SDK ends an aborted stream quietly; and a stream that closes without a
      // finish_reason was cut (it hides `[DONE]`, so the finish chunk is the last sign of life).
      const stopped = guard.stoppedError(PROVIDER);
      if (stopped) throw stopped;
      if (!finished) {
        throw new LlmError('stream_interrupted', PROVIDER, `${PROVIDER}: the stream ended before a finish_reason`);
      }
      // Calls are complete only once the step has finished: their arguments arrive in pieces until then.
      for (const call of calls.complete()) yield { type: 'tool_call', call };
      yield { type: 'finish', reason: calls.size > 0 ? 'tool_calls' : finished };
      if (usage) yield { type: 'usage', ...usage };
    } catch (err) {
      throw this.toLlmError(err, guard);
    } finally {
      guard.dispose();
      // When the consumer stops early, this aborts the HTTP request.
      await stream?.return?.();
    }
  }

  async complete(request: GenerateRequest): Promise<Completion> {
    const guard = new AttemptGuard(request.signal, this.timeoutMs);
    try {
      const body = { ...params(request), stream: false as const };
      const completion = await guard.within(() => this.client.chat.completions.create(body, { signal: guard.signal }));
      const choice = completion.choices[0];
      if (choice?.finish_reason === 'content_filter') throw refused();
      const toolCalls: ToolCall[] = (choice?.message.tool_calls ?? []).flatMap((c) =>
        c.type === 'function' ? [{ id: c.id, name: c.function.name, arguments: c.function.arguments }] : [],
      );
      return {
        text: choice?.message.content ?? '',
        ...(toolCalls.length ? { toolCalls } : {}),
        ...(choice?.finish_reason ? { finishReason: finishReasonOf(choice.finish_reason) } : {}),
        ...(completion.usage ? { usage: toUsage(completion.usage) } : {}),
      };
    } catch (err) {
      throw this.toLlmError(err, guard);
    } finally {
      guard.dispose();
    }
  }

  private toLlmError(err: unknown, guard: AttemptGuard): LlmError {
    if (err instanceof LlmError) return err;
    const stopped = guard.stoppedError(PROVIDER, err);
    if (stopped) return stopped;
    const { kind, detail, status, retryAfterMs } = classifyOpenAiError(err, this.timeoutMs);
    return llmError(kind, PROVIDER, detail, this.apiKey, { status, retryAfterMs, cause: err });
  }
}

function params(request: GenerateRequest): OpenAI.Chat.ChatCompletionCreateParamsNonStreaming {
  return {
    model: request.model,
    messages: openAiMessages(request.system, request.messages),
    ...openAiToolParams(request),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    // No limit unless one was asked for: the model's own maximum applies.
    ...(request.maxTokens !== undefined ? limitParam(request.model, request.maxTokens) : {}),
    ...(request.topP !== undefined ? { top_p: request.topP } : {}),
    ...(request.stop?.length ? { stop: request.stop } : {}),
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
    ...(request.frequencyPenalty !== undefined ? { frequency_penalty: request.frequencyPenalty } : {}),
    ...(request.presencePenalty !== undefined ? { presence_penalty: request.presencePenalty } : {}),
    ...(request.user ? { user: request.user } : {}),
  };
}

/** `max_completion_tokens` for the reasoning models that refuse `max_tokens`; `max_tokens` for the rest. */
function limitParam(model: string, maxTokens: number): { max_tokens: number } | { max_completion_tokens: number } {
  return takesMaxCompletionTokens(model) ? { max_completion_tokens: maxTokens } : { max_tokens: maxTokens };
}

/** OpenAI's `length` (the limit, ours or the server's own, cut the reply), `tool_calls`; anything else ended it. */
function finishReasonOf(reason: string): FinishReason {
  return reason === 'length' ? 'length' : reason === 'tool_calls' ? 'tool_calls' : 'stop';
}

function toUsage(usage: OpenAI.CompletionUsage): TokenUsage {
  return { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens };
}

function refused(): LlmError {
  return new LlmError('content_refused', PROVIDER, `${PROVIDER}: the content filter stopped the reply`);
}
