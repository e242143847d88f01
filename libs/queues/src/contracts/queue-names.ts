import type { DefaultJobOptions } from 'bullmq';

// These strings are persisted in Redis (queue keys) and in job rows: never rename
// one without a plan to drain or migrate what is stored under the old name.
export const QUEUE = {
  chat: 'chat',
  ingest: 'ingest',
  webhook: 'webhook',
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

const day = 24 * 3600;

/** A custom BullMQ backoff type: the worker consuming the queue supplies the strategy. Persisted in Redis. */
export const WEBHOOK_BACKOFF = 'webhook-exponential';

/** Retry, backoff and cleanup per queue. Postgres keeps the durable record; Redis keeps a short tail. */
export const QUEUE_POLICY: Record<QueueName, DefaultJobOptions> = {
  chat: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: { age: 3600, count: 1_000 },
    removeOnFail: { age: day },
  },
  ingest: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: { age: 3600, count: 1_000 },
    removeOnFail: { age: 7 * day },
  },
  webhook: {
    attempts: 8,
    // Exponential from 10 s, computed by the webhook consumer (WEBHOOK_RETRY_DELAY_MS) so
    // operators and tests can change the base without touching jobs already queued.
    backoff: { type: WEBHOOK_BACKOFF, delay: 10_000 },
    removeOnComplete: { age: 3600, count: 1_000 },
    removeOnFail: { age: 7 * day },
  },
  maintenance: {
    attempts: 2,
    backoff: { type: 'fixed', delay: 60_000 },
    removeOnComplete: { count: 100 },
    removeOnFail: { count: 100 },
  },
};
