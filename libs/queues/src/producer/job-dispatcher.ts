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
      await this.transactions.run(payload.tenantId, (tx) => this.jobs.markDispatched(tx, payload.jobId));
    } catch (error) {
      this.logger.warn(
        { err: error, job_id: payload.jobId },
        'enqueue after commit failed; the outbox relay will retry',
      );
    }
  }
}
