import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { JobRepository, TenantTransactions } from '@copilot/persistence';
import { jobEnvelope } from '../contracts/job-contracts';

export const HEARTBEAT_OPTIONS = Symbol('HEARTBEAT_OPTIONS');
export interface HeartbeatSettings {
  /** How often a running job's row is touched (jobs.heartbeat_at). */
  intervalMs: number;
}

/** What identifies a tenant job in logs; maintenance jobs have no row and no tenant. */
export function jobIdentity(payload: unknown): { jobId?: string; tenantId?: string; requestId?: string } {
  const parsed = jobEnvelope.safeParse(payload);
  return parsed.success ? parsed.data : {};
}

/**
 * Touches the heartbeat of the tenant jobs this process runs, so the reaper can tell
 * a live long run from one whose worker vanished. One beat covers every running job:
 * an UPDATE per tenant each interval, not a transaction per job (a worker holding
 * thousands of slow streams would otherwise spend much of its time on heartbeats).
 * A failed beat is only logged: the job itself must not fail because the database
 * hiccuped.
 */
@Injectable()
export class JobHeartbeat implements OnApplicationShutdown {
  private readonly logger = new Logger(JobHeartbeat.name);
  /** Running jobs: id -> tenant and how many handlers run it here (a duplicate delivery is rare, but possible). */
  private readonly running = new Map<string, { tenantId: string; handlers: number }>();
  private timer?: NodeJS.Timeout;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly transactions: TenantTransactions,
    private readonly jobs: JobRepository,
    @Inject(HEARTBEAT_OPTIONS) private readonly settings: HeartbeatSettings,
  ) {}

  async around<T>(payload: unknown, work: () => Promise<T>): Promise<T> {
    const { jobId, tenantId } = jobIdentity(payload);
    if (!jobId || !tenantId) return work();
    const entry = this.running.get(jobId);
    if (entry) entry.handlers++;
    else this.running.set(jobId, { tenantId, handlers: 1 });
    this.schedule();
    try {
      return await work();
    } finally {
      const current = this.running.get(jobId);
      if (current && --current.handlers === 0) this.running.delete(jobId);
      // No beat lands after the handler returned: wait out a beat that may include this job.
      await this.inFlight;
    }
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
  }

  /** The next beat starts an interval after the previous one ended, so a slow database never piles them up. */
  private schedule(): void {
    if (this.timer || this.running.size === 0) return;
    this.timer = setTimeout(() => {
      this.inFlight = this.beat().finally(() => {
        this.timer = undefined;
        this.schedule();
      });
    }, this.settings.intervalMs);
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    const byTenant = new Map<string, string[]>();
    for (const [jobId, { tenantId }] of this.running) {
      const ids = byTenant.get(tenantId);
      if (ids) ids.push(jobId);
      else byTenant.set(tenantId, [jobId]);
    }
    await Promise.all(
      [...byTenant].map(([tenantId, ids]) =>
        this.transactions
          .run(tenantId, (tx) => this.jobs.heartbeat(tx, ids))
          .catch((error: unknown) => this.logger.warn({ err: error, jobs: ids.length }, 'job heartbeat failed')),
      ),
    );
  }
}
