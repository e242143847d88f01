import { reply } from '@copilot/llm/testing';
import { Pool } from 'pg';
import type { BenchmarkContext, BenchmarkOutcome } from '../lib/benchmark';
import { startFakeOpenAi, viaFakeOpenAi } from '../lib/fake-provider';
import { PlatformEnv } from '../lib/platform-env';
import { finishedJobs, seedChatJobs } from '../lib/seed';

const WORKER_COUNTS = [1, 2, 4];
const CONCURRENCY = 10; // per worker: an I/O-bound provider makes this the limit, not the CPU

/** Chat throughput with 1, 2 and 4 worker processes against an I/O-bound provider, next to linear scaling. */
export async function scale({ size }: BenchmarkContext): Promise<BenchmarkOutcome> {
  const jobsPerWorker = size.smoke ? 10 : 400;
  const provider = await startFakeOpenAi(
    reply('An answer that takes the provider a while.', {
      firstByteDelayMs: 150,
      chunks: 5,
      chunkDelayMs: 10,
    }),
  );
  const platform = await PlatformEnv.create('scale', {
    ...viaFakeOpenAi(provider),
    CHAT_CONCURRENCY: String(CONCURRENCY),
    LOG_LEVEL: 'error',
  });
  const admin = new Pool({ connectionString: platform.database.adminUrl, max: 1 });
  const chat = platform.chatQueue();
  try {
    const rates: number[] = [];
    let failed = 0;
    for (const workers of WORKER_COUNTS) {
      const count = jobsPerWorker * workers;
      const before = await finishedJobs(admin, platform.tenantId);
      const jobs = await seedChatJobs(platform.database.adminUrl, platform.tenantId, count);
      await Promise.all(Array.from({ length: workers }, () => platform.start('worker')));
      const start = process.hrtime.bigint();
      await chat.addBulk(jobs.map((data) => ({ name: 'chat.generate', data, opts: { jobId: data.jobId } })));
      let now = before;
      while ((now = await finishedJobs(admin, platform.tenantId)).finished < before.finished + count) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      rates.push(count / (Number(process.hrtime.bigint() - start) / 1e9));
      failed += now.failed - before.failed;
      await platform.stopApps('worker');
    }
    const [one] = rates;
    return {
      parameters: { jobsPerWorker, concurrencyPerWorker: CONCURRENCY, providerFirstByteMs: 150 },
      figures: WORKER_COUNTS.map((workers, i) => ({
        metric: `${workers} worker${workers > 1 ? 's' : ''}`,
        unit: 'jobs/s',
        platform: rates[i]!,
        baseline: one! * workers,
        ratio: rates[i]! / (one! * workers),
      })),
      targets: [
        {
          target: '4 workers >= 3.5x one worker',
          observed: `${(rates[2]! / one!).toFixed(2)}x`,
          met: rates[2]! >= 3.5 * one!,
        },
      ],
      notes: ['Baseline column: linear scaling from the 1-worker figure.'],
      errors: failed,
    };
  } finally {
    await chat.close();
    await admin.end();
    await platform.close();
    await provider.close();
  }
}
