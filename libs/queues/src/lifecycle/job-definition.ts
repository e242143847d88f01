import type { Job, Tx } from '@copilot/persistence';
import type { JobFailureOf, JobOf, JobResultOf, TenantJobName } from '../contracts/job-contracts';
import type { JobEnding, JobOutcome } from './job-outcome';

/** One run of a tenant job, as JobRunner hands it to the job's definition. */
export interface JobRun<N extends TenantJobName> {
  payload: JobOf<N>;
  /** The row as the claim left it: `attempts` counts this run. */
  row: Job;
  /** BullMQ's delivery attempt of this run, 1 for the first. */
  delivery: number;
  /** No further delivery follows if this one throws: the ending is written now. */
  isLastAttempt: boolean;
  /** Aborted by a cancel request or by the worker shutting down: pass it to slow calls. */
  signal: AbortSignal;
  /** Aborted by a cancel request only: tells a cancel from a shutdown. */
  cancelled: AbortSignal;
}

export type OutcomeOf<N extends TenantJobName, L> = JobOutcome<JobResultOf<N>, JobFailureOf<N>, L>;
export type EndingOf<N extends TenantJobName> = JobEnding<JobResultOf<N>, JobFailureOf<N>>;

/**
 * What a domain service tells the lifecycle about one kind of job: the entry of the
 * worker's handler table. The runner owns the rest (claim, run limit, cancel, last
 * attempt, the final row and event, replays); the service only does the work.
 */
export interface JobDefinition<N extends TenantJobName, C = unknown, L = never> {
  /** Reads what the run needs, inside the claim's transaction. */
  claim?(tx: Tx, job: { payload: JobOf<N>; row: Job }): Promise<C>;
  /** The work. A thrown error is retried by the queue (after the last attempt it ends the job failed). */
  run(claimed: C, run: JobRun<N>): Promise<OutcomeOf<N, L>>;
  /**
   * Stores the domain side of an ending in the transaction that ends the row, for
   * every ending (the runner's own too: then `local` is absent); returns the ending
   * to store when it adds to it (a message id).
   */
  record?(tx: Tx, payload: JobOf<N>, outcome: OutcomeOf<N, L>): Promise<EndingOf<N> | void>;
  /** After the ending committed, before its event (a budget settled); failures are logged, not thrown. */
  settle?(payload: JobOf<N>, ending: EndingOf<N>, outcome: OutcomeOf<N, L>): Promise<void>;
}

/** Any definition, as the runner's table holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobDefinition = JobDefinition<any, any, any>;
