import { Injectable, NotFoundException } from '@nestjs/common';
import { type Job, JobRepository, TenantTransactions } from '@copilot/persistence';

@Injectable()
export class JobService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly jobs: JobRepository,
  ) {}

  async get(tenantId: string, id: string): Promise<Job> {
    const job = await this.transactions.run(tenantId, (tx) => this.jobs.findById(tx, id));
    if (!job) throw new NotFoundException(`No job ${id}.`);
    return job;
  }
}
