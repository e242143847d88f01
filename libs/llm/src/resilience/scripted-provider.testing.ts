// Test doubles for the resilience specs (not exported from the lib).
import { LlmError, type LlmErrorKind } from '../llm-error';
import type { Completion, GenerateChunk, GenerateRequest, LlmProvider } from '../llm-provider';
import { collect } from '../local-provider';
import type { Breaker, BreakerPermit, BreakerState } from './breaker';
import { BREAKER_FAILURES, CircuitOpenError } from './breaker';
import type { Sleep } from './signals';

/** What one call does: stream `tokens` (paced by intervalMs), then end, fail, or hang. */
export interface CallScript {
  tokens?: string[];
  intervalMs?: number;
  then?: 'end' | 'hang' | 'hang-ignoring-signal' | LlmError;
}

export const failure = (kind: LlmErrorKind, provider = 'p', retryAfterMs?: number): LlmError =>
  new LlmError(kind, provider, `${kind} from ${provider}`, { retryAfterMs });

/** Plays its scripts in order, one per call; the last one repeats. */
export class ScriptedProvider implements LlmProvider {
  readonly calls: GenerateRequest[] = [];
  /** Calls whose stream was closed (finished, failed, or closed by the consumer). */
  closed = 0;

  constructor(
    readonly name: string,
    private readonly scripts: CallScript[],
  ) {}

  async *generate(request: GenerateRequest): AsyncGenerator<GenerateChunk> {
    const script = this.scripts[Math.min(this.calls.length, this.scripts.length - 1)]!;
    this.calls.push(request);
    const { signal } = request;
    const check = () => {
      if (signal?.aborted) throw new LlmError('cancelled', this.name, 'aborted');
    };
    try {
      for (const text of script.tokens ?? []) {
        if (script.intervalMs) await new Promise((resolve) => setTimeout(resolve, script.intervalMs));
        check();
        yield { type: 'token', text };
      }
      if (script.then instanceof LlmError) throw script.then;
      if (script.then === 'hang-ignoring-signal') await new Promise(() => undefined);
      if (script.then === 'hang') {
        await new Promise((_, reject) => {
          const abort = () => reject(new LlmError('cancelled', this.name, 'aborted'));
          if (signal?.aborted) abort();
          signal?.addEventListener('abort', abort, { once: true });
        });
      }
      yield { type: 'usage', inputTokens: 1, outputTokens: script.tokens?.length ?? 0 };
    } finally {
      this.closed++;
    }
  }

  complete(request: GenerateRequest): Promise<Completion> {
    return collect(this, request);
  }
}

/** Sleeps take no time: they advance `time` and are recorded. */
export class FakeClock {
  time = 0;
  readonly sleeps: number[] = [];
  readonly now = (): number => this.time;
  readonly sleep: Sleep = async (ms) => {
    this.sleeps.push(ms);
    this.time += ms;
  };
}

/** The circuit breaker's rules in memory, for unit tests of the generator (the Redis one has int tests). */
export class MemoryBreaker implements Breaker {
  readonly events: string[] = [];
  private readonly failures = new Map<string, number>();
  private readonly open = new Set<string>();

  constructor(private readonly threshold: number) {}

  async acquire(provider: string): Promise<BreakerPermit> {
    if (this.open.has(provider)) throw new CircuitOpenError(provider, 1000);
    return { provider, probe: false };
  }

  async onSuccess(permit: BreakerPermit): Promise<void> {
    this.events.push(`success:${permit.provider}`);
    this.failures.delete(permit.provider);
  }

  async onFailure(permit: BreakerPermit, error: LlmError): Promise<void> {
    this.events.push(`failure:${permit.provider}:${error.kind}`);
    if (!BREAKER_FAILURES.has(error.kind)) return;
    const count = (this.failures.get(permit.provider) ?? 0) + 1;
    this.failures.set(permit.provider, count);
    if (count >= this.threshold) this.open.add(permit.provider);
  }

  async state(provider: string): Promise<BreakerState> {
    return this.open.has(provider) ? 'open' : 'closed';
  }

  async openFor(circuit: string): Promise<number> {
    return this.open.has(circuit) ? 1000 : 0;
  }
}

/** Drains a generation: what it yielded and what it threw. */
export async function drain<T>(stream: AsyncIterable<T>): Promise<{ chunks: T[]; error?: LlmError }> {
  const chunks: T[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
    return { chunks };
  } catch (error) {
    if (!(error instanceof LlmError)) throw error;
    return { chunks, error };
  }
}
