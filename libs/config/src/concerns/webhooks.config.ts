import { z } from 'zod';
import { defineConcern } from '../lib/define-settings';
import { positiveInt } from '../lib/types';

// An IP address or CIDR block (IPv4 or IPv6); checked loosely here, exactly where it is parsed.
const addressOrRange = z
  .string()
  .regex(/^[0-9a-fA-F.:]+(\/\d{1,3})?$/, 'expected IP addresses or CIDR blocks, comma-separated');

/** Tenant webhooks: delivery concurrency, time limits, retries and the outbound address policy. */
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
    WEBHOOK_ALLOWED_ADDRESSES: {
      schema: z
        .string()
        .default('')
        .transform((list) =>
          list
            .split(',')
            .map((entry) => entry.trim())
            .filter(Boolean),
        )
        .pipe(z.array(addressOrRange))
        .meta({
          description:
            'Non-public addresses webhook URLs may target anyway (e.g. 127.0.0.1 for local tests, an intranet range). Empty: public addresses only',
          values: 'comma-separated IPs or CIDR blocks',
        }),
    },
  },
  (v) => ({
    concurrency: v.WEBHOOK_CONCURRENCY,
    timeoutMs: v.WEBHOOK_TIMEOUT_MS,
    retryDelayMs: v.WEBHOOK_RETRY_DELAY_MS,
    allowedAddresses: v.WEBHOOK_ALLOWED_ADDRESSES,
  }),
);
