import { randomUUID } from 'node:crypto';
import { loadSettings, redisConfig } from '@copilot/config';
import { JobCancellation } from './job-cancellation';

describe(JobCancellation.name, () => {
  const { redis } = loadSettings('worker', [redisConfig] as const);
  const api = new JobCancellation(redis);
  const workers = [new JobCancellation(redis), new JobCancellation(redis)];
  afterAll(() => Promise.all([api, ...workers].map((c) => c.onApplicationShutdown())));

  it('aborts the job on whichever worker runs it, and nothing else', async () => {
    const [jobA, jobB] = [randomUUID(), randomUUID()];
    const a = await workers[0]!.watch(jobA);
    const b = await workers[1]!.watch(jobB);
    const aborted = new Promise((resolve) => a.signal.addEventListener('abort', resolve));
    const started = Date.now();
    await api.request(jobA);
    await aborted;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(b.signal.aborted).toBe(false);
    a.release();
    b.release();
  });
});
