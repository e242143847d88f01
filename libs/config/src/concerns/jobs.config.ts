import { z } from 'zod';
import { defineConcern } from '../lib/define-settings';
import { positiveInt } from '../lib/types';

/** Per-job event streams (Redis Streams) and the SSE endpoint that reads them. */
export const streamConfig = defineConcern(
  'stream',
  {
    EVENT_STREAM_MAX_LENGTH: { schema: positiveInt.default(10_000) },
    EVENT_STREAM_RETENTION_SECONDS: { schema: positiveInt.default(3_600) },
    TOKEN_FLUSH_INTERVAL_MS: { schema: positiveInt.default(50) },
    SSE_HEARTBEAT_MS: { schema: positiveInt.default(15_000) },
  },
  (v) => ({
    maxLength: v.EVENT_STREAM_MAX_LENGTH,
    retentionSeconds: v.EVENT_STREAM_RETENTION_SECONDS,
    tokenFlushIntervalMs: v.TOKEN_FLUSH_INTERVAL_MS,
    heartbeatMs: v.SSE_HEARTBEAT_MS,
  }),
);

export const outboxConfig = defineConcern(
  'outbox',
  {
    OUTBOX_RELAY_INTERVAL_MS: { schema: positiveInt.default(2_000) },
    OUTBOX_RELAY_AFTER_MS: { schema: positiveInt.default(5_000) },
    OUTBOX_RELAY_BATCH: { schema: positiveInt.default(100) },
    STALE_JOB_AFTER_MS: { schema: positiveInt.default(15 * 60_000) },
  },
  (v) => ({
    intervalMs: v.OUTBOX_RELAY_INTERVAL_MS,
    dispatchAfterMs: v.OUTBOX_RELAY_AFTER_MS,
    batchSize: v.OUTBOX_RELAY_BATCH,
    staleRunningAfterMs: v.STALE_JOB_AFTER_MS,
  }),
);

export const workerConfig = defineConcern(
  'worker',
  {
    CHAT_CONCURRENCY: { schema: positiveInt.default(20) },
    INGEST_CONCURRENCY: { schema: positiveInt.default(2) },
    // A worker holds a lock on each job it runs and renews it; when the worker dies,
    // the lock lapses and another worker's stalled-job check takes the job over.
    WORKER_LOCK_DURATION_MS: { schema: positiveInt.default(30_000) },
    WORKER_STALLED_INTERVAL_MS: { schema: positiveInt.default(30_000) },
  },
  (v) => ({
    chatConcurrency: v.CHAT_CONCURRENCY,
    ingestConcurrency: v.INGEST_CONCURRENCY,
    lockDurationMs: v.WORKER_LOCK_DURATION_MS,
    stalledIntervalMs: v.WORKER_STALLED_INTERVAL_MS,
  }),
);

/** Conversations and reply generation. */
export const chatConfig = defineConcern(
  'chat',
  {
    // How many of the latest messages are sent to the model as history.
    MAX_CONVERSATION_MESSAGES: { schema: positiveInt.default(100) },
    // `local` is the built-in provider that needs no network and no key.
    DEFAULT_MODEL: {
      schema: z
        .string()
        .regex(
          /^(local|(openai|anthropic|gemini)\/\S+)$/,
          'expected provider/model (openai, anthropic or gemini) or local',
        )
        .default('local'),
    },
  },
  (v) => ({ maxHistoryMessages: v.MAX_CONVERSATION_MESSAGES, defaultModel: v.DEFAULT_MODEL }),
);

/** The scheduler's own recurring work (besides the outbox relay). */
export const schedulerConfig = defineConcern(
  'scheduler',
  {
    LAST_USED_FLUSH_INTERVAL_MS: { schema: positiveInt.default(60_000) },
  },
  (v) => ({ lastUsedFlushIntervalMs: v.LAST_USED_FLUSH_INTERVAL_MS }),
);
