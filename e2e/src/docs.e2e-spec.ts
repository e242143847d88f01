import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { adminDatabaseConfig, databaseConfig, loadSettings } from '@copilot/config';
import { AppProcess, createScratchDatabase, freePort, ROOT, type ScratchDatabase, waitFor } from '@copilot/testing';
import { concretePath, documentedRoutes, runnableBlocks } from './docs/markdown-examples';

const DOCS = join(ROOT, 'docs');
const read = (name: string) => readFileSync(join(DOCS, name), 'utf8');

// The docs as a reader meets them: the getting-started commands run as written,
// in order, against the real api and worker; every /v1 route the docs name exists.
describe('docs', () => {
  const apps: AppProcess[] = [];
  let api: string;
  let env: NodeJS.ProcessEnv;
  let database: ScratchDatabase;

  beforeAll(async () => {
    // A database and Redis prefix of its own: the guide creates tenant `acme`, as other suites do.
    const settings = loadSettings('cli', [adminDatabaseConfig, databaseConfig] as const);
    database = await createScratchDatabase(settings.adminDatabase.url, settings.database.url, 'docs');
    const [apiPort, workerPort] = await Promise.all([freePort(), freePort()]);
    env = {
      ...process.env,
      DATABASE_URL: database.appUrl,
      DATABASE_ADMIN_URL: database.adminUrl,
      REDIS_PREFIX: `docs-${randomBytes(3).toString('hex')}`,
      APP_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      WORKER_PORT: String(workerPort),
    };
    api = `http://127.0.0.1:${apiPort}`;
    apps.push(
      new AppProcess('api', 'apps/api/src/main.ts', env),
      new AppProcess('worker', 'apps/worker/src/main.ts', env),
    );
    await Promise.all([waitFor(`${api}/ready`), waitFor(`http://127.0.0.1:${workerPort}/ready`)]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await database?.drop();
  });

  it('getting-started.md: every runnable command succeeds, and the replies stream', async () => {
    const blocks = runnableBlocks(read('getting-started.md'));
    expect(blocks.length).toBeGreaterThan(5);
    // The api of this test instead of the default local port; one shell, so variables carry over.
    const script = [
      'set -euo pipefail',
      ...blocks.map(
        (block, i) => `${block.replaceAll('http://127.0.0.1:3000', api)}\nprintf '\\n@@ block ${i + 1} ok\\n'`,
      ),
    ].join('\n');
    // Inside the checkout (npm run finds package.json upwards), in a directory of its own for the files it writes.
    const cwd = mkdtempSync(join(ROOT, 'tmp', 'docs-'));
    try {
      writeFileSync(join(cwd, 'getting-started.sh'), script);
      const run = await runBash(join(cwd, 'getting-started.sh'), cwd, env, 100_000);
      const passed = run.stdout.match(/^@@ block \d+ ok$/gm) ?? [];
      if (run.code !== 0) {
        throw new Error(
          `block ${passed.length + 1} of getting-started.md failed (exit ${run.code}):\n` +
            `${blocks[passed.length]}\n--- stderr ---\n${run.stderr.slice(-3000)}\n--- stdout ---\n${run.stdout.slice(-2000)}`,
        );
      }
      expect(passed).toHaveLength(blocks.length);
      expect(run.stdout.match(/^event: token$/gm)?.length).toBeGreaterThan(10);
      expect(run.stdout.match(/^event: done$/gm)?.length).toBeGreaterThanOrEqual(4);
      expect(run.stdout).toMatch(/^event: citation$/m);
      expect(run.stdout).toContain('"stage":"indexed"');
      expect(run.stdout).not.toMatch(/^event: error$/m);
      expect(readdirSync(cwd)).toEqual(['getting-started.sh']); // the example cleans up after itself
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 120_000);

  it('names only /v1 routes the api has', async () => {
    const files = readdirSync(DOCS).filter((name) => name.endsWith('.md') && name !== 'configuration.md');
    const routes = files.flatMap((file) => documentedRoutes(read(file)).map((route) => ({ file, ...route })));
    expect(routes.length).toBeGreaterThan(30);
    const id = '00000000-0000-4000-8000-000000000000';
    const missing: string[] = [];
    for (const route of routes) {
      // Without a credential an existing route answers 401; only a path no route matches answers 404.
      const methods = route.method ? [route.method] : ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
      const statuses = await Promise.all(
        methods.map(async (method) => (await fetch(`${api}${concretePath(route.path, id)}`, { method })).status),
      );
      if (statuses.every((status) => status === 404))
        missing.push(`${route.file}: ${route.method ?? 'any method'} ${route.path}`);
    }
    expect(missing).toEqual([]);
  });
});

function runBash(
  file: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', [file], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
