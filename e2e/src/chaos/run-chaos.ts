/**
 * One chaos run: private services, the platform, load and faults side by side, a
 * settling period, then the checks. Everything it started is stopped and removed
 * at the end, whatever happened; `abort()` does the same synchronously (signals, exit).
 */
import { ChaosDatabase, failedChecks } from './checks';
import { type FaultKind, planFaults, runFaults } from './faults';
import { runLoad } from './load';
import { Platform } from './platform';
import type { ChaosOutcome } from './report';
import { PrivatePostgres, PrivateRedis } from './services';

export interface ChaosOptions {
  durationMs: number;
  users: number;
  documents: number;
  workers: number;
  seed: number;
  faults: readonly FaultKind[];
  /** How long jobs get to end after the load stopped. */
  settleMs: number;
  /** Where to write every app's output at the end; unset: nowhere. */
  logsDir?: string;
  log: (line: string) => void;
}

/** A small seeded generator (mulberry32), so a run's timings and texts can be repeated. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class ChaosRun {
  private postgres?: PrivatePostgres;
  private redis?: PrivateRedis;
  private platform?: Platform;
  /** Output of the apps when the run failed, for diagnosis. */
  appOutput: string[] = [];

  constructor(private readonly options: ChaosOptions) {}

  async run(): Promise<ChaosOutcome> {
    const { options } = this;
    const random = seededRandom(options.seed);
    try {
      options.log('starting private Postgres and Redis');
      this.postgres = await PrivatePostgres.create();
      this.redis = await PrivateRedis.create();
      options.log(`postgres 127.0.0.1:${this.postgres.port}, redis 127.0.0.1:${this.redis.port}; starting the apps`);
      this.platform = await Platform.start(this.postgres, this.redis, options.workers, (p) => (this.platform = p));
      const database = new ChaosDatabase(this.postgres.adminUrl);
      try {
        const plan = planFaults(options.faults, options.durationMs, random);
        options.log(`load for ${options.durationMs / 1000} s with ${options.users} users; ${plan.length} injections`);
        const startedAt = Date.now();
        const targets = {
          platform: this.platform,
          redis: this.redis,
          postgres: this.postgres,
          inFlight: () => database.inFlight(),
        };
        const [load, injections] = await Promise.all([
          runLoad({ api: this.platform.api, apiKey: this.platform.apiKey, random, ...options }),
          runFaults(plan, targets, startedAt, startedAt + options.durationMs),
        ]);
        options.log(`load done (${load.accepted.length} accepted); settling for up to ${options.settleMs / 1000} s`);
        await database.settle(options.settleMs);
        const observed = await database.check(load.accepted, injections, startedAt, this.redis.url, 'chaos');
        const failures = failedChecks(observed, load.idempotencyViolations);
        const providerFaultsServed: Record<string, number> = {};
        for (const request of this.platform.provider.requests) {
          const kind = request.behaviour?.kind;
          if (kind && kind !== 'reply') providerFaultsServed[kind] = (providerFaultsServed[kind] ?? 0) + 1;
        }
        if (failures.length) this.appOutput = this.platform.lastLines(30);
        return { load, injections, observed, failures, providerFaultsServed };
      } finally {
        await database.close();
      }
    } finally {
      await this.platform?.stop().catch(() => undefined);
      if (options.logsDir) this.platform?.writeLogs(options.logsDir);
      this.abort();
    }
  }

  /** Synchronous teardown of whatever is still up: safe to call more than once. */
  abort(): void {
    this.platform?.killAll();
    this.platform = undefined;
    this.redis?.destroy();
    this.postgres?.destroy();
    this.redis = undefined;
    this.postgres = undefined;
  }
}
