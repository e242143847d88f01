/**
 * Per-server circuit breakers, in this process's memory: after `threshold` consecutive
 * failures a server is skipped for `openMs`, so a run does not wait out a timeout per
 * call on a server that is down. Then one call is let through again: its outcome
 * closes the circuit or opens it anew. Not shared between processes, on purpose: each
 * worker finds out for itself, and a restart forgets.
 */
export class CircuitBreakers {
  private readonly states = new Map<string, { failures: number; openUntil: number }>();

  constructor(
    private readonly threshold = 3,
    private readonly openMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds left before `key` may be tried again; 0 when it may be tried now. */
  retryInMs(key: string): number {
    const state = this.states.get(key);
    if (!state || state.openUntil === 0) return 0;
    const left = state.openUntil - this.now();
    if (left > 0) return left;
    // Half-open: let this one call through; one more failure opens it again at once.
    state.openUntil = 0;
    state.failures = this.threshold - 1;
    return 0;
  }

  succeeded(key: string): void {
    this.states.delete(key);
  }

  failed(key: string): void {
    const state = this.states.get(key) ?? { failures: 0, openUntil: 0 };
    state.failures++;
    if (state.failures >= this.threshold) state.openUntil = this.now() + this.openMs;
    this.states.set(key, state);
  }

  forget(key: string): void {
    this.states.delete(key);
  }
}
