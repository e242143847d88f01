import { Inject, Injectable, Logger } from '@nestjs/common';
import { JobRepository, PrismaService, TenantTransactions } from '@copilot/persistence';
import { JobProducer } from '../producer/job-producer';

export const OUTBOX_OPTIONS = Symbol('OUTBOX_OPTIONS');
export interface OutboxSettings {
  dispatchAfterMs: number;
  batchSize: number;
}

/**
 * The safety net of the transactional outbox: the api enqueues right after commit,
 * and this re-enqueues any job row that still has not reached the queue (Redis was
 * down, the api died between commit and enqueue). Safe with several replicas: the
 * BullMQ job id is the row id, so a second enqueue is a no-op. It only enqueues
 * undispatched rows: jobs that lost their run are the reaper's (JobReaper).
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly transactions: TenantTransactions,
    private readonly jobs: JobRepository,
    private readonly producer: JobProducer,
    @Inject(OUTBOX_OPTIONS) private readonly settings: OutboxSettings,
  ) {}

  /** One pass; returns how many jobs it dispatched. */
  async relayOnce(): Promise<number> {
    const pending = await this.jobs.findUndispatched(
      this.prisma.client,
      this.settings.dispatchAfterMs,
      this.settings.batchSize,
    );
    let dispatched = 0;
    for (const job of pending) {
      try {
        await this.producer.enqueueStored(job);
        await this.transactions.run(job.tenantId, (tx) => this.jobs.markDispatched(tx, job.id));
        dispatched++;
      } catch (error) {
        this.logger.warn(
          { err: error, job_id: job.id, tenant_id: job.tenantId },
          'outbox relay could not dispatch job',
        );
      }
    }
    if (dispatched > 0) this.logger.log({ dispatched }, 'outbox relay dispatched jobs');
    return dispatched;
  }

  /** Jobs accepted but not yet dispatched, however young: the outbox backlog metric. */
  backlog(): Promise<number> {
    return this.jobs.countUndispatched(this.prisma.client);
  }
}
