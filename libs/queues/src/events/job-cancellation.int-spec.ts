import { randomUUID } from 'node:crypto';
import { loadSettings, redisConfig } from '@copilot/config';
import { JobCancellation } from './job-cancellation';
import { RedisConnections } from '@copilot/redis';

describe(JobCancellation.name, () => {
  const { redis } = loadSettings('worker', [redisConfig] as const);
  // Three processes: each its own connections.
  const processes = [0, 1, 2].map(() => new RedisConnections(redis));
  const [api, ...workers] = processes.map((connections) => new JobCancellation(connections)) as [
    JobCancellation,
    JobCancellation,
    JobCancellation,
  ];
  afterAll(() => processes.forEach((connections) => connections.onApplicationShutdown()));

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
