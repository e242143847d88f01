import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { adminDatabaseConfig, loadSettings } from '@copilot/config';
import { applyMigrations, MigrationError, readMigrations } from './apply-migrations';

describe(applyMigrations.name, () => {
  const { adminDatabase } = loadSettings('cli', [adminDatabaseConfig] as const);

  it('records every migration in Prisma bookkeeping with the SHA-256 of its file', async () => {
    const client = new Client({ connectionString: adminDatabase.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        'SELECT migration_name, checksum, applied_steps_count, finished_at IS NOT NULL AS finished FROM "_prisma_migrations" ORDER BY migration_name',
      );
      expect(rows).toEqual(
        readMigrations().map((m) => ({
          migration_name: m.name,
          checksum: m.checksum,
          applied_steps_count: 1,
          finished: true,
        })),
      );
    } finally {
      await client.end();
    }
  });

  it('applies nothing the second time', async () => {
    const result = await applyMigrations(adminDatabase.url);
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied).toEqual(readMigrations().map((m) => m.name));
  });

  it('records a failed migration, rolls back its changes and refuses to continue past it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    const add = (name: string, sql: string) => {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'migration.sql'), sql);
    };
    add('1_ok', 'CREATE TABLE drill_ok (id int);');
    add('2_bad', 'CREATE TABLE drill_partial (id int); SELECT * FROM no_such_table;');
    await expect(applyMigrations(adminDatabase.url, { dir })).rejects.toThrow(MigrationError);
    const client = new Client({ connectionString: adminDatabase.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT migration_name, finished_at, logs FROM "_prisma_migrations" WHERE migration_name IN ('1_ok', '2_bad') ORDER BY 1`,
      );
      expect(rows[0]).toMatchObject({ migration_name: '1_ok' });
      expect(rows[1]).toMatchObject({
        migration_name: '2_bad',
        finished_at: null,
        logs: expect.stringContaining('no_such_table'),
      });
      const partial = await client.query(`SELECT to_regclass('drill_partial') AS t`);
      expect(partial.rows[0].t).toBeNull();
      await expect(applyMigrations(adminDatabase.url, { dir })).rejects.toThrow(/failed earlier/);
      await client.query(`DELETE FROM "_prisma_migrations" WHERE migration_name IN ('1_ok', '2_bad')`);
      await client.query('DROP TABLE drill_ok');
    } finally {
      await client.end();
    }
  });
});
