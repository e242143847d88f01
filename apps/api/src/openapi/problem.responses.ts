import { z } from 'zod';
import { component, count, text, time } from './schema-parts';

/** RFC 9457 problem details: the body of every error response (`application/problem+json`). */
export const Problem = component(
  'Problem',
  z
    .object({
      type: text(200).describe('A URI reference naming the problem, e.g. /problems/validation-error.'),
      title: text(200),
      status: z.number().int().min(400).max(599),
      detail: text(10_000).optional(),
      instance: text(2_000).optional().describe('The path of the request that failed.'),
      errors: z
        .array(
          z
            .object({
              field: text(500).describe('Where the bad input is: body.content, query.limit, path.id, headers.x.'),
              message: text(1_000).describe('What was expected.'),
            })
            .strict(),
        )
        .max(1_000)
        .optional()
        .describe('Every invalid field, for validation problems (400).'),
      // Extension members of specific problem types.
      window: z.enum(['day', 'month']).optional().describe('token-budget-exceeded: the budget window.'),
      limit: count(Number.MAX_SAFE_INTEGER).optional().describe('token-budget-exceeded: the budget.'),
      resetAt: time().optional().describe('token-budget-exceeded: when the budget resets.'),
      tokens: count(Number.MAX_SAFE_INTEGER).optional().describe('context-too-long: tokens the request needs.'),
      available: count(Number.MAX_SAFE_INTEGER).optional().describe('context-too-long: tokens the model allows.'),
      requestId: text(200)
        .optional()
        .describe(
          'internal-server-error: the id to quote to support (also the X-Request-Id header); the cause is logged under it.',
        ),
    })
    .strict()
    .meta({
      example: {
        type: '/problems/validation-error',
        title: 'Your request is not valid',
        status: 400,
        detail: 'body.content: must not be empty',
        instance: '/v1/conversations/0b8f3c2e-5a7d-4e0c-8a8e-2f5b9e6d1c11/messages',
        errors: [{ field: 'body.content', message: 'must not be empty' }],
      },
    }),
);
