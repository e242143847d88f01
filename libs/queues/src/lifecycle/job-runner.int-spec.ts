import { randomUUID } from 'node:crypto';
import { adminDatabaseConfig, databaseConfig, loadSettings, redisConfig, streamConfig } from '@copilot/config';
import {
  createPrismaClient,
  JobRepository,
  PrismaService,
  TenantRepository,
  TenantTransactions,
} from '@copilot/persistence';
import { RedisConnections } from '@copilot/redis';
import type { Job as QueueEntry } from 'bullmq';
import { Redis } from 'ioredis';
import { JobCancellation } from '../events/job-cancellation';
import { JobEventWriter } from '../events/job-event-writer';
import { jobEventsKey, toJobEvent } from '../events/job-events';
import type { JobDefinition } from './job-definition';
import { JobRunner } from './job-runner';

// The run wrapper on the real database and Redis, with definitions written for the
// test: what it does with each outcome, a parked run resumed, a duplicate delivery,
// and an ending that someone else wrote first.
describe(JobRunner.name, () => {
  const settings = loadSettings('worker', [databaseConfig, adminDatabaseConfig, redisConfig, streamConfig] as const);
  const prisma = new PrismaService(settings.database);
  const admin = createPrismaClient(settings.adminDatabase);
  const transactions = new TenantTransactions(prisma);
  const jobs = new JobRepository();
  const connections = new RedisConnections(settings.redis);
  const events = new JobEventWriter(connections, settings.stream);
  const cancellation = new JobCancellation(connections);
  const redis = new Redis(settings.redis.url);
  const shutdown = new AbortController().signal;
  const lastDelivery = { attemptsMade: 0, opts: { attempts: 1 } } as unknown as QueueEntry;
  let tenantId: string;

  beforeAll(async () => {
    tenantId = (await new TenantRepository().create(admin, { slug: `runner-${Date.now()}`, name: 'runner' })).id;
  });
  afterAll(async () => {
    connections.onApplicationShutdown();
    redis.disconnect();
    await prisma.onApplicationShutdown();
    await admin.$disconnect();
  });

  async function queuedWebhookJob() {
    const id = randomUUID();
    const payload = { jobId: id, tenantId, deliveryId: randomUUID() };
    await admin.job.create({ data: { id, tenantId, queue: 'webhook', name: 'webhook.deliver', payload } });
    return payload;
  }
  async function queuedIngestJob() {
    const id = randomUUID();
    const payload = { jobId: id, tenantId, documentId: randomUUID() };
    await admin.job.create({ data: { id, tenantId, queue: 'ingest', name: 'document.ingest', payload } });
    return payload;
  }
  const row = (id: string) => admin.job.findUniqueOrThrow({ where: { id } });
  const stream = async (id: string) =>
    (await redis.xrange(jobEventsKey(settings.redis.prefix, id), '-', '+')).map(([entry, fields]) =>
      toJobEvent(entry, fields),
    );

  it('parks a run (requires_action), frees it, and continues it after a resume', async () => {
    const runner = new JobRunner(transactions, jobs, events, cancellation);
    const runs: number[] = [];
    const definition: JobDefinition<'document.ingest', string> = {
      claim: async (_tx, { row }) => `run ${row.attempts}`,
      run: async (claimed, { row, payload }) => {
        runs.push(row.attempts);
        expect(claimed).toBe(`run ${row.attempts}`);
        return row.attempts === 1
          ? { status: 'requires_action', action: { type: 'approve', toolCall: 'fetch_url' } }
          : { status: 'succeeded', result: { documentId: payload.documentId, chunks: 3, stage: 'indexed' } };
      },
    };
    runner.define('document.ingest', definition);
    const payload = await queuedIngestJob();

    expect(await runner.run('document.ingest', payload, lastDelivery, shutdown)).toEqual({ ended: 'requires_action' });
    expect(await row(payload.jobId)).toMatchObject({
      status: 'requires_action',
      result: { type: 'approve' },
      finishedAt: null,
    });
    expect((await stream(payload.jobId)).at(-1)).toMatchObject({
      type: 'status',
      data: { status: 'requires_action', type: 'approve' },
    });

    // A second delivery while parked runs nothing.
    expect(await runner.run('document.ingest', payload, lastDelivery, shutdown)).toEqual({
      replayed: 'job requires_action',
    });
    expect(runs).toEqual([1]);

    const resumed = await transactions.run(tenantId, (tx) => jobs.resume(tx, payload.jobId));
    expect(resumed).toMatchObject({ status: 'queued', dispatchedAt: null });

    expect(await runner.run('document.ingest', payload, lastDelivery, shutdown)).toEqual({ ended: 'succeeded' });
    expect(runs).toEqual([1, 2]);
    expect(await row(payload.jobId)).toMatchObject({ status: 'succeeded', attempts: 2, result: { chunks: 3 } });
    expect((await stream(payload.jobId)).at(-1)).toMatchObject({
      type: 'done',
      data: { status: 'succeeded', chunks: 3, stage: 'indexed' },
    });
  });

  it('ends a job whose last attempt threw as an internal error, and replays that ending on a duplicate', async () => {
    const runner = new JobRunner(transactions, jobs, events, cancellation);
    runner.define('document.ingest', {
      run: async () => {
        throw new Error('connection reset by a peer named db-7');
      },
    });
    const payload = await queuedIngestJob();

    await expect(runner.run('document.ingest', payload, lastDelivery, shutdown)).rejects.toThrow('connection reset');
    const ended = await row(payload.jobId);
    expect(ended).toMatchObject({ status: 'failed', error: { reason: 'internal_error' } });
    // Internals stay in the worker's log.
    expect(JSON.stringify(ended.error)).not.toContain('db-7');

    expect(await runner.run('document.ingest', payload, lastDelivery, shutdown)).toEqual({ replayed: 'job failed' });
    const finals = (await stream(payload.jobId)).filter((e) => e.type === 'error');
    expect(finals).toHaveLength(2);
    expect(finals[1]!.data).toEqual(finals[0]!.data);
  });

  it('ends a job whose claim threw on the last attempt like a failed run, and leaves an earlier attempt to the retry', async () => {
    const runner = new JobRunner(transactions, jobs, events, cancellation);
    let runs = 0;
    runner.define('document.ingest', {
      claim: async () => {
        throw new Error('the document row is locked by db-7');
      },
      run: async () => {
        runs += 1;
        return { status: 'succeeded', result: { documentId: 'x', chunks: 0, stage: 'indexed' } };
      },
    });
    const payload = await queuedIngestJob();
    const firstOfTwo = { attemptsMade: 0, opts: { attempts: 2 } } as unknown as QueueEntry;

    await expect(runner.run('document.ingest', payload, firstOfTwo, shutdown)).rejects.toThrow('locked');
    // The claim rolled back with the start: the row waits for the queue's retry.
    expect(await row(payload.jobId)).toMatchObject({ status: 'queued', attempts: 0 });

    await expect(runner.run('document.ingest', payload, lastDelivery, shutdown)).rejects.toThrow('locked');
    const ended = await row(payload.jobId);
    expect(ended).toMatchObject({ status: 'failed', error: { reason: 'internal_error' } });
    expect(JSON.stringify(ended.error)).not.toContain('db-7');
    expect((await stream(payload.jobId)).at(-1)).toMatchObject({ type: 'error' });
    expect(runs).toBe(0);
  });

  it('keeps the first ending when another one was written meanwhile, and rolls back its own records', async () => {
    const runner = new JobRunner(transactions, jobs, events, cancellation);
    runner.define('webhook.deliver', {
      run: async (_claimed, { payload }) => {
        // The reaper gives up on the job while this run is still going.
        await admin.job.update({
          where: { id: payload.jobId },
          data: { status: 'failed', error: { reason: 'job_lost', message: 'gave up' }, finishedAt: new Date() },
        });
        return { status: 'succeeded', result: { deliveryId: payload.deliveryId, responseStatus: 200 } };
      },
      // Its own write, in the ending's transaction: undone with the ending that lost.
      record: async (tx, payload) => {
        await tx.job.update({ where: { id: payload.jobId }, data: { progress: 42 } });
      },
    });
    const payload = await queuedWebhookJob();

    expect(await runner.run('webhook.deliver', payload, lastDelivery, shutdown)).toEqual({ replayed: 'job failed' });
    expect(await row(payload.jobId)).toMatchObject({ status: 'failed', error: { reason: 'job_lost' }, progress: 0 });
    // Webhook deliveries keep no event stream.
    expect(await stream(payload.jobId)).toEqual([]);
  });

  it('ends a job cancelled before it started without running it', async () => {
    const runner = new JobRunner(transactions, jobs, events, cancellation);
    let ran = false;
    runner.define('document.ingest', {
      run: async () => {
        ran = true;
        throw new Error('must not run');
      },
    });
    const payload = await queuedIngestJob();
    await admin.job.update({ where: { id: payload.jobId }, data: { cancelRequestedAt: new Date() } });

    expect(await runner.run('document.ingest', payload, lastDelivery, shutdown)).toEqual({ ended: 'cancelled' });
    expect(ran).toBe(false);
    expect((await stream(payload.jobId)).at(-1)).toMatchObject({
      type: 'done',
      data: { status: 'cancelled', reason: 'cancelled' },
    });
  });
});
