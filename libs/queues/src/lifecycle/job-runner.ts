import { Injectable, Logger } from '@nestjs/common';
import { JobRepository, type Prisma, TenantTransactions } from '@copilot/persistence';
import type { Job as QueueEntry } from 'bullmq';
import { type JobFailure, type JobOf, type TenantJobName, tenantJobContract } from '../contracts/job-contracts';
import { JobCancellation } from '../events/job-cancellation';
import { JobEventWriter } from '../events/job-event-writer';
import { INTERNAL_ERROR_REASON, internalJobErrorMessage } from '../worker/internal-job-error';
import type { AnyJobDefinition, JobDefinition } from './job-definition';
import { CANCELLED_BY_REQUEST, endingEvent, endingOfRow, failed, type JobEnding, type JobOutcome } from './job-outcome';

/**
 * The run limit: runs of one job that may be lost (its worker died, Redis lost its
 * entry) before it is failed for good, so that a job that kills its worker every time
 * does not go round forever. The reaper, which alone hands lost runs back, counts them
 * (jobs.reap_count) and gives up through `abandon`. Retries of errors a run reported
 * are the queue's attempts, not lost runs.
 */
export const MAX_LOST_RUNS = 3;

/** What a delivery did, for the worker's log and BullMQ's return value. */
export type RunReport = { ended: JobEnding<unknown>['status'] } | { replayed: string };

/** The ending committed by someone else (the reaper, a cancel) while this run was ending it. */
class AlreadyEnded extends Error {}

/**
 * The one lifecycle of a tenant job: claim the row (`start`), watch for a cancel,
 * run the job's definition, and write its ending (the
 * row, the domain's own writes, then the final event) exactly once. A delivery of a
 * job that already ended writes that ending's event again and does nothing else.
 *
 * The claim is the row update (queued/running -> running, attempts + 1), kept apart
 * from the definition's own reads (`claim`) so that it could become the BullMQ job
 * lock with the row written behind it, off the time-to-first-token path.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger(JobRunner.name);
  private readonly definitions = new Map<TenantJobName, AnyJobDefinition>();

  constructor(
    private readonly transactions: TenantTransactions,
    private readonly jobs: JobRepository,
    private readonly events: JobEventWriter,
    private readonly cancellation: JobCancellation,
  ) {}

  /** Makes the definition the handler of its job name here (the worker's handler table). */
  define<N extends TenantJobName>(name: N, definition: JobDefinition<N, unknown, unknown>): void {
    this.definitions.set(name, definition);
  }

  async run<N extends TenantJobName>(
    name: N,
    payload: JobOf<N>,
    entry: QueueEntry,
    shutdown: AbortSignal,
  ): Promise<RunReport> {
    const definition = this.definitionOf(name);
    const { tenantId, jobId } = payload;
    const cancel = await this.cancellation.watch(jobId);
    const delivery = entry.attemptsMade + 1;
    const isLastAttempt = delivery >= (entry.opts.attempts ?? 1);
    try {
      const claimed = await this.transactions.run(tenantId, async (tx) => {
        const row = await this.jobs.start(tx, jobId);
        if (!row) return null;
        // A cancelled job reads nothing more.
        if (row.cancelRequestedAt) return { row, data: undefined };
        return { row, data: await definition.claim?.(tx, { payload, row }) };
      });
      if (!claimed) return await this.replay(payload);
      const { row } = claimed;
      if (row.cancelRequestedAt)
        return await this.end(name, payload, { status: 'cancelled', failure: CANCELLED_BY_REQUEST });

      const outcome = await definition.run(claimed.data, {
        payload,
        row,
        delivery,
        isLastAttempt,
        signal: AbortSignal.any([cancel.signal, shutdown]),
        cancelled: cancel.signal,
      });
      // Storing the ending can fail too (a reply the database refuses): like a failed run.
      return await this.end(name, payload, outcome);
    } catch (error) {
      // The claim, the run or storing its ending threw: retried by the queue; after the
      // last attempt the job ends here, without the run's records (an ending already
      // stored is kept and replayed). The tenant reads a generic message (see
      // internalJobErrorMessage), the worker logs the error itself.
      if (isLastAttempt && !shutdown.aborted) {
        const failure = { reason: INTERNAL_ERROR_REASON, message: internalJobErrorMessage(payload) };
        await this.end(name, payload, failed(failure));
      }
      throw error;
    } finally {
      cancel.release();
    }
  }

  /**
   * Ends a job from outside a run (the reaper giving up on it), through its
   * definition's own writes like any ending. False if it had ended already.
   */
  async abandon<N extends TenantJobName>(name: N, payload: JobOf<N>, failure: JobFailure): Promise<boolean> {
    const report = await this.end(name, payload, failed(failure));
    return 'ended' in report;
  }

  /**
   * Writes an ending: the definition's records and the row in one transaction, then
   * the definition's settling, then the final event. When the row ended meanwhile
   * (the reaper, a cancel), this one is rolled back and the stored ending replayed.
   */
  private async end<N extends TenantJobName>(
    name: N,
    payload: JobOf<N>,
    outcome: JobOutcome<unknown, JobFailure, unknown>,
  ): Promise<RunReport> {
    const definition = this.definitions.get(name);
    const { tenantId, jobId } = payload;
    let ending: JobEnding<unknown>;
    try {
      ending = await this.transactions.run(tenantId, async (tx) => {
        const recorded = (await definition?.record?.(tx, payload, outcome as never)) ?? withoutLocal(outcome);
        const stored = await this.jobs.finish(tx, jobId, rowFields(recorded));
        if (!stored) throw new AlreadyEnded();
        return recorded;
      });
    } catch (error) {
      if (error instanceof AlreadyEnded) return this.replay(payload);
      throw error;
    }
    await definition
      ?.settle?.(payload, ending as never, outcome as never)
      .catch((error: unknown) => this.logger.warn({ err: error, job_id: jobId }, 'could not settle the ending'));
    if (tenantJobContract(name).streams) {
      await this.events.appendEvent(jobId, endingEvent(ending));
    }
    return { ended: ending.status };
  }

  /**
   * A delivery of a job that is not open (the worker died after commit but before
   * the final event, a duplicate delivery): write the stored ending's event again.
   */
  private async replay(payload: { tenantId: string; jobId: string }): Promise<RunReport> {
    const row = await this.transactions.run(payload.tenantId, (tx) => this.jobs.findById(tx, payload.jobId));
    const ending = row ? endingOfRow(row) : null;
    if (row && ending && ending.status !== 'requires_action' && tenantJobContract(row.name as TenantJobName)?.streams) {
      await this.events.appendEvent(payload.jobId, endingEvent(ending));
    }
    return { replayed: `job ${row?.status ?? 'gone'}` };
  }

  private definitionOf(name: TenantJobName): AnyJobDefinition {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`no definition for job ${name} in this process`);
    return definition;
  }
}

function withoutLocal(outcome: JobOutcome<unknown, JobFailure, unknown>): JobEnding<unknown> {
  const { local: _local, ...ending } = outcome;
  return ending;
}

function rowFields(ending: JobEnding<unknown>) {
  switch (ending.status) {
    case 'succeeded':
      return { status: 'succeeded' as const, result: ending.result as Prisma.InputJsonObject };
    case 'requires_action':
      return { status: 'requires_action' as const, result: ending.action as Prisma.InputJsonObject };
    default:
      return { status: ending.status, error: ending.failure as Prisma.InputJsonObject };
  }
}
