import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { defineConcern } from './define-settings';
import { loadSettings, SettingsError } from './load-settings';
import { databaseConfig } from '../concerns/database.config';
import { apiHttpConfig } from '../concerns/http.config';

const sample = defineConcern(
  'sample',
  {
    SAMPLE_PORT: { schema: z.coerce.number().int(), localDefault: '3000' },
    SAMPLE_NAME: { schema: z.string().default('plain') },
  },
  (v) => ({ port: v.SAMPLE_PORT, name: v.SAMPLE_NAME }),
);

const load = (env: Record<string, string>) => loadSettings('api', [sample] as const, { env, envFile: null });

describe(loadSettings.name, () => {
  it('uses built-in defaults only in local and test', () => {
    expect(load({}).sample).toEqual({ port: 3000, name: 'plain' });
    expect(() => load({ APP_ENV: 'production' })).toThrow('SAMPLE_PORT: is required');
  });

  it('prefers the app-prefixed variable over the plain one', () => {
    expect(load({ SAMPLE_PORT: '1', API__SAMPLE_PORT: '2' }).sample.port).toBe(2);
    expect(load({ SAMPLE_PORT: '1', WORKER__SAMPLE_PORT: '2' }).sample.port).toBe(1);
  });

  it('reports every problem at once without echoing values', () => {
    const attempt = () =>
      loadSettings('api', [databaseConfig, apiHttpConfig] as const, {
        env: { APP_ENV: 'staging', DATABASE_URL: 'mysql://secret-password@db', PORT: 'http' },
        envFile: null,
      });
    expect(attempt).toThrow(SettingsError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as SettingsError).problems;
      expect(problems).toEqual([
        expect.stringMatching(/^DATABASE_URL: expected a postgresql:\/\/ connection URL/),
        expect.stringMatching(/^PORT: /),
      ]);
      expect((error as Error).message).not.toContain('secret-password');
    }
  });

  it('rejects an unknown APP_ENV', () => {
    expect(() => load({ APP_ENV: 'prod' })).toThrow(/APP_ENV: expected one of local, test, ci, staging, production/);
  });

  it('reads the .env file in local runs but not in production', () => {
    const envFile = join(mkdtempSync(join(tmpdir(), 'cfg-')), '.env');
    writeFileSync(envFile, 'SAMPLE_PORT=4000\n');
    expect(loadSettings('api', [sample] as const, { env: {}, envFile }).sample.port).toBe(4000);
    expect(loadSettings('api', [sample] as const, { env: { SAMPLE_PORT: '5' }, envFile }).sample.port).toBe(5);
    expect(() => loadSettings('api', [sample] as const, { env: { APP_ENV: 'ci' }, envFile })).toThrow(SettingsError);
  });

  it('returns a frozen object', () => {
    const settings = load({});
    expect(Object.isFrozen(settings.sample)).toBe(true);
  });
});
