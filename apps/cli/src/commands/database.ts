import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import type { Client } from 'pg';
import type { CliContext } from '../cli-context';
import { CommandError } from '../cli-errors';
import { defineCommand } from '../command-kit';
import { fields } from '../output';

const SCRIPTS = join(__dirname, '..', '..', '..', '..', 'deploy', 'scripts');
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Runs one of deploy/scripts with the owner's URL in its environment (not on its
 * command line, where other users of the machine could read it).
 */
async function runScript(
  name: string,
  args: string[],
  adminUrl: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('bash', [join(SCRIPTS, name), ...args], {
      env: { ...process.env, DATABASE_ADMIN_URL: adminUrl },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(error) };
  }
}

async function withServer<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function registerDatabaseCommands(program: Command, cli: CliContext): void {
  defineCommand(
    program,
    cli,
    {
      name: 'migrate',
      description:
        'Apply pending database migrations as the schema owner (DATABASE_ADMIN_URL); npm start does this too.',
      examples: ['migrate', 'migrate --json'],
    },
    (c) => c,
    async ({ out }) => {
      const result = await (await cli.databaseAdmin()).migrate((line) => process.stderr.write(`${line}\n`));
      out.result(result, (r) =>
        r.applied.length === 0
          ? `up to date (${r.alreadyApplied.length} migrations applied)`
          : `applied ${r.applied.length} migration(s):\n${r.applied.map((m) => `  ${m}`).join('\n')}`,
      );
    },
  );

  defineCommand(
    program,
    cli,
    {
      name: 'backup <file>',
      summary: 'Dump the database to <file> (pg_dump), with the row counts restore checks.',
      description:
        'Dump the database (pg_dump custom format, one consistent snapshot) to <file>, with the row count of every ' +
        'table in <file>.counts, which restore checks. Same as deploy/scripts/backup.sh; needs pg_dump and the owner ' +
        'role (DATABASE_ADMIN_URL, which must see every row).',
      examples: ['backup /backups/copilot-2026-11-22.dump', 'backup ./copilot.dump --force --json'],
    },
    (c) => c.option('--force', 'overwrite <file> if it exists'),
    async ({ args, options, out }) => {
      const file = resolve(args[0]!);
      if (existsSync(file) && !options.force)
        throw new CommandError(`${args[0]} exists; choose another file or add --force`);
      if (!statSync(dirname(file), { throwIfNoEntry: false })?.isDirectory())
        throw new CommandError(`no folder ${dirname(args[0]!)}`);
      // The script names its dump by time; a scratch folder beside <file> keeps the final rename on one filesystem.
      const scratch = mkdtempSync(join(dirname(file), '.copilot-backup-'));
      try {
        const run = await runScript('backup.sh', ['--out', scratch], await cli.adminDatabaseUrl());
        if (run.code !== 0) throw new CommandError(run.stderr.trim() || `backup.sh exited with ${run.code}`);
        const dump = run.stdout.trim().split('\n').at(-1)!;
        renameSync(dump, file);
        renameSync(`${dump}.counts`, `${file}.counts`);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
      const counts = readFileSync(`${file}.counts`, 'utf8').trim().split('\n');
      const result = {
        file,
        countsFile: `${file}.counts`,
        sizeBytes: statSync(file).size,
        tables: counts.length,
        rows: counts.reduce((sum, line) => sum + Number(line.split('\t')[1] ?? 0), 0),
      };
      out.result(result, (r) => `backed up ${r.tables} tables, ${r.rows} rows\n${fields(r)}`);
    },
  );

  defineCommand(
    program,
    cli,
    {
      name: 'restore <file>',
      description:
        'Restore a backup into a NEW database on the same server, and check it before it gets its name: every ' +
        'table holds the rows counted at backup time, every migration is applied, pgvector and row level security ' +
        'are there (deploy/scripts/restore-verify.sh). A database that exists is never touched. Then point ' +
        'DATABASE_URL and DATABASE_ADMIN_URL at it.',
      examples: ['restore /backups/copilot-2026-11-22.dump --into copilot_restored'],
    },
    (c) => c.requiredOption('--into <database>', 'name of the new database (lowercase letters, digits, _)'),
    async ({ args, options, out }) => {
      const file = resolve(args[0]!);
      const into = options.into as string;
      if (!DATABASE_NAME.test(into))
        throw new CommandError(`--into: expected a database name of lowercase letters, digits and _ (got '${into}')`);
      if (!existsSync(file)) throw new CommandError(`no backup file ${args[0]}`);
      const adminUrl = await cli.adminDatabaseUrl();
      const exists = async () =>
        withServer(
          adminUrl,
          async (c) => (await c.query('select 1 from pg_database where datname = $1', [into])).rowCount === 1,
        );
      if (await exists()) throw new CommandError(`database ${into} exists; restore into a new database`);

      // restore-verify restores into a scratch database and checks it; --keep leaves it for us to name.
      const run = await runScript('restore-verify.sh', ['--keep', file], adminUrl);
      const kept = /kept (\S+)/.exec(run.stderr)?.[1];
      if (run.code !== 0) {
        if (kept) await withServer(adminUrl, (c) => c.query(`drop database if exists "${kept}" with (force)`));
        const problems = run.stderr
          .split('\n')
          .filter((line) => line && !line.includes('kept '))
          .join('\n');
        throw new CommandError(`the restore did not check out; nothing was created:\n${problems}`);
      }
      if (!kept) throw new Error(`restore-verify.sh kept no database: ${run.stderr}`);
      await withServer(adminUrl, async (c) => {
        try {
          await c.query(`alter database "${kept}" rename to "${into}"`);
        } catch (error) {
          await c.query(`drop database if exists "${kept}" with (force)`);
          throw new CommandError(`cannot name the restored database ${into}: ${(error as Error).message}`);
        }
      });
      const result = { file, database: into, check: run.stdout.trim().replace(/^restore-verify: /, '') };
      out.result(
        result,
        (r) =>
          `restored ${r.file} into database ${r.database}\n${r.check}\nPoint DATABASE_URL and DATABASE_ADMIN_URL at ${r.database} to use it.`,
      );
    },
  );
}
