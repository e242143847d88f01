import { LlmError, type LlmErrorKind } from '../llm-error';
import type { GenerateChunk, GenerateRequest, LlmProvider } from '../llm-provider';
import { plausibleUsage } from '../reported-usage';
import { AttemptDeadline } from './attempt-deadline';
import { CircuitOpenError, type Breaker, type BreakerPermit } from './breaker';
import { DEFAULT_RETRY_POLICY, retryDelay, type RetryPolicy } from './retry-policy';
import { cancelledError, raceAbort, realSleep, toLlmError, type Sleep } from './signals';

export interface ChainEntry {
  provider: LlmProvider;
  model: string;
}

/** Everything streamed so far is void: the caller tells its clients, who start over with what follows. */
export interface RestartMarker {
  type: 'restart';
  /** Who streams next, and which attempt on that provider it is (1-based). */
  provider: string;
  model: string;
  attempt: number;
  /** Why the previous attempt failed (`kind: message`). */
  reason: string;
}
export type ResilientChunk = GenerateChunk | RestartMarker;

export interface AttemptInfo {
  provider: string;
  model: string;
  /** 1-based, per chain entry. */
  attempt: number;
}
/** `rejected`: the circuit breaker skipped the call, the provider was not contacted. */
export type AttemptOutcome = 'success' | 'error' | 'cancelled' | 'rejected';
export interface OutcomeInfo extends AttemptInfo {
  outcome: AttemptOutcome;
  error?: LlmError;
  durationMs: number;
  timeToFirstTokenMs?: number;
}
/** For metrics; a hook that throws is ignored (metrics never break a generation). */
export interface GenerationHooks {
  /** A call is made to the provider (after the breaker let it through). */
  onAttempt?(info: AttemptInfo): void;
  /** Every attempt ends with exactly one outcome, including breaker rejections. */
  onOutcome?(info: OutcomeInfo): void;
  /** A usage report that cannot be true (negative, fractional, absurd) was dropped: the caller counts instead. */
  onImplausibleUsage?(info: AttemptInfo, reported: { inputTokens: unknown; outputTokens: unknown }): void;
}

export interface ResilientGeneratorOptions {
  /** Retries per chain entry after its first attempt. */
  maxRetries: number;
  /** Idle timeout: before the first chunk and between chunks. */
  timeoutMs: number;
  breaker?: Breaker;
  /**
   * After chunks went out, may we start over (on the same provider, or the next
   * one) behind a `restart` marker? Default true; false gives up instead.
   */
  restartAfterTokens?: boolean;
  backoff?: Partial<Omit<RetryPolicy, 'maxRetries'>>;
  sleep?: Sleep;
  random?: () => number;
  /** Monotonic milliseconds, for the hooks' durations. */
  now?: () => number;
}

/** The request itself is the problem (or the caller left): no retry, no fallback. */
const FATAL: ReadonlySet<LlmErrorKind> = new Set(['cancelled', 'context_too_long', 'content_refused']);

type Step = { kind: 'retry'; delayMs: number } | { kind: 'fallback' } | { kind: 'fail' };

/**
 * Streams a generation through a chain of providers with retries, per-attempt idle
 * timeouts, a circuit breaker and fallback. Rules:
 * - retryable kinds (rate_limited, provider_unavailable, timeout, stream_interrupted)
 *   are retried on the same entry with backoff, up to `maxRetries`; then the chain
 *   falls back to the next entry;
 * - authentication / invalid_request and an open circuit fall back at once (another
 *   vendor or key may be fine); context_too_long / content_refused / cancelled fail at once;
 * - nothing is retried silently once chunks went out: a `restart` marker comes first
 *   (or, with restartAfterTokens false, the error is thrown);
 * - the final error is the last real failure, naming every entry tried.
 */
