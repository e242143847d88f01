import { z } from 'zod';
import { defineConcern } from '../lib/define-settings';
import { redisUrl } from '../lib/types';

export const redisConfig = defineConcern(
  'redis',
  {
    REDIS_URL: {
      schema: redisUrl.meta({
        description: 'Redis for queues, event streams, rate limits',
        values: 'redis:// or rediss:// URL',
      }),
      localDefault: 'redis://127.0.0.1:6379',
      secret: true,
    },
    REDIS_PREFIX: {
      schema: z
        .string()
        .regex(/^[a-zA-Z0-9_-]+$/)
        .default('copilot')
        .meta({
          description:
            'Prefix of every Redis key (queues, event streams): lets deployments or test runs share one Redis',
          values: 'letters, digits, `_`, `-`',
        }),
    },
  },
  (v) => ({ url: v.REDIS_URL, prefix: v.REDIS_PREFIX }),
);
