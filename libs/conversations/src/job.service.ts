import { Injectable } from '@nestjs/common';
import { NotFound, Conflict } from '@copilot/errors';
import { type Job, JobRepository, TenantTransactions } from '@copilot/persistence';
import { chatGeneratePayload, JobCancellation } from '@copilot/queues';
import { TokenBudget } from '@copilot/usage';

@Injectable()
export class JobService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly jobs: JobRepository,
    private readonly cancellation: JobCancellation,
    private readonly budget: TokenBudget,
  ) {}

  async get(tenantId: string, id: string): Promise<Job> {
    const job = await this.transactions.run(tenantId, (tx) => this.jobs.findById(tx, id));
    if (!job) throw new NotFound('job', id);
    return job;
  }

  /**
   * A queued job ends `cancelled` at once; a running one is aborted by its worker
   * within a second and ends `cancelled` with what it generated so far. Asking
   * again is harmless; a job that already ended otherwise answers 409.
   */
  async cancel(tenantId: string, id: string): Promise<Job> {
    const cancelled = await this.transactions.run(tenantId, (tx) => this.jobs.requestCancel(tx, id));
    if (!cancelled) throw new NotFound('job', id);
    const { job, endedNow } = cancelled;
    if (endedNow) {
      // It never ran: give back the tokens its message reserved.
      const reservation = chatGeneratePayload.safeParse(job.payload).data?.reservation;
      await this.budget.settle(tenantId, reservation, 0).catch(() => undefined);
    }
    if (job.status === 'running') {
      await this.cancellation.request(id);
    } else if (job.status !== 'cancelled') {
      throw new Conflict(
        'job-already-ended',
        'The job has already ended',
        `Job ${id} ended ${job.status}; there is nothing to cancel.`,
        { jobStatus: job.status },
      );
    }
    return job;
  }
}
