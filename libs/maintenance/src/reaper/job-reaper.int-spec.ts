import { randomUUID } from 'node:crypto';
import { jobEventsKey, MAX_LOST_RUNS, toJobEvent } from '@copilot/queues';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { type MaintenanceFixture, maintenanceFixture } from '../testing/maintenance-fixture';
import { JobReaper } from './job-reaper';

const HOUR_MS = 3600_000;

describe(JobReaper.name, () => {
  let f: MaintenanceFixture;
  let tenantId: string;

  beforeAll(async () => {
    f = maintenanceFixture((m) => ({
      ...m,
      reaper: { ...m.reaper, staleAfterMs: 60_000 },
    }));
    tenantId = (await f.createTenant('reaper')).id;
  });
  afterAll(() => f.close());

  /** An ingest job row as a worker left it, written with the owner connection to set any time. */
  async function jobRow(fields: {
    status: string;
    heartbeatAt?: Date | null;
    dispatchedAt?: Date;
    reapCount?: number;
  }) {
    const id = randomUUID();
    await f.admin.job.create({
      data: {
        id,
        tenantId,
        queue: 'ingest',
        name: 'document.ingest',
        payload: { jobId: id, tenantId, documentId: randomUUID() },
        status: fields.status,
        startedAt: new Date(Date.now() - 2 * HOUR_MS),
        heartbeatAt: fields.heartbeatAt ?? null,
        dispatchedAt: fields.dispatchedAt ?? new Date(Date.now() - 2 * HOUR_MS),
        reapCount: fields.reapCount ?? 0,
      },
    });
    return id;
  }
  const row = (id: string) => f.admin.job.findUniqueOrThrow({ where: { id } });
  const queued = (id: string) => f.producer.queue('ingest').getJob(id);

  it('hands a running job whose heartbeat stopped and whose queue entry is gone back to the queue', async () => {
    const id = await jobRow({ status: 'running', heartbeatAt: new Date(Date.now() - HOUR_MS) });

    await f.reaper.reapOnce();

    expect(await row(id)).toMatchObject({ status: 'queued', reapCount: 1, heartbeatAt: null });
    expect(await (await queued(id))?.getState()).toBe('waiting');
  });

  it('re-enqueues a queued job dispatched long ago that Redis lost', async () => {
    const id = await jobRow({ status: 'queued' });
    await f.reaper.reapOnce();
    expect(await queued(id)).toBeDefined();
    expect((await row(id)).reapCount).toBe(1);
  });

  it('leaves jobs the queue still holds, and running jobs whose heartbeat is fresh', async () => {
    const waiting = await jobRow({ status: 'queued' });
    await f.producer.enqueueStored(await row(waiting));
    const live = await jobRow({ status: 'running', heartbeatAt: new Date() });

    await f.reaper.reapOnce();

    expect(await row(waiting)).toMatchObject({ status: 'queued', reapCount: 0 });
    expect(await row(live)).toMatchObject({ status: 'running', reapCount: 0 });
    expect(await queued(live)).toBeUndefined();
  });

  /** A BullMQ worker that takes the job and hangs on it, renewing its lock or (a dead worker) not. */
  async function holdActive(id: string, renewLock: boolean): Promise<Worker> {
    await f.producer.enqueueStored(await row(id));
    const worker = new Worker('ingest', () => new Promise(() => undefined), {
      connection: { url: f.settings.redis.url },
      prefix: f.settings.redis.prefix,
      lockDuration: 1_000,
      skipLockRenewal: !renewLock,
      skipStalledCheck: true,
      concurrency: 50, // earlier tests' entries may be waiting too
    });
    for (let i = 0; i < 100 && (await (await queued(id))?.getState()) !== 'active'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return worker;
  }

  it('takes back a job left active by a worker that died (its lock lapsed), and leaves one whose worker holds it', async () => {
    const dead = await jobRow({ status: 'running', heartbeatAt: new Date(Date.now() - HOUR_MS) });
    const deadWorker = await holdActive(dead, false);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the lock lapses, nobody renews it
    await deadWorker.close(true);
    const alive = await jobRow({ status: 'running', heartbeatAt: new Date(Date.now() - HOUR_MS) });
    const liveWorker = await holdActive(alive, true);
    try {
      await f.reaper.reapOnce();

      expect(await row(dead)).toMatchObject({ status: 'queued', reapCount: 1 });
      // Enqueued again (and perhaps already taken by the live worker).
      expect(['waiting', 'active']).toContain(await (await queued(dead))?.getState());
      expect(await row(alive)).toMatchObject({ status: 'running', reapCount: 0 });
      expect(await (await queued(alive))?.getState()).toBe('active');
    } finally {
      await liveWorker.close(true);
    }
  }, 20_000);

  it('takes off the queue an entry left active by a dead worker after its job had ended', async () => {
    const ended = await jobRow({ status: 'succeeded' });
    const deadWorker = await holdActive(ended, false);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await deadWorker.close(true);
    expect(await (await queued(ended))?.getState()).toBe('active');

    const report = await f.reaper.reapOnce();

    expect(report.orphansRemoved).toBeGreaterThanOrEqual(1);
    expect(await queued(ended)).toBeUndefined();
    expect(await row(ended)).toMatchObject({ status: 'succeeded', reapCount: 0 });
  }, 20_000);

  it('gives up after MAX_LOST_RUNS hand-backs and says why', async () => {
    const id = await jobRow({
      status: 'running',
      heartbeatAt: new Date(Date.now() - HOUR_MS),
      reapCount: MAX_LOST_RUNS,
    });

    await f.reaper.reapOnce();

    const job = await row(id);
    expect(job.status).toBe('failed');
    expect(job.finishedAt).toBeInstanceOf(Date);
    expect(job.error).toMatchObject({ reason: 'job_lost', message: expect.stringContaining('gave up') });
    expect(await queued(id)).toBeUndefined();

    // A client watching the job's stream learns that it ended.
    const redis = new Redis(f.settings.redis.url);
    try {
      const entries = await redis.xrange(jobEventsKey(f.settings.redis.prefix, id), '-', '+');
      expect(entries.map(([entry, fields]) => toJobEvent(entry, fields)).at(-1)).toMatchObject({
        type: 'error',
        data: { status: 'failed', reason: 'job_lost' },
      });
    } finally {
      redis.disconnect();
    }
  });

  it('fails a document left mid-ingest by a job that ended or no longer exists', async () => {
    const collection = await f.admin.collection.create({
      data: { tenantId, name: 'docs', embeddingModel: 'local', embeddingDimensions: 8 },
    });
    const failedJob = await jobRow({ status: 'failed' });
    const document = (jobId: string | null, stage: string) =>
      f.admin.document.create({
        data: {
          tenantId,
          collectionId: collection.id,
          title: 'doc',
          sourceType: 'text',
          contentHash: randomUUID(),
          stage,
          jobId,
          updatedAt: new Date(Date.now() - HOUR_MS),
        },
      });
    const orphaned = await document(failedJob, 'embedding');
    const vanished = await document(randomUUID(), 'parsing');
    const running = await document(await jobRow({ status: 'running', heartbeatAt: new Date() }), 'chunking');
    // Prisma's @updatedAt would overwrite the past time given at create.
    await f.admin
      .$executeRaw`UPDATE documents SET updated_at = now() - interval '1 hour' WHERE collection_id = ${collection.id}::uuid`;

    await f.reaper.reapOnce();

    const stageOf = async (id: string) => (await f.admin.document.findUniqueOrThrow({ where: { id } })).stage;
    expect(await stageOf(orphaned.id)).toBe('failed');
    expect(await stageOf(vanished.id)).toBe('failed');
    expect(await stageOf(running.id)).toBe('chunking');
    const error = (await f.admin.document.findUniqueOrThrow({ where: { id: vanished.id } })).error;
    expect(error).toMatchObject({ code: 'ingest_lost', message: expect.stringContaining('no longer exists') });
  });
});
