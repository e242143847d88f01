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
    // Deliveries one worker sends at once.
    WEBHOOK_CONCURRENCY: { schema: positiveInt.default(10) },
    // One delivery attempt (connect, send, answer) may take this long before it counts as failed.
    WEBHOOK_TIMEOUT_MS: { schema: positiveInt.default(10_000) },
    // Wait before the first retry; doubles for each further one (8 attempts in all).
    WEBHOOK_RETRY_DELAY_MS: { schema: positiveInt.default(10_000) },
    // Addresses webhook URLs may point at although they are not public (loopback, private
    // ranges), e.g. 127.0.0.1 for tests or an intranet range an operator trusts.
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
        .pipe(z.array(addressOrRange)),
    },
  },
  (v) => ({
    concurrency: v.WEBHOOK_CONCURRENCY,
    timeoutMs: v.WEBHOOK_TIMEOUT_MS,
    retryDelayMs: v.WEBHOOK_RETRY_DELAY_MS,
    allowedAddresses: v.WEBHOOK_ALLOWED_ADDRESSES,
  }),
);
