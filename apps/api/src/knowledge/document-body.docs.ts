import { ApiOperation } from '@nestjs/swagger';
import { toOpenApiSchema } from '../openapi/zod-openapi';
import type { z } from 'zod';

/**
 * The body of POST /v1/collections/{id}/documents, which the handler parses itself (it is
 * JSON or a multipart upload): JSON from the same zod schema the handler validates with,
 * the multipart form as @fastify/multipart reads it (one file in `file`, an optional `title`
 * and `metadata`).
 */
export const ApiDocumentBody = (documentBody: z.ZodType) =>
  ApiOperation({
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: toOpenApiSchema(documentBody, 'input'),
          examples: {
            text: {
              summary: 'Text',
              value: {
                title: 'Refund policy',
                text: 'Refunds are issued within 5 business days.',
                metadata: { team: 'support' },
              },
            },
            url: { summary: 'A page to fetch', value: { url: 'https://example.com/help/refunds', title: 'Refunds' } },
          },
        },
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file'],
            additionalProperties: false,
            properties: {
              file: {
                type: 'string',
                format: 'binary',
                maxLength: 2_147_483_647,
                description: 'PDF, DOCX, HTML, Markdown or text.',
              },
              title: {
                type: 'string',
                maxLength: 500,
                description: 'Defaults to the title found in the file, or its name.',
              },
              metadata: {
                type: 'string',
                maxLength: 64_000,
                description:
                  'A JSON object of key/values (strings, numbers, booleans) for search filters, e.g. `{"team":"support"}`.',
              },
            },
          },
          encoding: { file: { contentType: 'application/octet-stream' } },
        },
      },
    },
  });
