import { defineConcern } from '../lib/define-settings';
import { positiveInt, postgresUrl } from '../lib/types';

/** What the apps connect as: a non-owner role that row level security applies to. */
export const databaseConfig = defineConcern(
  'database',
  {
    DATABASE_URL: {
      schema: postgresUrl.meta({
        description: 'What the apps connect as: a role that owns nothing and is subject to row level security',
        values: 'postgresql:// URL',
      }),
      localDefault: 'postgresql://copilot_app:copilot_app@127.0.0.1:5432/copilot',
      secret: true,
    },
    DATABASE_POOL_SIZE: { schema: positiveInt.default(10).describe('Postgres connections per app process') },
    DATABASE_POOL_TIMEOUT_MS: {
      schema: positiveInt
        .default(5_000)
        .describe(
          'How long a request waits for a free pooled connection (or a new one to open); longer: 503 with Retry-After',
        ),
    },
  },
  (v) => ({ url: v.DATABASE_URL, poolSize: v.DATABASE_POOL_SIZE, poolTimeoutMs: v.DATABASE_POOL_TIMEOUT_MS }),
);

/** The schema owner: migrations and the admin CLI only, never the apps. */
export const adminDatabaseConfig = defineConcern(
  'adminDatabase',
  {
    DATABASE_ADMIN_URL: {
      schema: postgresUrl.meta({
        description: 'The schema owner (needs BYPASSRLS or superuser): migrations and the admin CLI only',
        values: 'postgresql:// URL',
      }),
      localDefault: 'postgresql://copilot_owner:copilot_owner@127.0.0.1:5432/copilot',
      secret: true,
    },
  },
  (v) => ({ url: v.DATABASE_ADMIN_URL }),
);
