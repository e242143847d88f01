import type { JobEventData } from '../contracts/job-stream-events';
import type { JobFailure } from '../contracts/job-contracts';

/**
 * How one run of a job ended, as a domain service returns it. `local` carries what
 * the service's own `record` step needs to store with the ending (a reply's text,
 * the chunks to swap in) and never reaches the row or the stream.
 */
export type JobOutcome<R, F extends JobFailure = JobFailure, L = never> =
  | { status: 'succeeded'; result: R; local?: L }
  | { status: 'failed'; failure: F; local?: L }
  | { status: 'cancelled'; failure: F; local?: L }
  /**
   * Parked: the run stops and frees its worker; the job waits (`requires_action`)
   * until something resumes it through the outbox (JobRepository.resume).
   */
  | { status: 'requires_action'; action: Record<string, unknown>; local?: L };

export type JobEnding<R, F extends JobFailure = JobFailure> =
  | { status: 'succeeded'; result: R }
  | { status: 'failed' | 'cancelled'; failure: F }
  | { status: 'requires_action'; action: Record<string, unknown> };

export const CANCELLED_BY_REQUEST: JobFailure = { reason: 'cancelled', message: 'cancelled by request' };

export const succeeded = <R>(result: R) => ({ status: 'succeeded' as const, result });
export const failed = <F extends JobFailure>(failure: F) => ({ status: 'failed' as const, failure });
export const cancelled = <F extends JobFailure>(failure: F) => ({ status: 'cancelled' as const, failure });

/**
 * The stream event that tells clients how the job ended, made from the stored ending
 * alone: a run and a replay after a duplicate delivery write the same event.
 */
export type EndingEvent =
  | { type: 'done'; data: JobEventData<'done'> }
  | { type: 'error'; data: JobEventData<'error'> }
  | { type: 'status'; data: JobEventData<'status'> };

export function endingEvent(ending: JobEnding<unknown>): EndingEvent {
  switch (ending.status) {
    case 'succeeded':
      return { type: 'done', data: { status: 'succeeded', ...(ending.result as object) } };
    case 'cancelled':
      return { type: 'done', data: { status: 'cancelled', ...ending.failure } };
    case 'failed':
      return { type: 'error', data: { status: 'failed', ...ending.failure } };
    default:
      return { type: 'status', data: { status: 'requires_action', ...ending.action } };
  }
}

/** The ending a job row records, or null while the job is still open. */
export function endingOfRow(row: { status: string; result: unknown; error: unknown }): JobEnding<unknown> | null {
  if (row.status === 'succeeded') return { status: 'succeeded', result: row.result ?? {} };
  if (row.status === 'failed' || row.status === 'cancelled') {
    // Rows written before every ending carried a reason and a message.
    const fallback =
      row.status === 'cancelled' ? CANCELLED_BY_REQUEST : { reason: 'failed', message: 'the job failed' };
    return { status: row.status, failure: { ...fallback, ...(row.error as object) } as JobFailure };
  }
  if (row.status === 'requires_action')
    return { status: 'requires_action', action: (row.result ?? {}) as Record<string, unknown> };
  return null;
}
