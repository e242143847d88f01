// Jest globalSetup for projects with integration tests: one scratch database and
// one Redis key prefix per run, handed to the test workers through the environment.
import { randomBytes } from 'node:crypto';
// Jest loads globalSetup/globalTeardown without moduleNameMapper, so @copilot/* aliases
// cannot resolve here (nor anything they pull in): import the files themselves.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { adminDatabaseConfig, databaseConfig, loadSettings } from '../../config/src';
import { createScratchDatabase } from './scratch-database';

export default async function globalSetup(): Promise<void> {
  const settings = loadSettings('cli', [adminDatabaseConfig, databaseConfig] as const);
  const database = await createScratchDatabase(settings.adminDatabase.url, settings.database.url, 'it');
  Object.assign(process.env, {
    APP_ENV: 'test',
    DATABASE_URL: database.appUrl,
    DATABASE_ADMIN_URL: database.adminUrl,
    REDIS_PREFIX: `it-${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    // Every test's requests come from 127.0.0.1, and many fail authentication on
    // purpose; the failure throttle has a test of its own with its own limit.
    AUTH_FAILURE_LIMIT: '1000000',
    AUTH_FAILURE_ADDRESS_LIMIT: '1000000',
  });
  (globalThis as { scratchDatabase?: unknown }).scratchDatabase = database;
}
