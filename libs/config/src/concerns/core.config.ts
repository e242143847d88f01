import { z } from 'zod';
import { defineConcern } from '../lib/define-settings';
import { positiveInt } from '../lib/types';

export const coreConfig = defineConcern(
  'core',
  {
    LOG_LEVEL: { schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') },
    LOG_FORMAT: { schema: z.enum(['json', 'pretty']).default('json') },
    APP_VERSION: { schema: z.string().default('0.0.0-dev') },
    GIT_SHA: { schema: z.string().default('unknown') },
    BUILD_DATE: { schema: z.string().default('unknown') },
    SHUTDOWN_TIMEOUT_MS: { schema: positiveInt.default(10_000) },
  },
  (v) => ({
    logLevel: v.LOG_LEVEL,
    logFormat: v.LOG_FORMAT,
    version: v.APP_VERSION,
    gitSha: v.GIT_SHA,
    buildDate: v.BUILD_DATE,
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS,
  }),
);
