import type { Job } from '@copilot/persistence';
import { OpenAiError } from './openai-error';
import type { StartedCompletion } from './chat-completion-starter';

export type FinishReason = 'stop' | 'length';

export interface CompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** Ids and timestamps shared by a response's completion object or chunks. */
export function completionHeader(started: StartedCompletion) {
  return {
    // The job id inside: support can find the job (GET /v1/jobs/:id) from a client's log.
    id: `chatcmpl-${started.job.id}`,
    created: Math.floor(started.job.createdAt.getTime() / 1000),
    model: started.model,
    system_fingerprint: null,
  };
}

interface JobResult {
  inputTokens?: number;
  outputTokens?: number;
  /** The provider's own finish reason, as the worker recorded it. */
  finishReason?: string;
}
interface JobFailure {
  reason?: string;
  message?: string;
}

export function usageOf(job: Job): CompletionUsage {
  const result = (job.result ?? {}) as JobResult;
  const prompt = result.inputTokens ?? 0;
  const completion = result.outputTokens ?? 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/**
 * What the provider said ended the reply (`length` also when an OpenAI-compatible
 * server hit a limit of its own). Jobs recorded before the worker kept it: a reply
 * that used its whole allowance was cut by it.
 */
export function finishReasonOf(job: Job, maxTokens: number | null): FinishReason {
  const recorded = ((job.result ?? {}) as JobResult).finishReason;
  if (recorded === 'length' || recorded === 'stop') return recorded;
  return maxTokens !== null && usageOf(job).completion_tokens >= maxTokens ? 'length' : 'stop';
}

/** One choice's ended job and its text. */
export interface ChoiceReply {
  job: Job;
  content: string;
}

/** `n` choices are `n` generations: their usage adds up, the prompt counted once per choice. */
export function totalUsage(jobs: readonly Job[]): CompletionUsage {
  const usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  for (const job of jobs) {
    const one = usageOf(job);
    usage.prompt_tokens += one.prompt_tokens;
    usage.completion_tokens += one.completion_tokens;
    usage.total_tokens += one.total_tokens;
  }
  return usage;
}

export function chatCompletion(started: StartedCompletion, replies: readonly ChoiceReply[]) {
  return {
    ...completionHeader(started),
    object: 'chat.completion',
    choices: replies.map(({ job, content }, index) => ({
      index,
      message: { role: 'assistant', content, refusal: null, annotations: [] },
      logprobs: null,
      finish_reason: finishReasonOf(job, started.maxTokens),
    })),
    usage: totalUsage(replies.map((reply) => reply.job)),
  };
}

export interface ChunkChoice {
  index: number;
  delta: { role?: 'assistant'; content?: string };
  finish_reason: FinishReason | null;
}

export function chatCompletionChunk(
  started: StartedCompletion,
  choice: ChunkChoice | null,
  usage: { include: boolean; value?: CompletionUsage },
) {
  return {
    ...completionHeader(started),
    object: 'chat.completion.chunk',
    choices: choice ? [{ ...choice, logprobs: null }] : [],
    // With include_usage, OpenAI sends `usage: null` on every chunk but the last one.
    ...(usage.include ? { usage: usage.value ?? null } : {}),
  };
}

/**
 * A failed generation job in OpenAI's terms. The provider's trouble is the
 * platform's (5xx), except what the request itself caused (too long, refused,
 * rejected by the provider as invalid) and the provider's rate limit (429).
 */
export function failureOf(job: Job): OpenAiError {
  const { reason = 'internal_error', message = 'the generation failed' } = (job.error ?? {}) as JobFailure;
  const detail = `The generation failed (${reason}): ${message}`;
  const as = (status: number, type: string, code: string | null, headers: Record<string, string> = {}) =>
    new OpenAiError(status, { message: detail, type, param: null, code }, headers);
  switch (reason) {
    case 'context_too_long':
      return as(400, 'invalid_request_error', 'context_length_exceeded');
    case 'content_refused':
      return as(400, 'invalid_request_error', 'content_policy_violation');
    case 'invalid_request':
      return as(400, 'invalid_request_error', 'invalid_request');
    case 'rate_limited':
      // The provider did not say when to come back once the worker gave up; a few seconds is its usual window.
      return as(429, 'requests', 'rate_limit_exceeded', { 'retry-after': '5' });
    case 'timeout':
      return as(504, 'server_error', 'timeout');
    case 'provider_unavailable':
    case 'stream_interrupted':
    case 'authentication':
      return as(502, 'server_error', reason);
    default:
      return as(500, 'server_error', reason);
  }
}
