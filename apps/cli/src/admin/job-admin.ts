import { JobRepository, TenantRepository } from '@copilot/persistence';
import { z } from 'zod';
import { CommandError } from '../cli-errors';
import { parse } from '../values';
import { OwnerSession, unknownTenant } from './owner-session';

/** jobs:failed, jobs:retry. */
export class JobAdmin extends OwnerSession {
  private readonly tenants = new TenantRepository();
  private readonly jobs = new JobRepository();

  /** Failed jobs (retries exhausted), newest first, with why they failed. */
  async failedJobs(options: { tenant?: string; limit?: string }) {
    const limit = parse(z.coerce.number().int().min(1).max(1_000), options.limit ?? 50, '--limit');
    return this.withClient(async (admin) => {
      const tenant = options.tenant ? await this.tenants.findByRef(admin, options.tenant) : null;
      if (options.tenant && !tenant) throw unknownTenant(options.tenant);
      const jobs = await this.jobs.listFailed(admin, { tenantId: tenant?.id, limit });
      return jobs.map((j) => ({
        id: j.id,
        tenantId: j.tenantId,
        type: j.name,
        attempts: j.attempts,
        error: j.error,
        requestId: j.requestId,
        finishedAt: j.finishedAt,
      }));
    });
  }

  /** Runs a failed job again: it is queued afresh and the outbox relay hands it to a worker. */
  async retryJob(id: unknown) {
    const jobId = parse(z.uuid({ error: 'expected the job id (a UUID)' }), id, 'job id');
    return this.withClient(async (admin) => {
      const job = await this.jobs.requeueFailed(admin, jobId);
      if (!job) throw new CommandError(`no failed job ${jobId}`);
      await this.recordCliAction(admin, job.tenantId, 'job.retried', { type: 'job', id: job.id });
      return { id: job.id, status: job.status };
    });
  }
}
