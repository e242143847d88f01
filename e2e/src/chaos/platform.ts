/**
 * The platform under test: api, scheduler and two workers as real processes, wired
 * to the private Postgres/Redis and to a fake OpenAI-compatible provider, with short
 * timeouts so that every recovery path (the relay, the reaper after a lock lapses) acts within seconds.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeOpenAiServer, reply } from '@copilot/llm/testing';
import { AppProcess, cli, freePort, waitFor } from '@copilot/testing';
import type { PrivatePostgres, PrivateRedis } from './services';

const PROVIDER_KEY = 'fake-chaos-openai-key';

/** Replies stream for about a second, so a killed worker is usually killed mid-reply. */
export const NORMAL_REPLY = reply('steady answer from the fake provider under chaos', { chunks: 8, chunkDelayMs: 120 });

export class Platform {
  readonly workers: (AppProcess | undefined)[] = [];
  private readonly others: AppProcess[] = [];
  /** Every process started, killed ones included, for the logs. */
  private readonly started: AppProcess[] = [];
  apiKey = '';

  private constructor(
    readonly env: NodeJS.ProcessEnv,
    readonly api: string,
    readonly provider: FakeOpenAiServer,
  ) {}

  /** `register` gets the platform before any app starts, so a teardown on a signal can reach every process. */
  static async start(
    postgres: PrivatePostgres,
    redis: PrivateRedis,
    workerCount: number,
    register: (platform: Platform) => void,
  ): Promise<Platform> {
    const provider = await FakeOpenAiServer.start({ apiKey: PROVIDER_KEY, defaultBehaviour: NORMAL_REPLY });
    const [apiPort, schedulerPort] = await Promise.all([freePort(), freePort()]);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      APP_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      SCHEDULER_PORT: String(schedulerPort),
      DATABASE_URL: postgres.appUrl,
      DATABASE_ADMIN_URL: postgres.adminUrl,
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'chaos',
      OPENAI_API_KEY: PROVIDER_KEY,
      OPENAI_BASE_URL: provider.url,
      DEFAULT_MODEL: 'openai/gpt-4o-mini',
      EMBEDDING_MODEL: 'local',
      CHUNK_MAX_TOKENS: '60',
      CHUNK_OVERLAP_TOKENS: '10',
      MAX_RETRIES: '2',
      TIMEOUT_MS: '3000',
      CIRCUIT_BREAKER_COOLDOWN_MS: '2000',
      WORKER_LOCK_DURATION_MS: '3000',
      // The lost-job policy, quickened: heartbeats, their staleness and the reaper's pass.
      JOB_HEARTBEAT_INTERVAL_MS: '500',
      REAPER_STALE_AFTER_MS: '2000',
      REAPER_INTERVAL_MS: '1000',
      SCHEDULE_REFRESH_INTERVAL_MS: '1000',
      OUTBOX_RELAY_INTERVAL_MS: '500',
      OUTBOX_RELAY_AFTER_MS: '1000',
      SHUTDOWN_TIMEOUT_MS: '5000',
      RATE_LIMIT_REQUESTS: '1000000',
    };
    const platform = new Platform(env, `http://127.0.0.1:${apiPort}`, provider);
    register(platform);
    await cli(env, 'migrate');
    await cli(env, 'tenant:create', 'chaos');
    platform.apiKey = String((await cli(env, 'key:create', '--tenant', 'chaos', '--scopes', 'admin')).key);
    platform.others.push(
      new AppProcess('api', 'apps/api/src/main.ts', env),
      new AppProcess('scheduler', 'apps/scheduler/src/main.ts', env),
    );
    platform.started.push(...platform.others);
    await Promise.all([
      waitFor(`${platform.api}/ready`, 200, 60_000),
      ...Array.from({ length: workerCount }, (_, i) => platform.startWorker(i)),
    ]);
    return platform;
  }

  /**
   * Starts worker number `index` (again, after a kill) and waits until it is ready.
   * Like an orchestrator, replaces a worker that is not ready in time (a busy machine
   * can take a minute to boot one) instead of giving up on the first try.
   */
  async startWorker(index: number, tries = 3): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const worker = new AppProcess(`worker-${index}`, 'apps/worker/src/main.ts', {
        ...this.env,
        WORKER_PORT: String(port),
      });
      this.workers[index] = worker;
      this.started.push(worker);
      try {
        await waitFor(`http://127.0.0.1:${port}/ready`, 200, 90_000);
        return;
      } catch (error) {
        await worker.kill();
        if (attempt >= tries) throw error;
      }
    }
  }

  async killWorker(index: number): Promise<void> {
    await this.workers[index]?.kill();
    this.workers[index] = undefined;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.workers, ...this.others].map((app) => app?.stop()));
    await this.provider.close();
  }

  /** Kills every app at once, for teardown on a signal: no graceful shutdown. */
  killAll(): void {
    for (const app of this.started) void app.kill();
  }

  /** Writes each process's whole output to `<dir>/<name>-<n>.log`. */
  writeLogs(dir: string): void {
    mkdirSync(dir, { recursive: true });
    this.started.forEach((app, n) => writeFileSync(join(dir, `${app.name}-${n}.log`), app.lines.join('\n')));
  }

  /** Output of every app, for a failed run's diagnosis. */
  lastLines(count: number): string[] {
    return [...this.others, ...this.workers].flatMap((app) =>
      app ? app.lines.slice(-count).map((line) => `[${app.name}] ${line}`) : [],
    );
  }
}
