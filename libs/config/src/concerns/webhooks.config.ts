import { defineConcern } from '../lib/define-settings';
import { positiveInt } from '../lib/types';

/** Tenant webhooks: delivery concurrency, time limits and retries (where they may go: the egress concern). */
export const webhooksConfig = defineConcern(
  'webhooks',
  {
    WEBHOOK_CONCURRENCY: { schema: positiveInt.default(10).describe('Webhook deliveries one worker sends at once') },
    WEBHOOK_TIMEOUT_MS: {
      schema: positiveInt
        .default(10_000)
        .describe('Time allowed for one delivery attempt (connect, send, answer); longer counts as a failed attempt'),
    },
    WEBHOOK_RETRY_DELAY_MS: {
      schema: positiveInt
        .default(10_000)
        .describe('Wait before the first retry of a failed delivery; doubles for each further one (8 attempts in all)'),
    },
  },
  (v) => ({
    concurrency: v.WEBHOOK_CONCURRENCY,
    timeoutMs: v.WEBHOOK_TIMEOUT_MS,
    retryDelayMs: v.WEBHOOK_RETRY_DELAY_MS,
  }),
);
