import { z } from 'zod';
import { defineConcern } from '../lib/define-settings';
import { positiveInt } from '../lib/types';

export const coreConfig = defineConcern(
  'core',
  {
    LOG_LEVEL: {
      schema: z
        .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
        .default('info')
        .describe('Least severe log level written'),
    },
    LOG_FORMAT: {
      schema: z
        .enum(['json', 'pretty'])
        .default('json')
        .describe('`json`: one JSON object per line; `pretty`: human-readable, for a terminal'),
    },
    APP_VERSION: {
      schema: z.string().default('0.0.0-dev').describe('Version served on /version (set by the image build)'),
    },
    GIT_SHA: { schema: z.string().default('unknown').describe('Commit served on /version (set by the image build)') },
    BUILD_DATE: {
      schema: z.string().default('unknown').describe('Build time served on /version (set by the image build)'),
    },
    SHUTDOWN_TIMEOUT_MS: {
      schema: positiveInt
        .default(10_000)
        .describe('How long an app may take to close gracefully on SIGTERM before it exits anyway'),
    },
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
