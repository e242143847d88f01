import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { defineConcern } from './define-settings';
import { loadSettings, secretValuesOf, SettingsError } from './load-settings';
import { databaseConfig } from '../concerns/database.config';
import { apiHttpConfig } from '../concerns/http.config';
import { edgeConfig } from '../concerns/edge.config';
import { encryptionConfig } from '../concerns/encryption.config';
import { jwtConfig } from '../concerns/jwt.config';

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

  it('requires JWT material, CORS origins and an encryption key outside local/test', () => {
    const attempt = () =>
      loadSettings('api', [jwtConfig, edgeConfig, encryptionConfig] as const, {
        env: { APP_ENV: 'production', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' },
        envFile: null,
      });
    expect(attempt).toThrow(/JWT_SECRET: is required \(or JWT_SECRETS, or JWT_JWKS_URL/);
    expect(attempt).toThrow(/CORS_ORIGINS: is required/);
    expect(attempt).toThrow(/ENCRYPTION_KEY: is required/);
    const withJwks = loadSettings('api', [jwtConfig] as const, {
      env: { APP_ENV: 'production', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a', JWT_JWKS_URL: 'https://idp.example/jwks' },
      envFile: null,
    });
    expect(withJwks.jwt.jwksUrl).toBe('https://idp.example/jwks');
  });

  it('checks rules across settings: short or duplicate JWT keys, a wildcard CORS origin', () => {
    const attempt = () =>
      loadSettings('api', [jwtConfig, edgeConfig] as const, {
        env: {
          JWT_SECRETS: 'a:short,b:' + 'x'.repeat(32) + ',b:' + 'y'.repeat(32),
          CORS_ORIGINS: 'https://a.example,*',
        },
        envFile: null,
      });
    expect(attempt).toThrow(/JWT_SECRETS: expected kid:secret pairs/);
    expect(() =>
      loadSettings('api', [jwtConfig] as const, {
        env: { JWT_SECRETS: `b:${'x'.repeat(32)},b:${'y'.repeat(32)}` },
        envFile: null,
      }),
    ).toThrow(/JWT_SECRETS: each kid must be unique/);
    expect(() => loadSettings('api', [edgeConfig] as const, { env: { CORS_ORIGINS: '*' }, envFile: null })).toThrow(
      /CORS_ORIGINS: list the allowed origins/,
    );
  });

  it('returns a frozen object', () => {
    const settings = load({});
    expect(Object.isFrozen(settings.sample)).toBe(true);
  });
});

describe(secretValuesOf.name, () => {
  it('lists the values of secret settings (and their parts) but not ordinary ones', () => {
    const settings = loadSettings('api', [databaseConfig, jwtConfig] as const, {
      env: {
        DATABASE_URL: 'postgresql://app:a-long-db-password@db:5432/x',
        JWT_SECRETS: `k1:${'s'.repeat(40)}`,
        JWT_ISSUER: 'issuer-not-secret-at-all',
      },
      envFile: null,
    });
    const values = secretValuesOf(settings);
    expect(values).toEqual(
      expect.arrayContaining(['postgresql://app:a-long-db-password@db:5432/x', 'a-long-db-password', 's'.repeat(40)]),
    );
    expect(values).not.toContain('issuer-not-secret-at-all');
    expect(JSON.stringify(settings)).not.toContain('secretValues');
  });
});
