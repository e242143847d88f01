import { CURSOR_MESSAGE } from '@copilot/http';
import { decodeCursor } from '@copilot/persistence';
import { z } from 'zod';

export const idParam = z.uuid({ error: 'expected a UUID' }).meta({ example: '0b8f3c2e-5a7d-4e0c-8a8e-2f5b9e6d1c11' });

/**
 * A date or time as Postgres stores it and Node reads it back: years 1970 to 9999. Date
 * parses years from -271821 to 275760; the first are a database error, the last a row
 * whose time reads back as null.
 */
export const dateTime = z.coerce
  .date({ error: 'expected an ISO date or time' })
  .min(new Date(0), 'expected a time after 1970')
  .max(new Date('9999-12-31T23:59:59.999Z'), 'expected a time before the year 10000');

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .max(200)
    .refine((cursor) => {
      try {
        decodeCursor(cursor);
        return true;
      } catch {
        return false;
      }
    }, CURSOR_MESSAGE)
    .optional(),
});

export const createConversationBody = z
  .object({
    title: z.string().trim().min(1).max(200).nullish(),
    metadata: z
      .record(z.string().max(200), z.unknown())
      .refine((metadata) => Object.keys(metadata).length <= 100, 'expected at most 100 keys')
      .meta({ maxProperties: 100 })
      .optional(),
    copilotId: z.uuid({ error: 'expected a copilot id (UUID)' }).nullish(),
  })
  .strict()
  .meta({
    example: {
      title: 'Refund questions',
      metadata: { customerId: 'c-1042' },
      copilotId: '5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d44',
    },
  })
  .default({});

export const postMessageBody = z
  .object({
    content: z.string({ error: 'expected a string' }).trim().min(1, 'must not be empty').max(32_000),
    /** Collections to ground this reply in, besides the copilot's. */
    collectionIds: z
      .array(z.uuid({ error: 'expected a collection id (UUID)' }))
      .max(20)
      .optional(),
  })
  .strict()
  .meta({ example: { content: 'How long do refunds take?' } });

// Printable ASCII, as the Idempotency-Key draft and common practice allow.
export const idempotencyKeyHeader = z
  .string()
  .max(255)
  .regex(/^[\x21-\x7e]{1,255}$/, 'expected 1-255 printable ASCII characters')
  .optional();
