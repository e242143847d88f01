import { z } from 'zod';
import { component, text } from './schema-parts';

export const Health = component(
  'Health',
  z
    .object({ status: z.literal('ok') })
    .strict()
    .meta({ example: { status: 'ok' } }),
);

const dependencyStates = z
  .record(text(100), z.object({ status: z.enum(['up', 'down']), message: text(1_000).optional() }).strict())
  .meta({ maxProperties: 20 });
export const Readiness = component(
  'Readiness',
  z
    .object({
      status: z.enum(['ok', 'error', 'shutting_down']),
      info: dependencyStates.optional(),
      error: dependencyStates.optional(),
      details: dependencyStates,
    })
    .strict()
    .meta({
      example: {
        status: 'ok',
        info: { database: { status: 'up' }, redis: { status: 'up' } },
        error: {},
        details: { database: { status: 'up' }, redis: { status: 'up' } },
      },
    }),
  'Every dependency the api needs (database, redis) and whether it answers.',
);

export const BuildInfo = component(
  'BuildInfo',
  z
    .object({ service: text(100), version: text(100), gitSha: text(64), buildDate: text(64) })
    .strict()
    .meta({ example: { service: 'api', version: '0.1.0', gitSha: 'dc1f445', buildDate: '2026-11-22T05:00:00Z' } }),
);
