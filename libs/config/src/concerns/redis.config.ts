import { z } from 'zod';
import { defineConcern } from '../lib/define-settings';
import { redisUrl } from '../lib/types';

export const redisConfig = defineConcern(
  'redis',
  {
    REDIS_URL: { schema: redisUrl, localDefault: 'redis://127.0.0.1:6379', secret: true },
    // Namespaces every key (queues and event streams) so several deployments or test
    // runs can share one Redis.
    REDIS_PREFIX: {
      schema: z
        .string()
        .regex(/^[a-zA-Z0-9_-]+$/)
        .default('copilot'),
    },
  },
  (v) => ({ url: v.REDIS_URL, prefix: v.REDIS_PREFIX }),
);
