import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { RedisConnections } from '@copilot/redis';
import { JobProducer } from './job-producer';

// The shared Redis must not be stopped (other runs use it): this test starts a
// Redis of its own, on a free loopback port, only after the producer's first use.
describe(JobProducer.name, () => {
  let redis: ChildProcess | undefined;
  afterEach(() => redis?.kill('SIGKILL'));

  const freePort = () =>
    new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });

  it('enqueues once Redis is back when its first use came during the outage', async () => {
    const port = await freePort();
    const producer = new JobProducer(
      new RedisConnections({ url: `redis://127.0.0.1:${port}`, prefix: `producer-${randomUUID()}` }),
    );
    const payload = { jobId: randomUUID(), tenantId: randomUUID(), documentId: randomUUID() };
    try {
      await expect(producer.enqueue('document.ingest', payload)).rejects.toThrow();

      redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', tmpdir()], {
        stdio: 'ignore',
      });
      let lastError: unknown;
      for (let i = 0; i < 100; i++) {
        try {
          await producer.enqueue('document.ingest', payload);
          lastError = undefined;
          break;
        } catch (error) {
          lastError = error;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
      expect(lastError).toBeUndefined();
      expect((await producer.queue('ingest').getJob(payload.jobId))?.data).toMatchObject(payload);
    } finally {
      await producer.onApplicationShutdown();
    }
  }, 40_000);

  it('keeps failing at once, never waiting, while Redis stays away', async () => {
    const producer = new JobProducer(
      new RedisConnections({
        url: `redis://127.0.0.1:${await freePort()}`,
        prefix: `producer-${randomUUID()}`,
      }),
    );
    const payload = () => ({ jobId: randomUUID(), tenantId: randomUUID(), documentId: randomUUID() });
    try {
      // The first call fails connecting; later ones find the client retrying. Each must be
      // refused (the caller relies on the outbox) rather than wait for Redis to return:
      // a wait would outlast this test's timeout.
      for (let i = 0; i < 3; i++) await expect(producer.enqueue('document.ingest', payload())).rejects.toThrow();
    } finally {
      await producer.onApplicationShutdown();
    }
  }, 5_000);
});
