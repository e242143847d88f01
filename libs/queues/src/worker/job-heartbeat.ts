import { Inject, Injectable, Logger } from '@nestjs/common';
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
 * Touches a tenant job's heartbeat while its handler runs, so the reaper can tell a
 * live long run from one whose worker vanished. A failed beat is only logged: the
 * job itself must not fail because the database hiccuped.
 */
@Injectable()
export class JobHeartbeat {
  private readonly logger = new Logger(JobHeartbeat.name);

  constructor(
    private readonly transactions: TenantTransactions,
    private readonly jobs: JobRepository,
    @Inject(HEARTBEAT_OPTIONS) private readonly settings: HeartbeatSettings,
  ) {}

  async around<T>(payload: unknown, work: () => Promise<T>): Promise<T> {
    const { jobId, tenantId } = jobIdentity(payload);
    if (!jobId || !tenantId) return work();
    const beat = () =>
      this.transactions
        .run(tenantId, (tx) => this.jobs.heartbeat(tx, jobId))
        .catch((error: unknown) => this.logger.warn({ err: error, job_id: jobId }, 'job heartbeat failed'));
    // Each beat is scheduled after the previous one ended, so a slow database never piles them up.
    let timer: NodeJS.Timeout | undefined;
    let inFlight: Promise<unknown> = Promise.resolve();
    let running = true;
    const next = () => {
      timer = setTimeout(() => {
        inFlight = beat().then(() => running && next());
      }, this.settings.intervalMs);
      timer.unref();
    };
    next();
    try {
      return await work();
    } finally {
      running = false;
      clearTimeout(timer);
      // No beat lands after the handler returned.
      await inFlight;
    }
  }
}
