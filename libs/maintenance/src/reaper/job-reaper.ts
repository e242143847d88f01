import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DocumentRepository,
  JobRepository,
  MaintenanceRepository,
  PrismaService,
  type ReapableJob,
  TenantTransactions,
} from '@copilot/persistence';
import { isTenantJobName, JobEventWriter, JobProducer, type QueueName } from '@copilot/queues';
import { MAINTENANCE_OPTIONS, type MaintenanceOptions } from '../maintenance-options';

/** BullMQ states in which the queue still owns the job: its stalled-job check covers a dead worker. */
const OWNED_BY_QUEUE = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

export interface ReapReport {
  handedBack: number;
  gaveUp: number;
  documentsFailed: number;
}

/**
 * Finds work that lost its run: `running` jobs whose heartbeat stopped and
 * `queued` jobs dispatched long ago, whose BullMQ entry is gone or finished (a
 * dead worker, a Redis restart). Each goes back to the queue (the BullMQ id is
 * the row id, so this is idempotent) and, after REAPER_MAX_REAPS hand-backs,
 * ends `failed`. Documents left in a processing stage by a job that ended or
 * vanished are failed, so their status never lies.
 */
@Injectable()
export class JobReaper {
  private readonly logger = new Logger(JobReaper.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly transactions: TenantTransactions,
    private readonly maintenance: MaintenanceRepository,
    private readonly jobs: JobRepository,
    private readonly documents: DocumentRepository,
    private readonly producer: JobProducer,
    private readonly events: JobEventWriter,
    @Inject(MAINTENANCE_OPTIONS) private readonly options: MaintenanceOptions,
  ) {}

  async reapOnce(): Promise<ReapReport> {
    const report: ReapReport = { handedBack: 0, gaveUp: 0, documentsFailed: 0 };
    const settings = this.options.maintenance.reaper;
    const candidates = await this.maintenance.reapableJobs(this.prisma.client, {
      runningSilentMs: settings.staleAfterMs,
      queuedForMs: settings.queuedAfterMs,
      limit: settings.batchSize,
    });
    for (const job of candidates) {
      try {
        const outcome = await this.reap(job);
        if (outcome === 'handed back') report.handedBack++;
        if (outcome === 'gave up') report.gaveUp++;
      } catch (error) {
        this.logger.warn({ err: error, job_id: job.id, tenant_id: job.tenantId }, 'could not reap job');
      }
    }
    report.documentsFailed = await this.failStuckDocuments();
    if (report.handedBack + report.gaveUp + report.documentsFailed > 0) this.logger.log(report, 'reaper pass');
    return report;
  }

  private async reap(job: ReapableJob): Promise<'left' | 'handed back' | 'gave up'> {
    if (!isTenantJobName(job.name)) return 'left';
    const entry = await this.producer.queue(job.queue as QueueName).getJob(job.id);
    if (entry && OWNED_BY_QUEUE.has(await entry.getState())) return 'left';

    if (job.reapCount >= this.options.maintenance.reaper.maxReaps) {
      const error = {
        code: 'job_lost',
        message: `The job lost its worker or queue entry ${job.reapCount + 1} times; the reaper gave up.`,
      };
      const done = await this.transactions.run(job.tenantId, (tx) => this.jobs.giveUp(tx, job.id, job.status, error));
      if (!done) return 'left';
      // Clients watching the job's stream are waiting for its end: tell them, as a worker would.
      await this.events
        .append(job.id, 'error', { status: 'failed', reason: error.code, message: error.message })
        .catch((failure: unknown) => this.logger.warn({ err: failure, job_id: job.id }, 'could not end the stream'));
      return 'gave up';
    }
    const claimed = await this.transactions.run(job.tenantId, (tx) => this.jobs.handBack(tx, job.id, job.status));
    if (!claimed) return 'left';
    await this.producer.enqueueStored(job);
    return 'handed back';
  }

  private async failStuckDocuments(): Promise<number> {
    const settings = this.options.maintenance.reaper;
    const stuck = await this.maintenance.stuckDocuments(
      this.prisma.client,
      settings.documentAfterMs,
      settings.batchSize,
    );
    for (const document of stuck) {
      const why = document.jobStatus ? `its ingest job ended ${document.jobStatus}` : 'its ingest job no longer exists';
      await this.transactions.run(document.tenantId, (tx) =>
        this.documents.setStage(tx, document.id, 'failed', {
          error: { code: 'ingest_lost', message: `The document never finished ingesting: ${why}.` },
        }),
      );
    }
    return stuck.length;
  }
}
