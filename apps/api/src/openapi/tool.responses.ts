import { z } from 'zod';
import { component, EXAMPLE_TIME, jsonObject, page, text, time, uuid } from './schema-parts';

export const toolExample = {
  id: '3b4c5d6e-7f80-4a91-8b2c-3d4e5f6a7bcc',
  name: 'get_order',
  description: 'Looks an order up by its number: status, items and delivery date.',
  parameters: {
    type: 'object',
    properties: { orderId: { type: 'string', maxLength: 20, description: 'The order number, e.g. A-1042.' } },
    required: ['orderId'],
  },
  kind: 'http',
  http: { method: 'GET', urlTemplate: 'https://shop.example.com/api/orders/{orderId}', headers: {} },
  hasCredentials: true,
  idempotent: true,
  timeoutMs: 10000,
  createdAt: EXAMPLE_TIME,
  updatedAt: EXAMPLE_TIME,
};

const headers = z.record(text(100), text(4000)).meta({ maxProperties: 50 });

export const ToolHttp = component(
  'ToolHttp',
  z
    .object({
      method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
      urlTemplate: text(2000).describe('`{name}` is filled with the argument of that name, URL-encoded.'),
      headers: headers.describe('Sent on every call; credentials are kept apart (sealed) and never shown.'),
      query: z
        .array(text(200))
        .max(100)
        .optional()
        .describe('Arguments sent in the query string although the method has a body.'),
      bodyArgument: text(200).optional().describe('The argument whose value is the whole JSON body.'),
      source: z
        .object({ openapi: z.object({ operationId: text(200), path: text(2000) }).strict() })
        .strict()
        .optional()
        .describe('The OpenAPI operation it was imported from.'),
    })
    .strict(),
  'How the platform calls an http tool.',
);

export const Tool = component(
  'Tool',
  z
    .object({
      id: uuid(),
      name: text(64),
      description: text(4000),
      parameters: jsonObject().describe('JSON Schema (type object) of the arguments.'),
      kind: z.enum(['http', 'client']),
      http: ToolHttp.nullable(),
      hasCredentials: z.boolean().describe('Whether sealed credential headers are stored (they are never returned).'),
      idempotent: z.boolean().describe('Safe to run again after a crash mid-call (sent an Idempotency-Key).'),
      timeoutMs: z.number().int().min(100).max(600_000),
      createdAt: time(),
      updatedAt: time(),
    })
    .strict()
    .meta({ example: toolExample }),
  'A tool copilots may call: an HTTP endpoint the platform calls, or one the caller runs (client).',
);
export const ToolPage = page('ToolPage', Tool, toolExample);

export const ToolImport = component(
  'ToolImport',
  z
    .object({
      tools: z.array(Tool).max(1000).describe('The tools created, one per operation.'),
      skipped: z
        .array(
          z
            .object({
              operationId: text(200).nullable(),
              path: text(2000),
              method: text(10),
              skipped: text(500).describe('Why the operation was not imported.'),
            })
            .strict(),
        )
        .max(1000),
    })
    .strict()
    .meta({ example: { tools: [toolExample], skipped: [] } }),
  'What an OpenAPI import created, and the operations it left out.',
);
