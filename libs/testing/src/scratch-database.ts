import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
// Jest loads globalSetup/globalTeardown without moduleNameMapper, so @copilot/* aliases
// cannot resolve here (nor anything they pull in): import the files themselves.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { applyMigrations } from '../../persistence/src/migrations/apply-migrations';

/** Rewrites the database name of a postgres URL, keeping user, host and options. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export interface ScratchDatabase {
  name: string;
  adminUrl: string;
  appUrl: string;
  drop(): Promise<void>;
}

/**
 * Creates an empty database for one test run, migrated as the owner, so runs never
 * share rows and can go in parallel. `adminUrl` must name a role that may create databases.
 */
export async function createScratchDatabase(adminUrl: string, appUrl: string, label: string): Promise<ScratchDatabase> {
  const name = `copilot_${label}_${randomBytes(4).toString('hex')}`;
  const maintenance = new Client({ connectionString: adminUrl });
  await maintenance.connect();
  try {
    await maintenance.query(`CREATE DATABASE "${name}"`);
  } finally {
    await maintenance.end();
  }
  const scratchAdminUrl = withDatabase(adminUrl, name);
  await applyMigrations(scratchAdminUrl);
  return {
    name,
    adminUrl: scratchAdminUrl,
    appUrl: withDatabase(appUrl, name),
    async drop() {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
