import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { PROBLEM_CONTENT_TYPE } from '@copilot/http';
import { Problem } from './problem.responses';
import { responseSchemas } from './schema-parts';
import { componentRef, toOpenApiSchema } from './zod-openapi';

/** `{ $ref }` to a registered response shape; throws at import time for a shape that is not registered. */
export function refTo(schema: z.ZodType): { $ref: string } {
  const id = responseSchemas.get(schema)?.id;
  if (!id) throw new Error('This zod schema is not a registered response component (see schema-parts.ts).');
  return { $ref: componentRef(id) };
}

/**
 * What one route does, for the OpenAPI document: its summary and a stable, camelCase
 * operationId (client generators name their methods after it). Security, 401/403/429,
 * 400 for validated input, 413/415 for bodies and 500 are added from the route's guards
 * and pipes when the document is built (see openapi-document.ts), not repeated here.
 */
export const ApiRoute = (operationId: string, summary: string, description?: string) =>
  ApiOperation({ operationId, summary, ...(description ? { description } : {}) });

/** A JSON success response with a registered shape (its example comes from the shape). */
export const ApiJson = (status: 200 | 201 | 202, schema: z.ZodType, description: string) =>
  ApiResponse({ status, description, content: { 'application/json': { schema: refTo(schema) } } });

export const ApiNoContent = (description: string) => ApiResponse({ status: 204, description });

/** 202 with a job: where to follow it is in Location too. */
export const ApiAccepted = (schema: z.ZodType, description: string) =>
  ApiResponse({
    status: 202,
    description,
    headers: {
      Location: { description: 'The job to follow: /v1/jobs/{id}.', schema: { type: 'string', maxLength: 100 } },
    },
    content: { 'application/json': { schema: refTo(schema) } },
  });

const EVENT_STREAM_EXAMPLE = [
  ': stream open',
  '',
  'id: 1763803800000-0',
  'event: status',
  'data: {"status":"running","attempt":1}',
  '',
  'id: 1763803800012-0',
  'event: token',
  'data: {"text":"Refunds take"}',
  '',
  'id: 1763803800950-0',
  'event: done',
  'data: {"status":"succeeded","messageId":"8c0d0a3e-2b0f-4d4f-9a3b-5a1e7d2c9b22"}',
  '',
].join('\n');

/**
 * The job's events as Server-Sent Events: `status`, `token`, `citation`, `usage`, then
 * `done` or `error`. OpenAPI 3.0 cannot say "a sequence of": the schema is that of one
 * event (`events` names the union of their shapes), the example the stream on the wire.
 */
export const ApiEventStream = (description: string, events: z.ZodType) =>
  ApiResponse({
    status: 200,
    description:
      `${description} Every event has an \`id:\`; reconnect with \`Last-Event-ID\` to resume after it. ` +
      'Comment lines keep the connection alive. Each SSE event, parsed (`type` from `event:`, `data` from ' +
      '`data:`, `id` from `id:`), has the schema given here. On the wire:\n\n```\n' +
      EVENT_STREAM_EXAMPLE +
      '```',
    content: {
      'text/event-stream': {
        schema: refTo(events),
        example: { type: 'token', id: '1763803800012-0', data: { text: 'Refunds take' } },
      },
    },
  });

/** A request header validated by a zod schema (not a Nest parameter): documented from that same schema. */
export const ApiZodHeader = (name: string, schema: z.ZodType, description: string) =>
  ApiHeader({ name, description, required: false, schema: toOpenApiSchema(schema, 'input') });

const PROBLEMS = {
  400: 'The input is not valid: `errors` names each field and what was expected.',
  401: 'No credential, or a key that is not valid, revoked or expired, or a token that does not verify.',
  403: 'The credential lacks a scope this route needs.',
  404: 'No such resource in this tenant.',
  409: 'The resource is not in a state that allows this.',
  413: 'The body (or the uploaded document) is larger than the api accepts.',
  415: 'The body is not JSON (or, where documented, multipart/form-data).',
  422: 'Understood, but cannot be processed as asked.',
  429: 'A request budget or token budget is spent; retry after `Retry-After` seconds.',
  500: 'Something went wrong on our side; the detail does not say what (it is logged with the request id).',
  503: 'A dependency (the database, or every model provider a reply would use) is not available right now; retry after `Retry-After` seconds.',
} as const;
export type ProblemStatus = keyof typeof PROBLEMS;

/** The problem+json response of one status, with the shared Problem schema. */
export const problemResponse = (status: ProblemStatus, description: string = PROBLEMS[status]) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: refTo(Problem) } },
});

/**
 * Error responses a route answers besides those every route of its kind has (see ApiRoute):
 * e.g. `@ApiProblemResponses(404, 409)`. A status may carry its own description: `[409, 'why']`.
 */
export const ApiProblemResponses = (...statuses: (ProblemStatus | [ProblemStatus, string])[]) =>
  applyDecorators(
    ...statuses.map((entry) => {
      const [status, description] = Array.isArray(entry) ? entry : [entry, undefined];
      return ApiResponse({ status, ...problemResponse(status, description) });
    }),
  );
