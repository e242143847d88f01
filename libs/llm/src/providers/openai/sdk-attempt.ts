/**
 * Vendor-neutral pieces the SDK adapters share: the attempt guard (caller abort
 * + timeouts the SDKs do not cover), HTTP status → error kind, Retry-After and
 * key redaction. Lives in the OpenAI folder for now; the Anthropic adapter
 * imports it from here (it belongs in `providers/` once that folder is shared).
 */
import { egressErrorIn } from '@copilot/egress';
import { LlmError, type LlmErrorKind, retryAfterMs } from '../../llm-error';

export type StopReason = 'cancelled' | 'timeout';

/**
 * One attempt's abort signal for the SDK. It fires when the caller's signal
 * does, or when a guarded step (the request, or waiting for the next stream
 * chunk) takes longer than the attempt's timeout. The SDKs' own `timeout` only
 * covers the wait for response headers, so without this a server that stalls
 * mid-stream or mid-body would hold the attempt forever.
 */
export class AttemptGuard {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private reason: StopReason | undefined;

  constructor(
    private readonly caller: AbortSignal | undefined,
    readonly timeoutMs: number,
  ) {
    if (caller?.aborted) this.stop('cancelled');
    else caller?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  /** Hand this to the SDK as the request's `signal`. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why this side stopped the attempt, if it did. */
  get stopReason(): StopReason | undefined {
    return this.reason;
  }

  /** Awaits one step; if it takes longer than the attempt's timeout, the request is aborted. */
  async within<T>(step: () => Promise<T>): Promise<T> {
    this.timer = setTimeout(() => this.stop('timeout'), this.timeoutMs);
    try {
      return await step();
    } finally {
      clearTimeout(this.timer);
    }
  }

  /** The error for a stop from this side (the SDKs end an aborted stream quietly, without throwing). */
  stoppedError(provider: string, cause?: unknown): LlmError | undefined {
    if (this.reason === 'cancelled') {
      return new LlmError('cancelled', provider, `${provider}: the request was cancelled`, { cause });
    }
    if (this.reason === 'timeout') {
      const message = `${provider}: no answer (or next chunk) within ${this.timeoutMs} ms`;
      return new LlmError('timeout', provider, message, { cause });
    }
    return undefined;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }

  private readonly onCallerAbort = (): void => this.stop('cancelled');

  private stop(reason: StopReason): void {
    this.reason ??= reason;
    this.controller.abort();
  }
}

/** An SDK failure sorted into an error kind, before it becomes an LlmError. */
export interface Classified {
  kind: LlmErrorKind;
  /** What went wrong, for the message; never the key (llmError redacts it anyway). */
  detail: string;
  status?: number;
  retryAfterMs?: number;
}

/** The kind an HTTP error status means when the body says nothing more specific. */
export function kindForStatus(status: number): LlmErrorKind {
  if (status === 429) return 'rate_limited';
  // 402: the key's account cannot pay; like a bad key, only the operator can fix it.
  if (status === 401 || status === 402 || status === 403) return 'authentication';
  if (status === 408) return 'timeout';
  if (status === 413) return 'context_too_long';
  if (status >= 500) return 'provider_unavailable';
  return 'invalid_request';
}

/** Retry delay from the response: `retry-after-ms` (OpenAI/Anthropic extension) wins over `retry-after`. */
export function retryAfterFromHeaders(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  return retryAfterMs(headers?.get('retry-after'));
}

/** Error texts from servers or proxies can echo the key: never let it into a message. */
export function redact(text: string, secret: string): string {
  return secret.length >= 4 ? text.split(secret).join('[redacted]') : text;
}

/** Wording OpenAI-compatible servers and vendors use for a prompt that does not fit the model. */
export const CONTEXT_TOO_LONG =
  /context[_ ]length|context window|context size|maximum context|prompt is too long|too many (input )?tokens/i;

/**
 * An upstream's code or type (`model_not_found`, `invalid_request_error`) when it is a
 * short token; anything else an upstream says stays out of messages a tenant reads,
 * since a tenant can aim a base URL at a server that answers with whatever it likes.
 */
export function safeToken(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_.:-]{1,64}$/.test(value) ? value : undefined;
}

/**
 * Names a failure that happened before or while reading an answer, by its code or
 * class (ECONNREFUSED, UND_ERR_SOCKET, SyntaxError), never its message: a JSON parse
 * error quotes the body it choked on. Not `instanceof Error`: undici's errors come
 * from another realm under Jest's VM sandbox.
 */
export function describeError(err: unknown): string {
  const names: string[] = [];
  for (let current = err, depth = 0; typeof current === 'object' && current !== null && depth < 4; depth++) {
    const { code, name } = current as { code?: unknown; name?: unknown };
    const label = safeToken(code) ?? safeToken(name);
    if (label && !names.includes(label) && label !== 'Error') names.push(label);
    current = (current as { cause?: unknown }).cause;
  }
  return names.join(': ') || 'unknown error';
}

/**
 * A call the egress policy refused (a tenant's base URL that names an internal
 * address): the request, not the provider, is wrong, so it is neither retried nor
 * counted against the provider's circuit. Undefined for any other failure.
 */
export function egressRefusal(err: unknown): Classified | undefined {
  const refused = egressErrorIn(err);
  return refused
    ? { kind: 'invalid_request', detail: `the endpoint is refused by the egress policy (${refused.message})` }
    : undefined;
}

/** Builds the LlmError for a failure that is neither a stop from this side nor already an LlmError. */
export function llmError(
  kind: LlmErrorKind,
  provider: string,
  detail: string,
  apiKey: string,
  details: { status?: number; retryAfterMs?: number; cause?: unknown },
): LlmError {
  return new LlmError(kind, provider, redact(`${provider}: ${detail}`, apiKey), details);
}
