import Anthropic, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import { LlmError, type LlmErrorKind } from '../../llm-error';
import { anthropicMaxOutputTokens } from '../../context/output-limits';
import type {
  ChatTurn,
  Completion,
  FinishReason,
  GenerateChunk,
  GenerateRequest,
  LlmProvider,
  ProviderCredentials,
  ToolCall,
  ToolChoice,
} from '../../llm-provider';
import {
  AttemptGuard,
  type Classified,
  CONTEXT_TOO_LONG,
  describeError,
  egressRefusal,
  kindForStatus,
  llmError,
  retryAfterFromHeaders,
  safeToken,
} from '../openai/sdk-attempt';

const PROVIDER = 'anthropic';
const DEFAULT_BASE_URL = 'https://api.anthropic.com';

/** Error types Anthropic sends in the body (and in an in-stream `error` event, which has no status). */
const KIND_BY_TYPE: Record<string, LlmErrorKind> = {
  overloaded_error: 'provider_unavailable',
  api_error: 'provider_unavailable',
  rate_limit_error: 'rate_limited',
  timeout_error: 'timeout',
  authentication_error: 'authentication',
  permission_error: 'authentication',
  billing_error: 'authentication',
};

/** Anthropic's Messages API through the official SDK. One attempt per call: the SDK's retries are off. */
export class AnthropicProvider implements LlmProvider {
  readonly name = PROVIDER;
  readonly circuit: string;
  private readonly client: Anthropic;
  private readonly apiKey: string;
  private readonly timeoutMs: number;

