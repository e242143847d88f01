import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DocumentRepository,
  JobRepository,
  MaintenanceRepository,
  PrismaService,
  type ReapableJob,
  RunStepRepository,
  TenantTransactions,
} from '@copilot/persistence';
import {
  isTenantJobName,
  JOB_CONTRACTS,
  JobProducer,
  JobRunner,
  MAX_LOST_RUNS,
  QUEUE,
  type QueueName,
} from '@copilot/queues';
import { ensureConnected, RedisConnections } from '@copilot/redis';
import type { Redis } from 'ioredis';
import { MAINTENANCE_OPTIONS, type MaintenanceOptions } from '../maintenance-options';

/** BullMQ states in which the queue will still run the job: nothing is lost. */
const WAITING_IN_QUEUE = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);

export interface ReapReport {
  handedBack: number;
  gaveUp: number;
  documentsFailed: number;
  /** Queue entries left active by a worker that died (their lock lapsed), taken off the queue. */
  orphansRemoved: number;
  /** Parked runs whose pending action expired, queued again to tell the model. */
  parkedExpired: number;
}

/** Active entries looked at per queue and pass. */
const ACTIVE_SCAN = 1_000;

/**
 * The one lost-job policy. Finds work that lost its run: `running` jobs whose
 * heartbeat stopped and `queued` jobs dispatched a while ago, both for longer than
 * REAPER_STALE_AFTER_MS, whose BullMQ entry is gone (Redis lost it), finished, or
 * active under a lock that lapsed (its worker died: BullMQ's own stalled-job check is
 * off). Each goes back to the queue (the BullMQ id is the row id, so this is
 * idempotent) and, after MAX_LOST_RUNS hand-backs, ends `failed` through the job's
 * definition like any ending (a chat job's token reservation is given back, an ingest
 * job's document fails). Documents left in a processing stage by a job that ended or
 * vanished are failed, so their status never lies.
 */
@Injectable()
export class JobReaper {
  private readonly logger = new Logger(JobReaper.name);
  private client?: Redis;

  constructor(
    private readonly prisma: PrismaService,
    private readonly transactions: TenantTransactions,
    private readonly maintenance: MaintenanceRepository,
    private readonly jobs: JobRepository,
    private readonly documents: DocumentRepository,
    private readonly steps: RunStepRepository,
    private readonly producer: JobProducer,
    private readonly runner: JobRunner,
    private readonly redis: RedisConnections,
    @Inject(MAINTENANCE_OPTIONS) private readonly options: MaintenanceOptions,
  ) {}

  async reapOnce(): Promise<ReapReport> {
    const report: ReapReport = { handedBack: 0, gaveUp: 0, documentsFailed: 0, orphansRemoved: 0, parkedExpired: 0 };
    const settings = this.options.maintenance.reaper;
    // First what the queue shows lost: active entries nobody holds. Their rows, when still
    // open, come back as candidates below (no entry any more) once they are stale.
    report.orphansRemoved = await this.removeOrphanedEntries();
    const candidates = await this.maintenance.reapableJobs(this.prisma.client, {
      runningSilentMs: settings.staleAfterMs,
      queuedForMs: settings.staleAfterMs,
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
    report.parkedExpired = await this.expireParkedRuns();
    if (report.handedBack + report.gaveUp + report.documentsFailed + report.orphansRemoved + report.parkedExpired > 0)
      this.logger.log(report, 'reaper pass');
    return report;
  }

  /**
   * Parked runs whose pending action expired: the calls they waited for are recorded as
   * expired (an approval no one gave, an output the caller never handed in), and the job
   * is queued again, so the run tells the model and answers instead of waiting forever.
   */
  private async expireParkedRuns(): Promise<number> {
    const expired = await this.maintenance.expiredParkedJobs(
      this.prisma.client,
      this.options.maintenance.reaper.batchSize,
    );
    let resumed = 0;
    for (const { id, tenantId } of expired) {
      try {
        const job = await this.transactions.run(tenantId, async (tx) => {
          await this.steps.expireWaiting(tx, id);
          return this.jobs.resume(tx, id);
        });
        if (!job) continue;
        await this.producer.enqueueStored(job).catch((error: unknown) => {
          // The relay enqueues it within seconds: the row is queued and undispatched.
          this.logger.warn({ err: error, job_id: id }, 'could not enqueue an expired parked job');
        });
        resumed++;
      } catch (error) {
        this.logger.warn({ err: error, job_id: id, tenant_id: tenantId }, 'could not expire a parked job');
      }
    }
    return resumed;
  }

  private async reap(job: ReapableJob): Promise<'left' | 'handed back' | 'gave up'> {
    if (!isTenantJobName(job.name)) return 'left';
    if (!(await this.lostByQueue(job))) return 'left';

    if (job.reapCount >= MAX_LOST_RUNS) {
      const failure = {
        reason: 'job_lost',
        message: `The job lost its worker or queue entry ${job.reapCount + 1} times; the reaper gave up.`,
      };
      const payload = JOB_CONTRACTS[job.name].payload.parse(job.payload);
      return (await this.runner.abandon(job.name, payload, failure)) ? 'gave up' : 'left';
    }
    const claimed = await this.transactions.run(job.tenantId, (tx) => this.jobs.handBack(tx, job.id, job.status));
    if (!claimed) return 'left';
    await this.producer.enqueueStored(job);
    return 'handed back';
  }

  /**
   * Whether the queue will never run this job again: no entry or a finished one. An
   * active entry is held by a live worker: the ones nobody held were taken off the
   * queue at the start of this pass (removeOrphanedEntries).
   */
  private async lostByQueue(job: ReapableJob): Promise<boolean> {
    const entry = await this.producer.queue(job.queue as QueueName).getJob(job.id);
    if (!entry) return true;
    const state = await entry.getState();
    return !WAITING_IN_QUEUE.has(state) && state !== 'active';
  }

  /**
   * Entries a dead worker left `active`: BullMQ's own stalled check is off, so without
   * this they would stay there (a job whose row already ended, a housekeeping run). An
   * entry's lock is renewed while its worker lives; one without a lock is removed
   * (atomically: BullMQ refuses to remove a locked job).
   */
  private async removeOrphanedEntries(): Promise<number> {
    let removed = 0;
    for (const name of Object.values(QUEUE)) {
      const queue = this.producer.queue(name);
      const active = await queue.getActive(0, ACTIVE_SCAN - 1);
      if (active.length === 0) continue;
      // One round trip for every lock of the page.
      this.client ??= this.redis.failFast('reaper');
      const locks = await (
        await ensureConnected(this.client)
      )
        .pipeline(active.map((entry) => ['exists', queue.toKey(`${entry.id}:lock`)]))
        .exec();
      for (const [i, entry] of active.entries()) {
        if (locks?.[i]?.[1] !== 0) continue;
        try {
          await entry.remove();
          removed++;
        } catch {
          // Taken again meanwhile (locked): its worker is alive.
        }
      }
    }
    return removed;
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
