import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { reply } from '@copilot/llm/testing';
import { ROOT } from '@copilot/testing';
import { Queue } from 'bullmq';
import { Pool } from 'pg';
import type { BenchmarkContext, BenchmarkOutcome } from '../lib/benchmark';
import { startFakeOpenAi, viaFakeOpenAi } from '../lib/fake-provider';
import { PlatformEnv } from '../lib/platform-env';
import { finishedJobs, seedChatJobs } from '../lib/seed';

const CONCURRENCY = 64;

/** Chat jobs one worker process completes per second, against raw BullMQ no-op jobs drained by a bare worker. */
export async function drain({ size }: BenchmarkContext): Promise<BenchmarkOutcome> {
  const count = size.smoke ? 50 : 5_000;
  const provider = await startFakeOpenAi(reply('Drained.'));
  const platform = await PlatformEnv.create('drain', {
    ...viaFakeOpenAi(provider),
    CHAT_CONCURRENCY: String(CONCURRENCY),
    LOG_LEVEL: 'error',
  });
  const admin = new Pool({ connectionString: platform.database.adminUrl, max: 1 });
  const connection = { url: platform.redisUrl };
  try {
    const jobs = await seedChatJobs(platform.database.adminUrl, platform.tenantId, count);
    await platform.start('worker');
    const chat = platform.chatQueue();
    const platformRun = await timed(async () => {
      await chat.addBulk(jobs.map((data) => ({ name: 'chat.generate', data, opts: { jobId: data.jobId } })));
      await until(async () => (await finishedJobs(admin, platform.tenantId)).finished >= count);
    });
    const failed = (await finishedJobs(admin, platform.tenantId)).failed;
    await chat.close();

    const noop = new Queue('noop', { connection, prefix: platform.redisPrefix });
    const bare = spawn(
      process.execPath,
      [join(ROOT, 'scripts', 'run-ts.cjs'), join(ROOT, 'bench/src/bare-worker.ts')],
      {
        env: { ...platform.env, BENCH_QUEUE: 'noop', BENCH_CONCURRENCY: String(CONCURRENCY) },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      await once(bare.stdout!, 'data');
      const bareRun = await timed(async () => {
        await noop.addBulk(jobs.map((data) => ({ name: 'noop', data, opts: { jobId: data.jobId } })));
        await until(async () => (await noop.getJobCounts('completed')).completed >= count);
      });
      const platformRate = count / nonZero(platformRun);
      const bareRate = count / nonZero(bareRun);
      return {
        parameters: { jobs: count, concurrency: CONCURRENCY, provider: 'fake OpenAI, no latency' },
        figures: [
          {
            metric: 'jobs completed per second',
            unit: 'jobs/s',
            platform: platformRate,
            baseline: bareRate,
            ratio: platformRate / bareRate,
          },
          {
            metric: 'time to drain',
            unit: 's',
            platform: platformRun,
            baseline: bareRun,
            ratio: platformRun / bareRun,
          },
        ],
        targets: [
          {
            target: '>= 1,000 chat jobs/s per worker process',
            observed: `${Math.round(platformRate)} jobs/s`,
            met: platformRate >= 1_000,
          },
        ],
        notes: failed > 0 ? [`${failed} chat jobs failed`] : [],
        errors: failed,
      };
    } finally {
      bare.kill('SIGTERM');
      await noop.close();
    }
  } finally {
    await admin.end();
    await platform.close();
    await provider.close();
  }
}

const nonZero = (seconds: number) => Math.max(seconds, 1e-3);

async function timed(work: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function until(done: () => Promise<boolean>, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the queue to drain');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