  constructor(credentials: ProviderCredentials) {
    this.apiKey = credentials.apiKey;
    this.timeoutMs = credentials.timeoutMs;
    this.circuit = credentials.circuit ?? PROVIDER;
    this.client = new Anthropic({
      apiKey: credentials.apiKey,
      // Explicit, so the SDK does not fall back to ANTHROPIC_BASE_URL from the environment.
      baseURL: credentials.baseUrl ?? DEFAULT_BASE_URL,
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
    let stream: AsyncIterator<Anthropic.RawMessageStreamEvent> | undefined;
    try {
      const body = { ...params(request), stream: true as const };
      const response = await guard.within(() => this.client.messages.create(body, { signal: guard.signal }));
      stream = response[Symbol.asyncIterator]();
      let finished = false;
      let finishReason: FinishReason = 'stop';
      let inputTokens: number | undefined;
      let outputTokens = 0;
      const calls = new ToolCallAssembler();
      for (;;) {
        // The timeout applies to each wait for the next event, not to the consumer's pace.
        const next = await guard.within(() => stream!.next());
        if (next.done) break;
        const event = next.value;
        if (event.type === 'message_start') {
          inputTokens = promptTokens(event.message.usage);
          outputTokens = event.message.usage.output_tokens;
        } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta' && event.delta.text) {
          yield { type: 'token', text: event.delta.text };
        } else if (isBlockEvent(event)) {
          // Tool calls' blocks; text deltas are handled above, other blocks ignored.
          const chunk = calls.take(event);
          if (chunk) yield chunk;
        } else if (event.type === 'message_delta') {
          // Cumulative: the last one holds the reply's total.
          outputTokens = event.usage.output_tokens;
          if (event.delta.stop_reason === 'refusal') throw refused();
          if (event.delta.stop_reason) finishReason = finishReasonOf(event.delta.stop_reason);
        } else if (event.type === 'message_stop') {
          finished = true;
        }
      }
      // The SDK ends an aborted stream quietly, and one cut before `message_stop` too.
      const stopped = guard.stoppedError(PROVIDER);
      if (stopped) throw stopped;
      if (!finished) {
        throw new LlmError('stream_interrupted', PROVIDER, `${PROVIDER}: the stream ended before message_stop`);
      }
      yield { type: 'finish', reason: finishReason };
      if (inputTokens !== undefined) yield { type: 'usage', inputTokens, outputTokens };
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
      const message = await guard.within(() => this.client.messages.create(body, { signal: guard.signal }));
      if (message.stop_reason === 'refusal') throw refused();
      const text = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
      const toolCalls = message.content.flatMap((block): ToolCall[] =>
        block.type === 'tool_use' ? [{ id: block.id, name: block.name, arguments: JSON.stringify(block.input) }] : [],
      );
      return {
        text,
        ...(toolCalls.length ? { toolCalls } : {}),
        usage: { inputTokens: promptTokens(message.usage), outputTokens: message.usage.output_tokens },
        ...(message.stop_reason ? { finishReason: finishReasonOf(message.stop_reason) } : {}),
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
    const { kind, detail, status, retryAfterMs } = classify(err, this.timeoutMs);
    return llmError(kind, PROVIDER, detail, this.apiKey, { status, retryAfterMs, cause: err });
  }
}

/** What an SDK failure means in LlmError terms. */
function classify(err: unknown, timeoutMs: number): Classified {
  if (err instanceof APIUserAbortError) return { kind: 'cancelled', detail: 'the request was cancelled' };
  if (err instanceof APIConnectionTimeoutError) return { kind: 'timeout', detail: `no answer within ${timeoutMs} ms` };
  if (err instanceof APIConnectionError) {
    return (
      egressRefusal(err) ?? { kind: 'provider_unavailable', detail: `cannot reach the server (${describeError(err)})` }
    );
  }
  if (!(err instanceof APIError)) {
    // Not wrapped by the SDK: the connection dropped mid-body (undici's "terminated") or
    // a frame was not JSON (SyntaxError). Either way the reply broke after it began.
    return { kind: 'stream_interrupted', detail: `the response broke off (${describeError(err)})` };
  }
  // Anthropic's `message` is the whole JSON body; `apiMessage` is the human part. Both are
  // read to classify, never repeated: only the error type is (a tenant's endpoint may say anything).
  const type = safeToken(err.type) ?? 'error';
  const text = err.apiMessage ?? err.message;
  const status = err.status;
  if (status === undefined) {
    // An `error` event inside the stream, after the 200.
    return { kind: KIND_BY_TYPE[type] ?? 'stream_interrupted', detail: `error in the stream (${type})` };
  }
  if (status === 401) return { kind: 'authentication', detail: `the API key was rejected (HTTP 401 ${type})`, status };
  if ((status === 400 || status === 413) && CONTEXT_TOO_LONG.test(text)) {
    return { kind: 'context_too_long', detail: `the prompt does not fit the model (HTTP ${status} ${type})`, status };
  }
  const retryAfterMs = retryAfterFromHeaders(err.headers);
  return { kind: kindForStatus(status), detail: `the server answered HTTP ${status} ${type}`, status, retryAfterMs };
}

function params(request: GenerateRequest): Anthropic.MessageCreateParamsNonStreaming {
  return {
    model: request.model,
    // Required by the Messages API: without a limit of the caller's, the model's own maximum.
    max_tokens: request.maxTokens ?? anthropicMaxOutputTokens(request.model),
    messages: messagesOf(request.messages),
    ...(request.system ? { system: request.system } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.topP !== undefined ? { top_p: request.topP } : {}),
    ...(request.stop?.length ? { stop_sequences: request.stop } : {}),
    // Anthropic has no seed or penalties; the end user's id goes where its API takes one.
    ...(request.user ? { metadata: { user_id: request.user } } : {}),
    ...(request.tools?.length ? toolParams(request) : {}),
  };
}

type Turn = Anthropic.UserMessageParam | Anthropic.AssistantMessageParam;

/**
 * The history as Anthropic's messages. Tool results are the user's turn there, and all
 * the results of one step must sit in the one message right after the calls (Anthropic
 * pairs each tool_use with a tool_result in the next message): consecutive results, and
 * a user turn that follows them, join that message instead of starting another.
 */
function messagesOf(turns: ChatTurn[]): Turn[] {
  const messages: Turn[] = [];
  for (const turn of turns) {
    const message = messageOf(turn);
    const last = messages.at(-1);
    if (last?.role === 'user' && message.role === 'user' && holdsToolResults(last)) {
      last.content = [...blocksOf(last.content), ...blocksOf(message.content)];
    } else {
      messages.push(message);
    }
  }
  return messages;
}

function messageOf(turn: ChatTurn): Turn {
  if (turn.role === 'tool') {
    const result: Anthropic.ToolResultBlockParam = {
      type: 'tool_result',
      tool_use_id: turn.toolCallId,
      content: turn.content,
      ...(turn.isError ? { is_error: true } : {}),
    };
    return { role: 'user', content: [result] };
  }
  if (turn.role === 'user' || !turn.toolCalls?.length) return { role: turn.role, content: turn.content };
  // Anthropic rejects empty text blocks: a turn that only called tools has none.
  const text: Anthropic.TextBlockParam[] = turn.content ? [{ type: 'text', text: turn.content }] : [];
  const uses = turn.toolCalls.map((call): Anthropic.ToolUseBlockParam => ({
    type: 'tool_use',
    id: call.id,
    name: call.name,
    input: inputOf(call),
  }));
  return { role: 'assistant', content: [...text, ...uses] };
}

/**
 * A call's arguments as the object Anthropic wants back. They are the model's text, never
 * checked: arguments that are not a JSON object go back as `{}` (the tool's result, an
 * error about them, follows it anyway) rather than failing the whole request.
 */
function inputOf(call: ToolCall): Record<string, unknown> {
  try {
    const input: unknown = JSON.parse(call.arguments);
    return input !== null && typeof input === 'object' && !Array.isArray(input)
      ? (input as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function holdsToolResults(message: Turn): boolean {
  return Array.isArray(message.content) && message.content.some((block) => block.type === 'tool_result');
}

/** A message's content as blocks, to merge two messages into one (empty text is dropped: Anthropic rejects it). */
function blocksOf(content: Anthropic.MessageContentParam): Anthropic.ContentBlockParam[] {
  if (typeof content !== 'string') return content;
  return content ? [{ type: 'text', text: content }] : [];
}

function toolParams(
  request: GenerateRequest,
): Pick<Anthropic.MessageCreateParamsNonStreaming, 'tools' | 'tool_choice'> {
  return {
    tools: (request.tools ?? []).map((tool) => ({
      name: tool.name,
      description: tool.description,
      // A JSON Schema object, as ToolSpec documents; the SDK's type only insists on `type: 'object'`.
      input_schema: tool.parameters as Anthropic.Tool.InputSchema,
    })),
    tool_choice: toolChoiceOf(request.toolChoice ?? 'auto', request.parallelToolCalls === false),
  };
}

/** `required` is Anthropic's `any`; one call per step is a flag on the choice (`none` makes none, so has no flag). */
function toolChoiceOf(choice: ToolChoice, oneCall: boolean): Anthropic.ToolChoice {
  if (choice === 'none') return { type: 'none' };
  const flag = oneCall ? { disable_parallel_tool_use: true } : {};
  if (choice === 'auto') return { type: 'auto', ...flag };
  if (choice === 'required') return { type: 'any', ...flag };
  return { type: 'tool', name: choice.name, ...flag };
}

type BlockEvent =
  Anthropic.RawContentBlockStartEvent | Anthropic.RawContentBlockDeltaEvent | Anthropic.RawContentBlockStopEvent;

function isBlockEvent(event: Anthropic.RawMessageStreamEvent): event is BlockEvent {
  return (
    event.type === 'content_block_start' || event.type === 'content_block_delta' || event.type === 'content_block_stop'
  );
}

/**
 * Turns a stream's tool_use blocks into tool-call chunks. Anthropic numbers all content
 * blocks (text ones too); a call's `index` is its place among this step's calls. A call
 * is complete at its block's `content_block_stop`: one cut before that is never emitted.
 */
class ToolCallAssembler {
  private readonly open = new Map<number, { index: number; id: string; name: string; input: unknown; json: string }>();
  private count = 0;

  take(event: BlockEvent): GenerateChunk | undefined {
    if (event.type === 'content_block_start') {
      if (event.content_block.type !== 'tool_use') return undefined;
      const { id, name, input } = event.content_block;
      const index = this.count++;
      this.open.set(event.index, { index, id, name, input, json: '' });
      return { type: 'tool_call_delta', index, id, name, argumentsDelta: '' };
    }
    const call = this.open.get(event.index);
    if (!call) return undefined;
    if (event.type === 'content_block_delta') {
      // Anthropic's first piece is often empty: nothing to show.
      if (event.delta.type !== 'input_json_delta' || !event.delta.partial_json) return undefined;
      call.json += event.delta.partial_json;
      return { type: 'tool_call_delta', index: call.index, argumentsDelta: event.delta.partial_json };
    }
    this.open.delete(event.index);
    // No pieces: a call without arguments (`{}`), or input sent whole in the block's start.
    const args = call.json || JSON.stringify(call.input ?? {});
    return { type: 'tool_call', call: { id: call.id, name: call.name, arguments: args } };
  }
}

/**
 * The whole prompt: `input_tokens` leaves out what was read from or written to the
 * prompt cache, and both are billed (reads at a tenth, writes at 1.25x), so all count.
 */
function promptTokens(usage: {
  input_tokens: number;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}): number {
  return usage.input_tokens + (usage.cache_read_input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0);
}

/**
 * `max_tokens` (our limit cut the reply) and `model_context_window_exceeded` are `length`,
 * `tool_use` (the model waits for its calls' results) is `tool_calls`; the rest ended it.
 */
function finishReasonOf(reason: string): FinishReason {
  if (reason === 'tool_use') return 'tool_calls';
  return reason === 'max_tokens' || reason === 'model_context_window_exceeded' ? 'length' : 'stop';
}

function refused(): LlmError {
  return new LlmError('content_refused', PROVIDER, `${PROVIDER}: the model refused to answer (stop_reason refusal)`);
}
