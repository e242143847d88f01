import { z } from 'zod';
import { defineConcern } from '../lib/define-settings';
import { port, positiveInt } from '../lib/types';

// One variable for all three apps: the api's interface, and the worker's and scheduler's probe servers'.
const host = z.string().default('0.0.0.0').describe('Interface the app listens on');

export const apiHttpConfig = defineConcern(
  'http',
  {
    PORT: { schema: port.describe("The api's port (8080 in the container images)"), localDefault: '3000' },
    HOST: { schema: host },
  },
  (v) => ({ port: v.PORT, host: v.HOST }),
);

export const workerProbeConfig = defineConcern(
  'http',
  {
    WORKER_PORT: {
      schema: port.default(9464).describe("The worker's probe server: /health, /ready, /version, /metrics"),
    },
    HOST: { schema: host },
  },
  (v) => ({ port: v.WORKER_PORT, host: v.HOST }),
);

export const schedulerProbeConfig = defineConcern(
  'http',
  {
    SCHEDULER_PORT: {
      schema: port.default(9465).describe("The scheduler's probe server: /health, /ready, /version, /metrics"),
    },
    HOST: { schema: host },
  },
  (v) => ({ port: v.SCHEDULER_PORT, host: v.HOST }),
);

/** What one client may hold of the api's connections: slow requests are cut, open streams are capped. */
export const apiConnectionsConfig = defineConcern(
  'connections',
  {
    REQUEST_TIMEOUT_MS: {
      schema: positiveInt
        .default(60_000)
        .describe(
          'Time a client has to send a whole request, headers and body; slower: 408 and the connection is closed (raise it for slow uploaders)',
        ),
    },
    REQUEST_HEADERS_TIMEOUT_MS: {
      schema: positiveInt
        .default(10_000)
        .describe('Time a client has to send the request headers (at most REQUEST_TIMEOUT_MS); slower: cut'),
    },
    STREAMS_PER_KEY: {
      schema: positiveInt
        .default(100)
        .describe(
          'Server-Sent Event streams one API key or token subject may hold open at once, on all replicas; more: 429',
        ),
    },
    STREAMS_PER_TENANT: {
      schema: positiveInt
        .default(500)
        .describe('Server-Sent Event streams a whole tenant may hold open at once, on all replicas; more: 429'),
    },
  },
  (v) => ({
    requestTimeoutMs: v.REQUEST_TIMEOUT_MS,
    headersTimeoutMs: Math.min(v.REQUEST_HEADERS_TIMEOUT_MS, v.REQUEST_TIMEOUT_MS),
    streamsPerPrincipal: v.STREAMS_PER_KEY,
    streamsPerTenant: v.STREAMS_PER_TENANT,
  }),
);
