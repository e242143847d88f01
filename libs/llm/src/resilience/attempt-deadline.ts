import { LlmError } from '../llm-error';
import { cancelledError, raceAbort, toLlmError } from './signals';

/**
 * One attempt's abort signal: the caller's signal combined with an idle timer. The
 * timer runs only while we wait on the provider (`watch`), so it measures the gap
 * before the first chunk and between chunks, not the time our consumer spends on a
 * chunk. When it fires the attempt is aborted and reported as `timeout`; an abort by
 * the caller stays `cancelled`.
 */
export class AttemptDeadline {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private expired = false;
  private readonly onCallerAbort = () => this.controller.abort(this.callerSignal?.reason);

  constructor(
    private readonly provider: string,
    /** Absent, zero or non-finite: no timer (only the caller's signal). */
    private readonly timeoutMs: number | undefined,
    private readonly callerSignal?: AbortSignal,
  ) {
    if (callerSignal?.aborted) this.controller.abort(callerSignal.reason);
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  /** Hand this to the provider. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get timedOut(): boolean {
    return this.expired;
  }

  /** Awaits one step of the provider with the idle timer armed; rejects at once on abort. */
  async watch<T>(work: Promise<T>): Promise<T> {
    this.arm();
    try {
      return await raceAbort(work, this.signal, () => this.classify(undefined));
    } finally {
      clearTimeout(this.timer);
    }
  }

  /** The attempt's failure in the caller's terms: caller abort wins over our timer, which wins over the provider's error. */
  classify(error: unknown): LlmError {
    if (this.callerSignal?.aborted) {
      return error instanceof LlmError && error.kind === 'cancelled'
        ? error
        : cancelledError(this.provider, this.callerSignal);
    }
    if (this.expired) {
      return new LlmError('timeout', this.provider, `no response from ${this.provider} within ${this.timeoutMs} ms`, {
        cause: error,
      });
    }
    return toLlmError(error, this.provider);
  }

  /** Stops the timer and aborts whatever the provider still has in flight (no-op after a clean finish). */
  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
    if (!this.signal.aborted) this.controller.abort(new Error('attempt finished'));
  }

  private arm(): void {
    clearTimeout(this.timer);
    const ms = this.timeoutMs;
    if (ms === undefined || !Number.isFinite(ms) || ms <= 0 || this.signal.aborted) return;
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort(new Error(`attempt timed out after ${ms} ms`));
    }, ms);
  }
}
