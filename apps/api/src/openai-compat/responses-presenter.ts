import type { Job } from '@copilot/persistence';
import { finishReasonOf, usageOf } from './chat-completion-presenter';
import type { StartedCompletion } from './chat-completion-starter';
import type { OpenAiError } from './openai-error';
import type { ResponsesRequest } from './responses-request';

/** A started generation and the Responses request it answers (whose settings the response echoes). */
export interface StartedResponse {
  started: StartedCompletion;
  request: ResponsesRequest;
}

export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

/** How far a response got: its text so far, and the ended job, or the failure, once there is one. */
export type ResponseState =
  | { status: 'in_progress'; text: string }
  | { status: 'ended'; text: string; job: Job }
  | { status: 'failed'; text: string; error: OpenAiError };

// The job id inside both: support can find the job (GET /v1/jobs/:id) from a client's log.
export const responseId = (started: StartedCompletion) => `resp_${started.job.id}`;
export const messageId = (started: StartedCompletion) => `msg_${started.job.id}`;

/** `completed`, or `incomplete` when a token limit cut the reply (the provider's finish reason `length`). */
export function endedStatus(started: StartedCompletion, job: Job): 'completed' | 'incomplete' {
  return finishReasonOf(job, started.maxTokens) === 'length' ? 'incomplete' : 'completed';
}

export function outputText(text: string) {
  return { type: 'output_text' as const, text, annotations: [], logprobs: [] };
}

/** The reply as the one output item: an assistant message with one text part (none before the first token). */
export function outputMessage(started: StartedCompletion, status: ResponseStatus, content: string | null) {
  return {
    type: 'message' as const,
    id: messageId(started),
    status: status === 'failed' ? ('incomplete' as const) : status,
    role: 'assistant' as const,
    content: content === null ? [] : [outputText(content)],
  };
}

export function responseUsage(job: Job) {
  const usage = usageOf(job);
  return {
    input_tokens: usage.prompt_tokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: usage.completion_tokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: usage.total_tokens,
  };
}

/**
 * The `response` object, as OpenAI returns it and puts in the stream's lifecycle
 * events: the outcome, the output, the usage, and the request's settings echoed.
 * `output_text` is left out, as OpenAI leaves it out: it is the SDKs' convenience,
 * which they compute from `output`.
 */
export function responseObject({ started, request }: StartedResponse, state: ResponseState) {
  const status: ResponseStatus = state.status === 'ended' ? endedStatus(started, state.job) : state.status;
  const hasOutput = state.status !== 'in_progress' && (state.status === 'ended' || state.text !== '');
  return {
    id: responseId(started),
    object: 'response' as const,
    created_at: Math.floor(started.job.createdAt.getTime() / 1000),
    status,
    ...(state.status === 'ended'
      ? { completed_at: Math.floor((state.job.finishedAt ?? new Date()).getTime() / 1000) }
      : { completed_at: null }),
    background: false,
    error:
      state.status === 'failed'
        ? { code: state.error.body.code ?? state.error.body.type, message: state.error.body.message }
        : null,
    incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' as const } : null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    max_tool_calls: null,
    model: started.model,
    output: hasOutput ? [outputMessage(started, status, state.text)] : [],
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: request.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    ...(request.store != null ? { store: request.store } : {}),
    temperature: request.temperature ?? null,
    text: { format: { type: 'text' as const } },
    tool_choice: request.tool_choice ?? 'auto',
    tools: [],
    top_p: request.top_p ?? null,
    truncation: request.truncation ?? 'disabled',
    usage: state.status === 'ended' ? responseUsage(state.job) : null,
    user: request.user ?? null,
    metadata: request.metadata ?? {},
  };
}

/**
 * The stream's events, numbered: every event carries its `sequence_number`, as
 * OpenAI's do (clients use it to resume and to order them).
 */
export class ResponseEvents {
  private sequence = 0;

  constructor(private readonly context: StartedResponse) {}

  private event<T extends string, F extends object>(type: T, fields: F) {
    return { type, sequence_number: this.sequence++, ...fields };
  }

  /** response.created, response.in_progress, then the message item and its text part, still empty. */
  opening() {
    const { started } = this.context;
    const response = responseObject(this.context, { status: 'in_progress', text: '' });
    return [
      this.event('response.created', { response }),
      this.event('response.in_progress', { response }),
      this.event('response.output_item.added', {
        output_index: 0,
        item: outputMessage(started, 'in_progress', null),
      }),
      this.event('response.content_part.added', {
        item_id: messageId(started),
        output_index: 0,
        content_index: 0,
        part: outputText(''),
      }),
    ];
  }

  delta(text: string) {
    return this.event('response.output_text.delta', {
      item_id: messageId(this.context.started),
      output_index: 0,
      content_index: 0,
      delta: text,
      logprobs: [],
    });
  }

  /** The text part and the message done, then response.completed (or .incomplete when a limit cut it). */
  closing(job: Job, text: string) {
    const { started } = this.context;
    const status = endedStatus(started, job);
    const item = { item_id: messageId(started), output_index: 0, content_index: 0 };
    return [
      this.event('response.output_text.done', { ...item, text, logprobs: [] }),
      this.event('response.content_part.done', { ...item, part: outputText(text) }),
      this.event('response.output_item.done', { output_index: 0, item: outputMessage(started, status, text) }),
      this.event(status === 'incomplete' ? 'response.incomplete' : 'response.completed', {
        response: responseObject(this.context, { status: 'ended', text, job }),
      }),
    ];
  }

  /**
   * A failure once the stream has begun: OpenAI's `error` event, then response.failed.
   * The error's fields are both at the top (as OpenAI's reference documents the event)
   * and under `error` (as OpenAI sends it, and as the openai SDKs look for it to raise
   * an APIError); the Vercel AI SDK reads either.
   */
  failure(error: OpenAiError, text: string) {
    const { message, type, code, param } = error.body;
    return [
      this.event('error', { code, message, param, error: { type, code, message, param } }),
      this.event('response.failed', { response: responseObject(this.context, { status: 'failed', text, error }) }),
    ];
  }
}

/** One SSE frame, named by the event's type as OpenAI names them. */
export function eventFrame(event: { type: string }): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}
