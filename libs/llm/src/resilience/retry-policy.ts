import type { LlmError } from '../llm-error';
import { AttemptDeadline } from './attempt-deadline';
import { cancelledError, raceAbort, realSleep, type Sleep } from './signals';

export interface RetryPolicy {
  /** Retries after the first attempt (so at most maxRetries + 1 attempts). */
  maxRetries: number;
  /** Ceiling of the first backoff; doubles per retry. */
  baseDelayMs: number;
  /** Cap of the exponential ceiling. */
  maxDelayMs: number;
  /** A Retry-After beyond this is not worth waiting for: give up (and let the chain fall back). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 3,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
});

/**
 * "Full jitter": uniform in [0, min(cap, base * 2^retry)). Spreads the workers that
 * failed together instead of having them retry in lock-step.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * How long to wait before retry number `retry` (0-based), or undefined to stop:
 * the error is not retryable, retries are used up, or the vendor asked for a pause
 * longer than `maxRetryAfterMs`. A Retry-After is a floor; a little jitter (up to
 * one base delay) is added on top so every worker told "1 s" does not return at once.
 */
export function retryDelay(
  error: LlmError,
  retry: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | undefined {
  if (!error.retryable || retry >= policy.maxRetries) return undefined;
  const backoff = backoffDelay(retry, policy, random);
  const after = error.retryAfterMs;
  if (after === undefined) return backoff;
  if (after > policy.maxRetryAfterMs) return undefined;
  return Math.max(backoff, after + Math.floor(random() * policy.baseDelayMs));
}

export interface WithRetriesOptions {
  policy?: Partial<RetryPolicy>;
  /** Names the provider in errors that are not LlmErrors (timeouts, cancellation, bugs). */
  provider?: string;
  /** The caller's signal: aborting it stops the attempt or the wait at once (→ `cancelled`). */
  signal?: AbortSignal;
  /** Per-attempt deadline (→ `timeout`); none when absent. */
  timeoutMs?: number;
  sleep?: Sleep;
  random?: () => number;
  onRetry?: (info: { attempt: number; delayMs: number; error: LlmError }) => void;
}

/**
 * Runs a one-shot call (e.g. `provider.complete`) with backoff. Streaming goes through
 * ResilientGenerator instead, which shares `retryDelay` but must also handle tokens
 * already delivered. Throws the last LlmError.
 */
export async function withRetries<T>(
  fn: (ctx: { attempt: number; signal: AbortSignal }) => Promise<T>,
  options: WithRetriesOptions = {},
): Promise<T> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const provider = options.provider ?? 'unknown';
  const sleep = options.sleep ?? realSleep;
  const cancelled = () => cancelledError(provider, options.signal);
  for (let retry = 0; ; retry++) {
    if (options.signal?.aborted) throw cancelled();
    const deadline = new AttemptDeadline(provider, options.timeoutMs, options.signal);
    let error: LlmError;
    try {
      return await deadline.watch(Promise.resolve().then(() => fn({ attempt: retry + 1, signal: deadline.signal })));
    } catch (caught) {
      error = deadline.classify(caught);
    } finally {
      deadline.dispose();
    }
    if (error.kind === 'cancelled') throw error;
    const delayMs = retryDelay(error, retry, policy, options.random);
    if (delayMs === undefined) throw error;
    options.onRetry?.({ attempt: retry + 1, delayMs, error });
    await raceAbort(sleep(delayMs, options.signal), options.signal, cancelled);
  }
}
