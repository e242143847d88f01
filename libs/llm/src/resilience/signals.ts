import { LlmError } from '../llm-error';

/** Waits `ms`; may resolve early when `signal` aborts (callers re-check the signal). Injectable so tests never wait. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Settles like `work`, but rejects with `onAbort()` the moment `signal` aborts. We do
 * not trust a provider or an injected sleep to honour the signal promptly: a hung
 * socket must not keep a cancelled job (or a timed-out attempt) waiting.
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined); // abandoned: its late rejection must not be unhandled
    return Promise.reject(onAbort());
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

export function cancelledError(provider: string, signal?: AbortSignal): LlmError {
  return new LlmError('cancelled', provider, 'generation was cancelled', { cause: signal?.reason });
}

/**
 * Providers must throw LlmError; anything else is a bug or an unmapped transport
 * failure (undici's `TypeError: fetch failed`). Treating it as `provider_unavailable`
 * lets the chain fall back instead of failing a user's request on one adapter's gap.
 */
export function toLlmError(error: unknown, provider: string): LlmError {
  if (error instanceof LlmError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new LlmError('provider_unavailable', provider, `unexpected failure: ${message}`, { cause: error });
}
