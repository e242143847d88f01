import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { QUEUE_POLICY } from '@copilot/queues';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { adminDatabaseConfig, databaseConfig, loadSettings, redisConfig } from '@copilot/config';
import {
  AppProcess,
  cli,
  createScratchDatabase,
  freePort,
  ROOT,
  type ScratchDatabase,
  waitFor,
} from '@copilot/testing';

type AppName = 'api' | 'worker' | 'scheduler';

const BUILD_DIR = join(ROOT, 'tmp', 'bench-build');
let built = false;

/** The apps run compiled, as production images run them (scripts/build.cjs); built once per bench process. */
function compiledEntry(app: AppName): string {
  if (!built) {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.cjs'), BUILD_DIR], { cwd: ROOT, stdio: 'ignore' });
    built = true;
  }
  return join(BUILD_DIR, 'apps', app, 'src', 'main.js');
}

/**
 * A private platform for one benchmark: a scratch database migrated from scratch, a
 * Redis key prefix of its own, a tenant and an API key, and app processes started on
 * demand with the benchmark's settings. `close()` stops everything and drops the data.
 */
export class PlatformEnv {
  readonly apps: AppProcess[] = [];
  readonly env: NodeJS.ProcessEnv;
  tenantId = '';
  apiKey = '';

  private constructor(
    readonly database: ScratchDatabase,
    readonly redisUrl: string,
    readonly redisPrefix: string,
    settings: NodeJS.ProcessEnv,
  ) {
    this.env = {
      ...process.env,
      APP_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      DATABASE_URL: database.appUrl,
      DATABASE_ADMIN_URL: database.adminUrl,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: redisPrefix,
      RATE_LIMIT_REQUESTS: '100000000',
      RATE_LIMIT_TENANT_REQUESTS: '100000000',
      // The benchmarks measure the platform with one key: its per-key limits would measure those instead.
      STREAMS_PER_KEY: '100000000',
      STREAMS_PER_TENANT: '100000000',
      ...settings,
    };
  }

  static async create(name: string, settings: NodeJS.ProcessEnv = {}): Promise<PlatformEnv> {
    const config = loadSettings('cli', [adminDatabaseConfig, databaseConfig, redisConfig] as const);
    const database = await createScratchDatabase(config.adminDatabase.url, config.database.url, `bench_${name}`);
    const platform = new PlatformEnv(
      database,
      config.redis.url,
      `bench-${name}-${randomBytes(3).toString('hex')}`,
      settings,
    );
    const tenant = await cli(platform.env, 'tenant:create', `bench-${name}`);
    platform.tenantId = String(tenant.id);
    const key = await cli(platform.env, 'key:create', '--tenant', platform.tenantId, '--scopes', 'admin');
    platform.apiKey = String(key.key);
    return platform;
  }

  /** Starts one app process and waits until it is ready; returns its base URL. */
  async start(app: AppName, settings: NodeJS.ProcessEnv = {}): Promise<string> {
    const port = await freePort();
    const portVariable = app === 'api' ? 'PORT' : `${app.toUpperCase()}_PORT`;
    const process_ = new AppProcess(app, compiledEntry(app), {
      ...this.env,
      ...settings,
      [portVariable]: String(port),
    });
    this.apps.push(process_);
    const url = `http://127.0.0.1:${port}`;
    await waitFor(`${url}/ready`, 200, 60_000);
    return url;
  }

  /** The chat queue as the api's producer sees it (same prefix and retry policy); close it when done. */
  chatQueue(): Queue {
    return new Queue('chat', {
      connection: { url: this.redisUrl },
      prefix: this.redisPrefix,
      defaultJobOptions: QUEUE_POLICY.chat,
    });
  }

  /** Stops every running process of one app (SIGTERM, as an orchestrator would). */
  async stopApps(app: AppName): Promise<void> {
    const stopping = this.apps.filter((p) => p.name === app);
    await Promise.all(stopping.map((p) => p.stop()));
    this.apps.splice(0, this.apps.length, ...this.apps.filter((p) => !stopping.includes(p)));
  }

  async close(): Promise<void> {
    await Promise.all(this.apps.map((app) => app.stop()));
    await this.database.drop();
    await this.dropRedisKeys();
  }

  private async dropRedisKeys(): Promise<void> {
    const redis = new Redis(this.redisUrl);
    try {
      for await (const keys of redis.scanStream({ match: `${this.redisPrefix}*`, count: 1_000 })) {
        if ((keys as string[]).length > 0) await redis.unlink(...(keys as string[]));
      }
    } finally {
      redis.disconnect();
    }
  }
}
