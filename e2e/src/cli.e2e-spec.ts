import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, type CliRun, freePort, runCli, waitFor, withDatabase } from '@copilot/testing';
import { Client } from 'pg';

// The operator's CLI as an operator runs it: a process against the run's scratch
// database and Redis prefix, judged by what it prints and its exit code. Ingest
// needs a worker, as in production: the CLI only accepts and queues documents.
// The tests work in tenants of their own and run concurrently: most of their time
// is each CLI process starting up.
// The tests share two cores while they run at once: each takes longer than alone, the file less.
const CONCURRENT_TEST_MS = 90_000;

describe('admin CLI', () => {
  const env: NodeJS.ProcessEnv = { ...process.env, APP_ENV: 'test', LOG_LEVEL: 'warn' };
  const run = (...args: string[]) => runCli(env, ...args);
  const json = (result: CliRun) => {
    if (result.code !== 0) throw new Error(`the CLI exited with ${result.code}: ${result.stderr}${result.stdout}`);
    // Results are read loosely; the assertions say what each must hold.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return JSON.parse(result.stdout) as Record<string, any>;
  };
  let worker: AppProcess;
  let workerReady: Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), 'copilot-cli-'));

  beforeAll(async () => {
    const workerPort = await freePort();
    worker = new AppProcess('worker', 'apps/worker/src/main.ts', { ...env, WORKER_PORT: String(workerPort) });
    // Started now, awaited only by the ingest test: the other tests run meanwhile.
    workerReady = waitFor(`http://127.0.0.1:${workerPort}/ready`, 200, 45_000);
    workerReady.catch(() => undefined);
    // The tenants the tests below work in, made the way an operator makes them.
    const made = await Promise.all(
      ['cli-globex', 'cli-initech', 'cli-backed-up'].map((slug) => run('tenant:create', slug)),
    );
    for (const result of made) expect(result.code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await worker.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.concurrent(
    'explains itself: every command is listed, and each one has a description and examples',
    async () => {
      const [overview, ingestHelp] = await Promise.all([run('--help'), run('ingest', '--help')]);
      expect(overview.code).toBe(0);
      for (const command of [
        'tenant:create',
        'tenant:budget',
        'tenant:retention',
        'tenant:list',
        'tenant:show',
        'key:create',
        'key:revoke',
        'key:list',
        'token:mint',
        'copilot:create',
        'copilot:list',
        'copilot:show',
        'collection:create',
        'collection:list',
        'ingest',
        'jobs:failed',
        'jobs:retry',
        'jobs:list',
        'jobs:show',
        'jobs:replay',
        'backup',
        'restore',
        'secrets:reencrypt',
        'migrate',
      ])
        expect(overview.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
      expect(ingestHelp.code).toBe(0);
      expect(ingestHelp.stdout).toContain('Usage: npm run cli -- ingest [options] <folder>');
      expect(ingestHelp.stdout).toContain('--no-wait');
      expect(ingestHelp.stdout).toMatch(/Examples:\n {2}\$ npm run cli -- ingest /);
    },
    CONCURRENT_TEST_MS,
  );

  it.concurrent(
    'answers mistakes with the right exit code: 2 for usage, with a suggestion or the usage; 1 for an unknown tenant',
    async () => {
      const [typo, missing, nothing, ghost] = await Promise.all([
        run('tenant:craete', 'acme'),
        run('key:revoke'),
        run(),
        run('tenant:show', 'ghost'),
      ]);
      expect(typo.code).toBe(2);
      expect(typo.stderr).toContain("unknown command 'tenant:craete'");
      expect(typo.stderr).toContain('Did you mean tenant:create?');
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain("missing required argument 'key-id'");
      expect(missing.stderr).toContain('Usage: npm run cli -- key:revoke [options] <key-id>');
      expect(nothing.code).toBe(2);
      expect(nothing.stderr).toContain('Usage: npm run cli -- <command>');
      expect(ghost).toMatchObject({ code: 1, stdout: '' });
      expect(ghost.stderr).toBe("error: no tenant 'ghost'; see tenant:list\n");
    },
    CONCURRENT_TEST_MS,
  );

  it.concurrent(
    'creates, lists and shows tenants and keys; a key secret is printed once and never listed',
    async () => {
      const tenant = json(await run('tenant:create', 'cli-acme', '--name', 'Acme', '--json'));
      expect(tenant).toEqual({
        id: expect.any(String),
        slug: 'cli-acme',
        name: 'Acme',
        retentionDays: null,
        createdAt: expect.any(String),
      });
      const key = json(
        await run('key:create', '--tenant', 'cli-acme', '--scopes', 'chat:read,admin', '--name', 'ops', '--json'),
      );
      expect(key.key).toEqual(expect.any(String));

      const [keysJson, keysText, tenants, shown] = await Promise.all([
        run('key:list', '--tenant', 'cli-acme', '--json'),
        run('key:list', '--tenant', tenant.id),
        run('tenant:list', '--json'),
        run('tenant:show', 'cli-acme', '--json'),
      ]);
      const keys = json(keysJson);
      expect(keys.data).toEqual([
        expect.objectContaining({ id: key.id, name: 'ops', scopes: ['chat:read', 'admin'], status: 'active' }),
      ]);
      expect(key.key.startsWith(keys.data[0].prefix)).toBe(true);
      for (const listing of [keysJson.stdout, keysText.stdout]) expect(listing).not.toContain(key.key);
      expect(keysText.stdout).toMatch(/^ID +NAME +PREFIX +SCOPES +STATUS/);
      expect(keysText.stdout).toContain('chat:read,admin');
      expect(json(tenants).data.map((t: { slug: string }) => t.slug)).toContain('cli-acme');
      expect(json(shown)).toMatchObject({ slug: 'cli-acme', stats: { activeApiKeys: 1, copilots: 0 } });

      expect(json(await run('key:revoke', key.id, '--json'))).toEqual({ id: key.id, revokedAt: expect.any(String) });
    },
    CONCURRENT_TEST_MS,
  );

  it.concurrent(
    'creates and reads collections and copilots through the platform services',
    async () => {
      const collection = json(
        await run('collection:create', '--tenant', 'cli-globex', '--name', 'handbook', '--description', 'HR', '--json'),
      );
      expect(collection).toMatchObject({ name: 'handbook', description: 'HR', embeddingModel: 'local' });
      const [copilotRun, badModel] = await Promise.all([
        run(
          'copilot:create',
          '--tenant',
          'cli-globex',
          '--name',
          'support',
          '--instructions',
          'Answer from the handbook.',
          '--model',
          'anthropic/claude-x',
          '--collections',
          'handbook',
          '--json',
        ),
        run('copilot:create', '--tenant', 'cli-globex', '--name', 'x', '--model', 'gpt-4o', '--collections', 'nope'),
      ]);
      const copilot = json(copilotRun);
      expect(copilot).toMatchObject({ name: 'support', model: 'anthropic/claude-x', collectionIds: [collection.id] });
      expect(badModel.code).toBe(1);
      expect(badModel.stderr).toContain('--model: expected provider/model');

      const [copilots, shown, collections] = await Promise.all([
        run('copilot:list', '--tenant', 'cli-globex', '--json'),
        run('copilot:show', 'support', '--tenant', 'cli-globex'),
        run('collection:list', '--tenant', 'cli-globex', '--json'),
      ]);
      expect(json(copilots).data.map((c: { id: string }) => c.id)).toEqual([copilot.id]);
      expect(shown.stdout).toMatch(/^instructions: +Answer from the handbook\.$/m);
      expect(json(collections).data.map((c: { id: string }) => c.id)).toEqual([collection.id]);
    },
    CONCURRENT_TEST_MS,
  );

  it.concurrent(
    'ingests a folder in the workers until every supported file is indexed, then shows and replays its jobs',
    async () => {
      const folder = join(dir, 'handbook');
      mkdirSync(join(folder, 'travel'), { recursive: true });
      writeFileSync(join(folder, 'leave.md'), '# Leave\n\nEveryone gets 25 days of paid leave a year.\n');
      writeFileSync(join(folder, 'expenses.txt'), 'Expenses are reimbursed within one month.\n');
      writeFileSync(
        join(folder, 'travel', 'trains.html'),
        '<html><body><h1>Travel</h1><p>Book second class trains.</p></body></html>',
      );
      writeFileSync(join(folder, 'photo.png'), 'not a document');
      json(await run('collection:create', '--tenant', 'cli-initech', '--name', 'handbook', '--json'));
      await workerReady;

      const ingested = json(
        await run('ingest', folder, '--tenant', 'cli-initech', '--collection', 'handbook', '--timeout', '40', '--json'),
      );
      expect(ingested.skipped).toEqual(['photo.png']);
      expect(ingested.documents.map((d: { file: string; stage: string }) => [d.file, d.stage])).toEqual([
        ['expenses.txt', 'indexed'],
        ['leave.md', 'indexed'],
        [join('travel', 'trains.html'), 'indexed'],
      ]);
      expect(ingested.documents.every((d: { chunkCount: number }) => d.chunkCount > 0)).toBe(true);

      const jobId = ingested.documents[1].jobId as string;
      const [shown, listed, again] = await Promise.all([
        run('jobs:show', jobId, '--json'),
        run('jobs:list', '--tenant', 'cli-initech', '--type', 'document.ingest', '--json'),
        run('ingest', folder, '--tenant', 'cli-initech', '--collection', 'handbook', '--no-wait', '--json'),
      ]);
      const { job, events } = json(shown);
      expect(job).toMatchObject({ id: jobId, type: 'document.ingest', status: 'succeeded' });
      expect(events.map((e: { type: string }) => e.type)).toContain('status');
      expect(events.at(-1)).toMatchObject({ type: 'done', data: { stage: 'indexed' } });
      expect(json(listed).data.map((j: { status: string }) => j.status)).toEqual([
        'succeeded',
        'succeeded',
        'succeeded',
      ]);
      expect(json(again).documents.every((d: { duplicate: boolean }) => d.duplicate)).toBe(true);

      const replay = json(await run('jobs:replay', jobId, '--json'));
      expect(replay).toMatchObject({ jobId, mode: 'reingested', newJobId: expect.any(String) });
      expect(replay.newJobId).not.toBe(jobId);
    },
    CONCURRENT_TEST_MS,
  );

  it.concurrent(
    'backs the database up and restores it into a new, checked database',
    async () => {
      const adminUrl = env.DATABASE_ADMIN_URL!;
      const restored = `${new URL(adminUrl).pathname.slice(1)}_restored`;
      try {
        const dump = join(dir, 'platform.dump');
        const backup = json(await run('backup', dump, '--json'));
        expect(backup).toMatchObject({ file: dump, countsFile: `${dump}.counts`, tables: expect.any(Number) });
        expect(backup.rows).toBeGreaterThan(0);

        const restore = json(await run('restore', dump, '--into', restored, '--json'));
        expect(restore).toMatchObject({ database: restored, check: expect.stringMatching(/^OK: \d+ tables/) });
        const [{ slugs }, refused] = await Promise.all([
          query(withDatabase(adminUrl, restored), 'select array_agg(slug) as slugs from tenants'),
          run('restore', dump, '--into', restored),
        ]);
        expect(slugs).toContain('cli-backed-up');
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain(`database ${restored} exists`);
      } finally {
        await query(adminUrl, `drop database if exists "${restored}" with (force)`);
      }
    },
    CONCURRENT_TEST_MS,
  );
});

async function query(url: string, sql: string): Promise<Record<string, unknown>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] ?? {};
  } finally {
    await client.end();
  }
}
