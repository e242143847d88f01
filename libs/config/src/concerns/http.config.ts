import { z } from 'zod';
import { defineConcern } from '../lib/define-settings';
import { port } from '../lib/types';

export const apiHttpConfig = defineConcern(
  'http',
  {
    PORT: { schema: port, localDefault: '3000' },
    HOST: { schema: z.string().default('0.0.0.0') },
  },
  (v) => ({ port: v.PORT, host: v.HOST }),
);

export const workerProbeConfig = defineConcern(
  'http',
  {
    WORKER_PORT: { schema: port.default(9464) },
    HOST: { schema: z.string().default('0.0.0.0') },
  },
  (v) => ({ port: v.WORKER_PORT, host: v.HOST }),
);

export const schedulerProbeConfig = defineConcern(
  'http',
  {
    SCHEDULER_PORT: { schema: port.default(9465) },
    HOST: { schema: z.string().default('0.0.0.0') },
  },
  (v) => ({ port: v.SCHEDULER_PORT, host: v.HOST }),
);
