import { z } from 'zod';

/**
 * The registry of the api's response shapes (and the Problem shape): each schema
 * registered here becomes `#/components/schemas/<id>` in the OpenAPI document.
 */
export const responseSchemas = z.registry<{ id: string; description?: string }>();

/** Registers `schema` as the component `id`; returns it, so other shapes can nest it (as a $ref). */
export function component<S extends z.ZodType>(id: string, schema: S, description?: string): S {
  responseSchemas.add(schema, { id, ...(description ? { description } : {}) });
  return schema;
}

// Bounds below are what the api can return (its own limits, or the column's), so clients can size buffers.
export const uuid = () => z.uuid();
export const time = () => z.iso.datetime();
export const text = (maxLength: number) => z.string().max(maxLength);
export const count = (maximum = 2_147_483_647) => z.number().int().min(0).max(maximum);
/** A JSON object the api stores for the caller or for a job (metadata, result, error); at most 100 keys. */
export const jsonObject = () => z.record(z.string().max(200), z.unknown()).meta({ maxProperties: 100 });

export const EXAMPLE_IDS = {
  tenant: '6f1c1c52-0d4e-4b8a-9a51-0d8d3cf8f0a1',
  conversation: '0b8f3c2e-5a7d-4e0c-8a8e-2f5b9e6d1c11',
  message: '8c0d0a3e-2b0f-4d4f-9a3b-5a1e7d2c9b22',
  job: '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b33',
  copilot: '5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d44',
  collection: '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c55',
  document: '9c8b7a6f-5e4d-4c3b-aa19-0f8e7d6c5b66',
  chunk: '1e2d3c4b-5a69-4788-9a6b-5c4d3e2f1a77',
  apiKey: '2f3e4d5c-6b7a-4988-8a7b-6c5d4e3f2a88',
  webhook: '4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c99',
  delivery: '6c7d8e9f-0a1b-4c2d-8e3f-4a5b6c7d8eaa',
  event: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4cbb',
} as const;
export const EXAMPLE_TIME = '2026-11-22T09:30:00.000Z';

/** `{ data, nextCursor }`: the shape of every cursor-paginated list. */
export const page = <S extends z.ZodType>(id: string, item: S, itemExample: unknown, maxItems = 100) =>
  component(
    id,
    z
      .object({
        data: z.array(item).max(maxItems),
        nextCursor: text(200).nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
      })
      .strict()
      .meta({ example: { data: [itemExample], nextCursor: null } }),
  );
