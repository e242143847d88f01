import { defineConcern } from '../lib/define-settings';
import { positiveInt } from '../lib/types';

/**
 * Housekeeping: job heartbeats and the reaper, retention, usage rollups and queue
 * sampling. The scheduler registers the schedules; workers run them on the
 * `maintenance` queue.
 */
export const maintenanceConfig = defineConcern(
  'maintenance',
  {
    // How often a worker touches a running job's heartbeat_at.
    JOB_HEARTBEAT_INTERVAL_MS: { schema: positiveInt.default(15_000) },
    REAPER_INTERVAL_MS: { schema: positiveInt.default(60_000) },
    // A running job whose heartbeat is older than this lost its worker.
    REAPER_STALE_AFTER_MS: { schema: positiveInt.default(5 * 60_000) },
    // A queued job dispatched this long ago whose queue entry is gone (e.g. Redis lost it).
    REAPER_QUEUED_AFTER_MS: { schema: positiveInt.default(15 * 60_000) },
    // Hand-backs before the reaper marks a job failed.
    REAPER_MAX_REAPS: { schema: positiveInt.default(3) },
    // A document this long in a processing stage whose job ended or is gone is failed.
    REAPER_DOCUMENT_AFTER_MS: { schema: positiveInt.default(15 * 60_000) },
    REAPER_BATCH: { schema: positiveInt.default(100) },
    // Days conversations and finished jobs are kept (a tenant may override it).
    RETENTION_DAYS: { schema: positiveInt.default(90) },
    RETENTION_INTERVAL_MS: { schema: positiveInt.default(3_600_000) },
    // Rows deleted per statement, so a large purge never holds long locks.
    RETENTION_BATCH: { schema: positiveInt.default(500) },
    USAGE_ROLLUP_INTERVAL_MS: { schema: positiveInt.default(15 * 60_000) },
    // How often the scheduler samples queue depth for its /metrics.
    QUEUE_SAMPLE_INTERVAL_MS: { schema: positiveInt.default(5_000) },
    // How often the scheduler re-registers the schedules (a Redis restart may lose them).
    SCHEDULE_REFRESH_INTERVAL_MS: { schema: positiveInt.default(60_000) },
    MAINTENANCE_CONCURRENCY: { schema: positiveInt.default(1) },
  },
  (v) => ({
    heartbeatIntervalMs: v.JOB_HEARTBEAT_INTERVAL_MS,
    reaper: {
      intervalMs: v.REAPER_INTERVAL_MS,
      staleAfterMs: v.REAPER_STALE_AFTER_MS,
      queuedAfterMs: v.REAPER_QUEUED_AFTER_MS,
      maxReaps: v.REAPER_MAX_REAPS,
      documentAfterMs: v.REAPER_DOCUMENT_AFTER_MS,
      batchSize: v.REAPER_BATCH,
    },
    retention: { days: v.RETENTION_DAYS, intervalMs: v.RETENTION_INTERVAL_MS, batchSize: v.RETENTION_BATCH },
    usageRollupIntervalMs: v.USAGE_ROLLUP_INTERVAL_MS,
    queueSampleIntervalMs: v.QUEUE_SAMPLE_INTERVAL_MS,
    scheduleRefreshIntervalMs: v.SCHEDULE_REFRESH_INTERVAL_MS,
    concurrency: v.MAINTENANCE_CONCURRENCY,
  }),
  (v) =>
    v.REAPER_STALE_AFTER_MS !== undefined &&
    v.JOB_HEARTBEAT_INTERVAL_MS !== undefined &&
    v.REAPER_STALE_AFTER_MS < 3 * v.JOB_HEARTBEAT_INTERVAL_MS
      ? ['REAPER_STALE_AFTER_MS: expected at least 3 x JOB_HEARTBEAT_INTERVAL_MS, or live jobs get reaped']
      : [],
);

export type MaintenanceSettings = ReturnType<typeof maintenanceConfig.build>;
