import { z } from 'zod';

const metadataKey = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'expected 1-64 letters, digits or _ . : -');
const metadataValue = z.union([z.string().max(500), z.number().finite(), z.boolean()], {
  error: 'expected a string (at most 500 characters), a number or a boolean',
});

/** Key/values a document is uploaded with: what search filters select on. */
export const documentMetadata = z
  .record(metadataKey, metadataValue)
  .refine((m) => Object.keys(m).length <= 32, 'at most 32 keys')
  .meta({ maxProperties: 32 })
  .describe('Key/values for search filters (`filter.metadata` of POST /v1/search): at most 32.');

/** POST /v1/search `filter`: every given field must hold; lists match any of their values. */
export const searchFilter = z
  .object({
    documentIds: z.array(z.uuid()).min(1).max(1_000).optional(),
    titles: z.array(z.string().min(1).max(500)).min(1).max(100).optional(),
    contentTypes: z
      .array(
        z
          .string()
          .max(255)
          .regex(/^[\w.+-]+\/[\w.+-]+$/, 'expected a media type such as application/pdf'),
      )
      .min(1)
      .max(20)
      .optional()
      .describe('Media types of the documents, e.g. `application/pdf`, `text/markdown` (text uploads).'),
    createdAfter: z.iso.datetime({ offset: true }).optional().describe('Documents created at or after this time.'),
    createdBefore: z.iso.datetime({ offset: true }).optional().describe('Documents created before this time.'),
    metadata: z
      .record(metadataKey, z.union([metadataValue, z.array(metadataValue).min(1).max(50)]))
      .refine((m) => Object.keys(m).length <= 32, 'at most 32 keys')
      .meta({ maxProperties: 32 })
      .optional()
      .describe('Each key must have the value (or one of the values of a list) in the document metadata.'),
  })
  .strict()
  .transform(({ createdAfter, createdBefore, ...rest }) => ({
    ...rest,
    createdAfter: createdAfter === undefined ? undefined : new Date(createdAfter),
    createdBefore: createdBefore === undefined ? undefined : new Date(createdBefore),
  }));
