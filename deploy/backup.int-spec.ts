// deploy/scripts/backup.sh and restore-verify.sh against the local Postgres: the
// run's scratch database (migrated by libs/testing) is backed up, restored into
// another scratch database and checked, as an operator's restore drill would.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { repoRoot } from './validation/tools';

const run = promisify(execFile);
const script = (name: string) => join(repoRoot, 'deploy/scripts', name);
const adminUrl = () => process.env.DATABASE_ADMIN_URL!;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}
async function bash(name: string, ...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run('bash', [script(name), ...args], { cwd: repoRoot, env: process.env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
const scratchDatabases = async () =>
  (
    await query<{ datname: string }>("select datname from pg_database where datname like 'copilot_restore_check_%'")
  ).map((r) => r.datname);

describe('backup and verified restore (deploy/scripts)', () => {
  let dir: string;
  let dump: string;
  let before: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'copilot-backup-'));
    // rows in tables under forced row level security, as a live database has
    await query(
      "insert into tenants (id, slug, name) values (gen_random_uuid(), 'backup-a', 'A'), (gen_random_uuid(), 'backup-b', 'B')",
    );
    before = await scratchDatabases();
    const backup = await bash('backup.sh', '--out', dir, adminUrl());
    expect(backup).toMatchObject({ code: 0 });
    dump = backup.stdout.trim();
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('dumps the database with the row counts of the same snapshot', () => {
    expect(dump).toMatch(/copilot-\d{8}T\d{6}Z\.dump$/);
    const counts = Object.fromEntries(
      readFileSync(`${dump}.counts`, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split('\t')),
    );
    expect(counts['public.tenants']).toBe('2');
    expect(Number(counts['public._prisma_migrations'])).toBeGreaterThan(0);
  });

  it('restores it into a scratch database, checks it and drops the scratch database', async () => {
    const verify = await bash('restore-verify.sh', dump, adminUrl());
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/OK: \d+ tables, \d+ rows, \d+ migrations, vector [\d.]+, row level security forced/);
    expect(await scratchDatabases()).toEqual(before);
  }, 60_000);

  it('fails, naming the table, when a restore does not hold the rows backed up', async () => {
    const copy = join(dir, 'tampered.dump');
    cpSync(dump, copy);
    writeFileSync(
      `${copy}.counts`,
      readFileSync(`${dump}.counts`, 'utf8').replace(/^public\.tenants\t2$/m, 'public.tenants\t3'),
    );
    const verify = await bash('restore-verify.sh', copy, adminUrl());
    expect(verify.code).not.toBe(0);
    expect(verify.stderr).toContain('public.tenants: 2 rows restored, 3 backed up');
    expect(await scratchDatabases()).toEqual(before);
  }, 60_000);

  it('fails when the restored schema lacks a migration of the repository', async () => {
    const migrations = join(dir, 'migrations');
    cpSync(join(repoRoot, 'prisma/migrations'), migrations, { recursive: true });
    mkdirSync(join(migrations, '20991231000000_not_in_the_backup'));
    const verify = await bash('restore-verify.sh', '--migrations', migrations, dump, adminUrl());
    expect(verify.code).not.toBe(0);
    expect(verify.stderr).toMatch(/migrations differ: .*expected \[.*20991231000000_not_in_the_backup\]/);
  }, 60_000);

  it('rejects a damaged dump without creating anything', async () => {
    const copy = join(dir, 'damaged.dump');
    cpSync(dump, copy);
    truncateSync(copy, 100);
    const verify = await bash('restore-verify.sh', copy, adminUrl());
    expect(verify.code).not.toBe(0);
    expect(verify.stderr).toContain('is not a readable pg_dump archive');
    expect(await scratchDatabases()).toEqual(before);
  });
});
