import { jobEventsKey, QueueWorkerHost, toJobEvent } from '@copilot/queues';
import { REDIS_OPTIONS, type RedisSettings } from '@copilot/redis';
import { CollectionService, DocumentService } from '@copilot/retrieval';
import { repetitiveDocx } from '@copilot/retrieval/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import { adminOf, createTenant, jobEnded, startWorkerApp } from './testing/worker-test-app';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// Item 8 of issue 14, the ingest half: an ingest job always ends, and its stream
// always gets a final event, also when its document is deleted before or while it runs.
describe('ingest of a deleted document', () => {
  let app: INestApplicationContext;
  let redis: Redis;
  let tenantId: string;
  let collectionId: string;

  beforeAll(async () => {
    tenantId = await createTenant('deleted-docs');
    app = await startWorkerApp();
    await app.init();
    redis = new Redis(app.get<RedisSettings>(REDIS_OPTIONS).url);
    collectionId = (await app.get(CollectionService).create(adminOf(tenantId), { name: 'kb', description: '' })).id;
  }, 30_000);
  afterAll(async () => {
    redis.disconnect();
    await app.close();
  });

  const documents = () => app.get(DocumentService);
  const ended = (jobId: string, timeoutMs?: number) => jobEnded(app, tenantId, jobId, timeoutMs);
  const events = async (jobId: string) => {
    const key = jobEventsKey(app.get<RedisSettings>(REDIS_OPTIONS).prefix, jobId);
    return (await redis.xrange(key, '-', '+')).map(([id, fields]) => toJobEvent(id, fields));
  };
  // The ending's row and its final event are two writes: the event can follow the row by a moment.
  const eventsThroughEnd = async (jobId: string, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stream = await events(jobId);
      if (stream.some((e) => e.type === 'done' || e.type === 'error') || Date.now() > deadline) return stream;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const ingestConsumer = () =>
    (
      app.get(QueueWorkerHost) as unknown as { workers: { name: string; pause(): Promise<void>; resume(): void }[] }
    ).workers.find((w) => w.name === 'ingest')!;

  it('ends the job cancelled at once, with a final event, when the document is deleted before the job runs', async () => {
    await ingestConsumer().pause();
    const { document, job } = await documents().accept(tenantId, collectionId, {
      kind: 'text',
      title: 'short-lived',
      text: 'Deleted before anyone read it.',
    });
    await documents().delete(tenantId, document.id);
    ingestConsumer().resume();

    // Within seconds, not after the reaper's REAPER_STALE_AFTER_MS.
    const done = await ended(job!.id, 5_000);
    expect(done).toMatchObject({ status: 'cancelled', error: { reason: 'document_deleted' } });
    const stream = await eventsThroughEnd(job!.id);
    expect(stream.at(-1)).toMatchObject({
      type: 'done',
      data: { status: 'cancelled', reason: 'document_deleted', documentId: document.id },
    });
    expect(stream.filter((e) => e.type === 'done' || e.type === 'error')).toHaveLength(1);
  });

  it('ends the job cancelled when the document is deleted while it is being parsed', async () => {
    const { document, job } = await documents().accept(tenantId, collectionId, {
      kind: 'file',
      bytes: await repetitiveDocx(40_000),
      filename: 'long.docx',
      mediaType: DOCX,
    });
    for (let i = 0; i < 200 && (await documents().get(tenantId, document.id)).stage === 'queued'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(['parsing', 'chunking']).toContain((await documents().get(tenantId, document.id)).stage);
    // Past reading its source: the ingest thread is parsing it (about 3 s for this file).
    await new Promise((resolve) => setTimeout(resolve, 500));
    await documents().delete(tenantId, document.id);

    const done = await ended(job!.id, 30_000);
    expect(done).toMatchObject({ status: 'cancelled', error: { reason: 'document_deleted' } });
    expect(done.attempts).toBe(1);
    expect((await events(job!.id)).at(-1)).toMatchObject({ type: 'done', data: { status: 'cancelled' } });
  }, 40_000);
});
