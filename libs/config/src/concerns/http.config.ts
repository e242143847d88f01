import { z } from 'zod';
import { defineConcern } from '../lib/define-settings';
import { port } from '../lib/types';

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