export class ResilientGenerator {
  private readonly policy: RetryPolicy;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(private readonly options: ResilientGeneratorOptions) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.backoff, maxRetries: options.maxRetries };
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => performance.now());
  }

  async *generate(
    chain: readonly ChainEntry[],
    request: Omit<GenerateRequest, 'model'>,
    hooks: GenerationHooks = {},
  ): AsyncGenerator<ResilientChunk, void, undefined> {
    if (chain.length === 0) throw new LlmError('invalid_request', 'none', 'no provider to generate with');
    const { signal } = request;
    const log = new AttemptLog();
    let dirty = false; // chunks went out since the last restart marker
    for (let index = 0; index < chain.length; index++) {
      const entry = chain[index]!;
      for (let retry = 0; ; retry++) {
        if (signal?.aborted) throw log.final(cancelledError(entry.provider.name, signal));
        const error = yield* this.attempt(entry, request, retry + 1, hooks, () => (dirty = true));
        if (!error) return;
        log.record(entry, error);
        const step = this.nextStep(error, retry, index + 1 < chain.length);
        if (step.kind === 'fail') throw log.final(error);
        if (dirty) {
          if (!(this.options.restartAfterTokens ?? true)) throw log.final(error);
          const next = step.kind === 'retry' ? entry : chain[index + 1]!;
          const attempt = step.kind === 'retry' ? retry + 2 : 1;
          const reason = `${error.kind}: ${error.message}`;
          yield { type: 'restart', provider: next.provider.name, model: next.model, attempt, reason };
          dirty = false;
        }
        if (step.kind === 'fallback') break;
        try {
          const cancelled = () => cancelledError(entry.provider.name, signal);
          await raceAbort(this.sleep(step.delayMs, signal), signal, cancelled);
        } catch (caught) {
          throw log.final(toLlmError(caught, entry.provider.name));
        }
      }
    }
  }

  private nextStep(error: LlmError, retry: number, hasNext: boolean): Step {
    if (FATAL.has(error.kind)) return { kind: 'fail' };
    // An open circuit will not close within a backoff; the next entry is the better bet.
    const delayMs = error instanceof CircuitOpenError ? undefined : retryDelay(error, retry, this.policy, this.random);
    if (delayMs !== undefined) return { kind: 'retry', delayMs };
    return hasNext ? { kind: 'fallback' } : { kind: 'fail' };
  }

  /** One call to one provider; yields its chunks and returns its failure (undefined on success). */
  private async *attempt(
    entry: ChainEntry,
    request: Omit<GenerateRequest, 'model'>,
    attempt: number,
    hooks: GenerationHooks,
    onChunk: () => void,
  ): AsyncGenerator<GenerateChunk, LlmError | undefined, undefined> {
    const name = entry.provider.name;
    const info: AttemptInfo = { provider: name, model: entry.model, attempt };
    const started = this.now();
    let reported = false;
    let firstTokenAt: number | undefined;
    const report = (outcome: AttemptOutcome, error?: LlmError) => {
      reported = true;
      const timeToFirstTokenMs = firstTokenAt === undefined ? undefined : firstTokenAt - started;
      safely(() =>
        hooks.onOutcome?.({ ...info, outcome, error, durationMs: this.now() - started, timeToFirstTokenMs }),
      );
    };

    let permit: BreakerPermit | undefined;
    try {
      permit = await this.options.breaker?.acquire(entry.provider.circuit ?? name);
    } catch (caught) {
      const error = toLlmError(caught, name);
      report('rejected', error);
      return error;
    }
    safely(() => hooks.onAttempt?.(info));
    const deadline = new AttemptDeadline(name, this.options.timeoutMs, request.signal);
    let answered = false;
    try {
      for await (const raw of streamWith(deadline, entry.provider, { ...request, model: entry.model })) {
        const chunk = raw.type === 'usage' ? checkedUsage(raw, info, hooks) : raw;
        if (!chunk) continue;
        if (chunk.type === 'token') firstTokenAt ??= this.now();
        if (!answered) {
          // The provider is healthy as soon as it streams: close the circuit now rather
          // than after a long generation, so other workers stop skipping it.
          answered = true;
          await this.succeeded(permit);
          permit = permit && { ...permit, probe: false };
        }
        onChunk();
        yield chunk;
      }
      if (!answered) await this.succeeded(permit);
      report('success');
      return undefined;
    } catch (caught) {
      const error = deadline.classify(caught);
      if (permit) await this.options.breaker?.onFailure(permit, error);
      report(error.kind === 'cancelled' ? 'cancelled' : 'error', error);
      return error;
    } finally {
      deadline.dispose();
      // The consumer stopped iterating mid-stream.
      if (!reported) report('cancelled');
    }
  }

  private async succeeded(permit: BreakerPermit | undefined): Promise<void> {
    if (permit) await this.options.breaker?.onSuccess(permit);
  }
}

/** The provider's stream, each wait bounded by the deadline (even if the provider ignores its signal). */
async function* streamWith(
  deadline: AttemptDeadline,
  provider: LlmProvider,
  request: GenerateRequest,
): AsyncGenerator<GenerateChunk> {
  const iterator = provider.generate({ ...request, signal: deadline.signal })[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      const next = await deadline.watch(Promise.resolve().then(() => iterator.next()));
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // Left early (failure, timeout, consumer gone): let the provider close its stream,
    // without waiting on it: a hung provider would hang us too.
    if (!finished) void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}

/** A usage chunk whose numbers can be believed, else nothing (and the hook hears of it). */
function checkedUsage(chunk: GenerateChunk & { type: 'usage' }, info: AttemptInfo, hooks: GenerationHooks) {
  const usage = plausibleUsage(chunk);
  if (usage) return { type: 'usage' as const, ...usage };
  safely(() => hooks.onImplausibleUsage?.(info, { inputTokens: chunk.inputTokens, outputTokens: chunk.outputTokens }));
  return undefined;
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // Metrics hooks must not break a generation.
  }
}

/** What was tried, for the final error. */
class AttemptLog {
  private readonly entries = new Map<string, { attempts: number; skipped: boolean; last: LlmError }>();
  private readonly errors: LlmError[] = [];

  record(entry: ChainEntry, error: LlmError): void {
    const label = `${entry.provider.name}/${entry.model}`;
    const seen = this.entries.get(label) ?? { attempts: 0, skipped: false, last: error };
    const skipped = error instanceof CircuitOpenError;
    this.entries.set(label, {
      attempts: seen.attempts + (skipped ? 0 : 1),
      skipped: seen.skipped || skipped,
      last: skipped ? seen.last : error,
    });
    this.errors.push(error);
  }

  /**
   * The error to throw: `error`, unless it is only a circuit-open skip and a real call
   * failed earlier (that says more about what went wrong), annotated with the tries.
   */
  final(error: LlmError): LlmError {
    const chosen =
      error instanceof CircuitOpenError
        ? ([...this.errors].reverse().find((e) => !(e instanceof CircuitOpenError)) ?? error)
        : error;
    const tried = [...this.entries].map(([label, { attempts, skipped, last }]) => {
      const parts = attempts > 0 ? [`${attempts} attempt${attempts === 1 ? '' : 's'}, last ${last.kind}`] : [];
      if (skipped) parts.push('circuit open');
      return `${label} (${parts.join('; ')})`;
    });
    const message = tried.length > 0 ? `${chosen.message} [tried ${tried.join(', ')}]` : chosen.message;
    return new LlmError(chosen.kind, chosen.provider, message, {
      status: chosen.status,
      retryAfterMs: chosen.retryAfterMs,
      cause: chosen,
    });
  }
}
