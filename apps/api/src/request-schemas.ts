import { decodeCursor } from '@copilot/persistence';
import { z } from 'zod';

export const idParam = z.uuid({ error: 'expected a UUID' });

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .refine((cursor) => {
      try {
        decodeCursor(cursor);
        return true;
      } catch {
        return false;
      }
    }, 'expected a nextCursor returned by this api')
    .optional(),
});

export const createConversationBody = z
  .object({
    title: z.string().trim().min(1).max(200).nullish(),
    metadata: z.record(z.string(), z.unknown()).optional(),
    copilotId: z.uuid({ error: 'expected a copilot id (UUID)' }).nullish(),
  })
  .strict()
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
  .strict();

// Printable ASCII, as the Idempotency-Key draft and common practice allow.
export const idempotencyKeyHeader = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, 'expected 1-255 printable ASCII characters')
  .optional();
