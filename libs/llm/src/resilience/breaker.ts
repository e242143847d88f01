import { LlmError, type LlmErrorKind } from '../llm-error';

export type BreakerState = 'closed' | 'open' | 'half_open';

/** Leave to call a provider, handed back with the call's outcome. */
export interface BreakerPermit {
  /** The circuit (provider and credential) the call went through. */
  provider: string;
  /** This call is the single half-open probe: its outcome closes or re-opens the circuit. */
  probe: boolean;
  /** Identifies the probe lease, so releasing it never frees another caller's lease. */
  token?: string;
  /** The breaker could not be consulted (its store failed) and let the call through. */
  degraded?: boolean;
}

/** What ResilientGenerator needs from a breaker; CircuitBreaker is the Redis-backed one. */
export interface Breaker {
  /** Throws CircuitOpenError while the circuit is open (or another caller holds the probe). */
  acquire(provider: string): Promise<BreakerPermit>;
  /** The provider answered: resets the failure count, closes the circuit after a probe. */
  onSuccess(permit: BreakerPermit): Promise<void>;
  /** Counts health failures (see BREAKER_FAILURES); other kinds only release a probe lease. */
  onFailure(permit: BreakerPermit, error: LlmError): Promise<void>;
  state(provider: string): Promise<BreakerState>;
  /** Milliseconds a call to this circuit would still be skipped (0: it would go through). */
  openFor(circuit: string): Promise<number>;
}

/**
 * Failures that say the provider itself is unhealthy. The others (invalid_request,
 * context_too_long, content_refused, authentication, cancelled) are about the request,
 * the key or the caller: the vendor answered, so they neither count nor reset.
 */
export const BREAKER_FAILURES: ReadonlySet<LlmErrorKind> = new Set([
  'provider_unavailable',
  'timeout',
  'stream_interrupted',
  'rate_limited',
]);

/** The call was skipped without contacting the provider. */
export class CircuitOpenError extends LlmError {
  constructor(provider: string, retryAfterMs: number, halfOpen = false) {
    super(
      'provider_unavailable',
      provider,
      halfOpen
        ? `circuit open for ${provider}: another caller is probing whether it recovered`
        : `circuit open for ${provider}: skipped after repeated failures`,
      { retryAfterMs },
    );
    this.name = 'CircuitOpenError';
  }
}
