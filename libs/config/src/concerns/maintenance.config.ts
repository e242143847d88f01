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
    JOB_HEARTBEAT_INTERVAL_MS: {
      schema: positiveInt.default(5_000).describe("How often a worker touches a running job's heartbeat"),
    },
    REAPER_INTERVAL_MS: {
      schema: positiveInt
        .default(10_000)
        .describe('How often the reaper looks for jobs and documents that lost their run'),
    },
    // The one staleness setting of the lost-job policy (see JobReaper).
    REAPER_STALE_AFTER_MS: {
      schema: positiveInt
        .default(20_000)
        .describe(
          'A running job silent this long (no heartbeat; its worker lock lapsed), or a queued one dispatched this long ago, whose queue entry is gone is handed back; at least 3 x JOB_HEARTBEAT_INTERVAL_MS',
        ),
    },
    REAPER_DOCUMENT_AFTER_MS: {
      schema: positiveInt
        .default(15 * 60_000)
        .describe('A document this long in a processing stage whose job ended or is gone is marked failed'),
    },
    REAPER_BATCH: { schema: positiveInt.default(100).describe('Jobs and documents the reaper looks at per pass') },
    RETENTION_DAYS: {
      schema: positiveInt
        .default(90)
        .describe(
          'Days conversations (by last activity) and finished jobs are kept; `tenant:retention` overrides it per tenant',
        ),
    },
    RETENTION_INTERVAL_MS: { schema: positiveInt.default(3_600_000).describe('How often the retention purge runs') },
    RETENTION_BATCH: {
      schema: positiveInt
        .default(500)
        .describe('Rows deleted per statement by the retention purge, so a large purge never holds long locks'),
    },
    USAGE_ROLLUP_INTERVAL_MS: {
      schema: positiveInt
        .default(15 * 60_000)
        .describe("How often yesterday's and today's daily usage rollups are recomputed"),
    },
    QUEUE_SAMPLE_INTERVAL_MS: {
      schema: positiveInt
        .default(5_000)
        .describe('How often the scheduler samples queue depth and oldest waiting age (its /metrics)'),
    },
    SCHEDULE_REFRESH_INTERVAL_MS: {
      schema: positiveInt
        .default(10_000)
        .describe(
          'How often the scheduler re-registers the maintenance schedules (restores them, the reaper first, after a Redis restart)',
        ),
    },
    MAINTENANCE_CONCURRENCY: { schema: positiveInt.default(1).describe('Maintenance jobs a worker runs at once') },
  },
  (v) => ({
    heartbeatIntervalMs: v.JOB_HEARTBEAT_INTERVAL_MS,
    reaper: {
      intervalMs: v.REAPER_INTERVAL_MS,
      staleAfterMs: v.REAPER_STALE_AFTER_MS,
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
