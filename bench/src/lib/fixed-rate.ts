import { type LoadOutcome, outcomeOf } from './closed-loop';
import { elapsedMs } from './stats';

/**
 * An open-loop load: calls start at a fixed rate whether or not earlier ones have
 * finished, and each latency counts from when the call was due, so a stall shows up
 * in p99 instead of silently slowing the load down (coordinated omission).
 */
export async function fixedRate(
  perSecond: number,
  durationMs: number,
  operation: (iteration: number) => Promise<unknown>,
): Promise<LoadOutcome> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = process.hrtime.bigint();
  const intervalNs = BigInt(Math.round(1e9 / perSecond));
  const total = Math.max(1, Math.floor((perSecond * durationMs) / 1000));
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + intervalNs * BigInt(i);
    const waitMs = Number(due - process.hrtime.bigint()) / 1e6;
    if (waitMs > 1) await new Promise((resolve) => setTimeout(resolve, waitMs));
    inFlight.push(
      operation(i).then(
        () => void latencies.push(elapsedMs(due)),
        (error: unknown) => {
          errors++;
          firstError ??= (error as Error).message;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return outcomeOf(latencies, errors, firstError, started);
}
