import { Injectable, Logger } from '@nestjs/common';
import { JobRepository, TenantTransactions } from '@copilot/persistence';
import type { JobOf, TenantJobName } from '../contracts/job-contracts';
import { JobProducer } from './job-producer';

/**
 * The outbox's fast path: right after the job row committed, enqueue it and mark
 * it dispatched. A failure here loses nothing: the scheduler's relay enqueues
 * every row still undispatched a few seconds later.
 */
@Injectable()
export class JobDispatcher {
  private readonly logger = new Logger(JobDispatcher.name);

  constructor(
    private readonly producer: JobProducer,
    private readonly transactions: TenantTransactions,
    private readonly jobs: JobRepository,
  ) {}

  async afterCommit<N extends TenantJobName>(name: N, payload: JobOf<N>): Promise<void> {
    try {
      await this.producer.enqueue(name, payload);
    } catch (error) {
      this.logger.warn(
        { err: error, job_id: payload.jobId },
        'enqueue after commit failed; the outbox relay will retry',
      );
      return;
    }
    // Not awaited: the job is in the queue already, and the caller is waiting to answer.
    // Should this write be lost, the relay sends the job again, which BullMQ ignores
    // (same job id) while the job is queued or running.
    this.transactions
      .run(payload.tenantId, (tx) => this.jobs.markDispatched(tx, payload.jobId))
      .catch((error: unknown) =>
        this.logger.warn({ err: error, job_id: payload.jobId }, 'could not mark a job dispatched; the relay will'),
      );
  }
}
