import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { JobRepository, TenantTransactions } from '@copilot/persistence';
import type { JobOf, TenantJobName } from '../contracts/job-contracts';
import { JobProducer } from './job-producer';

/** How long dispatch marks wait to be written together. */
const MARK_BATCH_MS = 5;

/**
 * The outbox's fast path: right after the job row committed, enqueue it and mark
 * it dispatched. A failure here loses nothing: the scheduler's relay enqueues
 * every row still undispatched a few seconds later.
 */
@Injectable()
export class JobDispatcher implements BeforeApplicationShutdown {
  private readonly logger = new Logger(JobDispatcher.name);
  /** Job ids enqueued but not yet marked, by tenant (row level security: one transaction per tenant). */
  private readonly unmarked = new Map<string, string[]>();
  private markTimer?: NodeJS.Timeout;
  /** Every mark write started so far: shutdown waits for them, not only for its own. */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly producer: JobProducer,
    private readonly transactions: TenantTransactions,
    private readonly jobs: JobRepository,
  ) {}

  async afterCommit<N extends TenantJobName>(name: N, payload: JobOf<N>): Promise<void> {
    await this.dispatch(payload, () => this.producer.enqueue(name, payload));
  }

  /**
   * A job row that ran before and is to run again (a parked run resumed): the queue may
   * still hold its finished entry, which enqueueStored replaces.
   */
  async afterCommitStored(
    job: { name: string; payload: unknown },
    ids: { tenantId: string; jobId: string },
  ): Promise<void> {
    await this.dispatch(ids, () => this.producer.enqueueStored(job));
  }

  private async dispatch(payload: { tenantId: string; jobId: string }, enqueue: () => Promise<void>): Promise<void> {
    try {
      await enqueue();
    } catch (error) {
      this.logger.warn(
        { err: error, job_id: payload.jobId },
        'enqueue after commit failed; the outbox relay will retry',
      );
      return;
    }
    // Not awaited: the job is in the queue already, and the caller is waiting to answer.
    // Marks are written in batches (one UPDATE per tenant every few ms instead of a
    // transaction per job). Should a mark be lost, the relay sends the job again,
    // which BullMQ ignores (same job id) while the job is queued or running.
    const ids = this.unmarked.get(payload.tenantId);
    if (ids) ids.push(payload.jobId);
    else this.unmarked.set(payload.tenantId, [payload.jobId]);
    this.markTimer ??= setTimeout(() => void this.writeMarks(), MARK_BATCH_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.writeMarks();
  }

  private writeMarks(): Promise<void> {
    clearTimeout(this.markTimer);
    this.markTimer = undefined;
    const batches = [...this.unmarked];
    this.unmarked.clear();
    const written = Promise.all(
      batches.map(([tenantId, ids]) =>
        this.transactions
          .run(tenantId, (tx) => this.jobs.markManyDispatched(tx, ids))
          .catch((error: unknown) =>
            this.logger.warn({ err: error, jobs: ids.length }, 'could not mark jobs dispatched; the relay will'),
          ),
      ),
    );
    this.writing = Promise.all([this.writing, written]).then(() => undefined);
    return this.writing;
  }
}
