import { elapsedMs, summarize, type LatencySummary } from './stats';

export interface LoadOutcome {
  completed: number;
  errors: number;
  seconds: number;
  perSecond: number;
  latencyMs: LatencySummary;
  firstError?: string;
}

/**
 * A closed-loop load: `concurrency` callers each run `operation` back to back until
 * the deadline. Latency is measured per call; throughput is completed calls over the
 * wall time, so a platform and its baseline driven by this same loop compare fairly.
 */
export async function closedLoop(
  concurrency: number,
  durationMs: number,
  operation: (caller: number, iteration: number) => Promise<unknown>,
): Promise<LoadOutcome> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, caller) => {
      for (let iteration = 0; Date.now() < deadline; iteration++) {
        const start = process.hrtime.bigint();
        try {
          await operation(caller, iteration);
          latencies.push(elapsedMs(start));
        } catch (error) {
          errors++;
          firstError ??= (error as Error).message;
        }
      }
    }),
  );
  return outcomeOf(latencies, errors, firstError, started);
}

/** Throughput and latency of a finished load, from its samples and its start (a hrtime reading). */
export function outcomeOf(
  latencies: number[],
  errors: number,
  firstError: string | undefined,
  started: bigint,
): LoadOutcome {
  const seconds = elapsedMs(started) / 1000;
  return {
    completed: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    latencyMs: summarize(latencies),
    firstError,
  };
}
