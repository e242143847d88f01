/**
 * Why a provider call failed, in terms an integrator can act on. `retryable`
 * says whether the same request may succeed later on the same provider.
 */
export type LlmErrorKind =
  | 'rate_limited' // 429: slow down; retryAfterMs when the vendor said
  | 'provider_unavailable' // 5xx, overloaded, connection refused or reset
  | 'timeout' // no answer (or no next chunk) within the attempt's time
  | 'stream_interrupted' // the stream broke or sent a malformed frame after it began
  | 'context_too_long' // the prompt does not fit the model
  | 'content_refused' // the vendor's safety system refused the request or the reply
  | 'invalid_request' // 400-class problems with the request itself (bad model name, bad parameter)
  | 'authentication' // bad or missing key, no permission
  | 'cancelled'; // the caller aborted

const RETRYABLE: ReadonlySet<LlmErrorKind> = new Set([
  'rate_limited',
  'provider_unavailable',
  'timeout',
  'stream_interrupted',
]);

export class LlmError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly kind: LlmErrorKind,
    readonly provider: string,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'LlmError';
    this.retryable = RETRYABLE.has(kind);
  }

  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }

  get status(): number | undefined {
    return this.details.status;
  }
}

/** Parses a Retry-After header value (seconds, or an HTTP date) into milliseconds. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
