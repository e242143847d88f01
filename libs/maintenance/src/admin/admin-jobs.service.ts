import { Injectable, Logger } from '@nestjs/common';
import { NotFound, Conflict } from '@copilot/errors';
import { AuditLog, type AuthContext } from '@copilot/auth';
import {
  AdminJobRepository,
  type AdminJobFilter,
  type Job,
  JobRepository,
  type Page,
  PrismaService,
  TenantTransactions,
} from '@copilot/persistence';
import { JobProducer } from '@copilot/queues';

/**
 * Failed-job replay for platform admins, across tenants. Reads go through the
 * narrow SECURITY DEFINER functions; the retry itself runs in the job's tenant
 * transaction with the CLI's requeue semantics, audited in that tenant's trail.
 */
@Injectable()
export class AdminJobs {
  private readonly logger = new Logger(AdminJobs.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly transactions: TenantTransactions,
    private readonly adminJobs: AdminJobRepository,
    private readonly jobs: JobRepository,
    private readonly producer: JobProducer,
    private readonly audit: AuditLog,
  ) {}

  list(filter: AdminJobFilter): Promise<Page<Job>> {
    return this.adminJobs.list(this.prisma.client, filter);
  }

  async get(id: string): Promise<Job> {
    const job = await this.adminJobs.find(this.prisma.client, id);
    if (!job) throw new NotFound('job', id);
    return job;
  }

  /** Only a failed job can be retried (409 otherwise); it runs again from its first attempt. */
  async retry(actor: AuthContext, id: string, requestId?: string): Promise<Job> {
    const job = await this.get(id);
    const requeued = await this.transactions.run(job.tenantId, async (tx) => {
      const again = await this.jobs.requeueFailed(tx, id);
      if (!again) return null;
      // In the job's tenant trail, so the tenant sees who replayed its job.
      await this.audit.record(
        tx,
        { ...actor, tenantId: job.tenantId },
        'job.retried',
        { type: 'job', id },
        { requestId, metadata: { by: 'platform_admin', adminTenantId: actor.tenantId, previousError: job.error } },
      );
      return again;
    });
    if (!requeued) {
      throw new Conflict(
        'job-not-failed',
        'Only a failed job can be retried',
        `Job ${id} is ${job.status}; retry applies to failed jobs only.`,
        { jobStatus: job.status },
      );
    }
    await this.dispatchNow(requeued);
    return requeued;
  }

  /** The outbox fast path; if Redis is down the relay dispatches the row within seconds. */
  private async dispatchNow(job: Job): Promise<void> {
    try {
      await this.producer.enqueueStored({ name: job.name, payload: job.payload });
      await this.transactions.run(job.tenantId, (tx) => this.jobs.markDispatched(tx, job.id));
    } catch (error) {
      this.logger.warn({ err: error, job_id: job.id }, 'retry enqueue failed; the outbox relay will dispatch it');
    }
  }
}
