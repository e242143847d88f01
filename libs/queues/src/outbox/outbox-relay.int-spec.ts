import { randomUUID } from 'node:crypto';
import { adminDatabaseConfig, databaseConfig, loadSettings, redisConfig } from '@copilot/config';
import {
  ConversationRepository,
  JobRepository,
  MessageRepository,
  PrismaService,
  TenantRepository,
  TenantTransactions,
  createPrismaClient,
} from '@copilot/persistence';
import { JobDispatcher } from '../producer/job-dispatcher';
import { JobProducer } from '../producer/job-producer';
import { OutboxRelay } from './outbox-relay';
import { RedisConnections } from '@copilot/redis';

describe(OutboxRelay.name, () => {
  const settings = loadSettings('scheduler', [databaseConfig, adminDatabaseConfig, redisConfig] as const);
  const prisma = new PrismaService(settings.database);
  const transactions = new TenantTransactions(prisma);
  const jobs = new JobRepository();
  const connections = new RedisConnections(settings.redis);
  const producer = new JobProducer(connections);
  const relay = new OutboxRelay(prisma, transactions, jobs, producer, {
    dispatchAfterMs: 0,
    batchSize: 50,
  });
  let tenantId: string;

  beforeAll(async () => {
    const admin = createPrismaClient(settings.adminDatabase);
    tenantId = (await new TenantRepository().create(admin, { slug: `relay-${Date.now()}`, name: 'Relay' })).id;
    await admin.$disconnect();
  });
  afterAll(async () => {
    await producer.onApplicationShutdown();
    connections.onApplicationShutdown();
    await prisma.onApplicationShutdown();
  });

  /** A message and its job committed, as if the api died (or Redis was down) before enqueueing. */
  async function acceptedButNeverEnqueued(): Promise<string> {
    return transactions.run(tenantId, async (tx) => {
      const conversation = await new ConversationRepository().create(tx, { tenantId });
      const message = await new MessageRepository().create(tx, {
        tenantId,
        conversationId: conversation.id,
        role: 'user',
        content: 'hi',
      });
      const id = randomUUID();
      await jobs.create(tx, {
        id,
        tenantId,
        queue: 'chat',
        name: 'chat.generate',
        payload: { jobId: id, tenantId, conversationId: conversation.id, messageId: message.id },
      });
      return id;
    });
  }

  it("leaves the relay nothing to do after the api's fast path, whose marks are written in batches", async () => {
    const dispatcher = new JobDispatcher(producer, transactions, jobs);
    const ids = await Promise.all(Array.from({ length: 20 }, () => acceptedButNeverEnqueued()));
    const rowsOf = () => transactions.run(tenantId, (tx) => Promise.all(ids.map((id) => jobs.findById(tx, id))));

    await Promise.all(ids.map((id) => dispatcher.afterCommit('chat.generate', payloadOf(id))));
    const queued = await Promise.all(ids.map((id) => producer.queue('chat').getJob(id)));
    expect(queued.every((job) => job?.name === 'chat.generate')).toBe(true);
    // marks still waiting for their batch are written at shutdown
    await dispatcher.beforeApplicationShutdown();

    expect((await rowsOf()).every((row) => row?.dispatchedAt instanceof Date)).toBe(true);
    expect(await relay.backlog()).toBe(0);
  });

  /** The job payload the api enqueues for a row written by acceptedButNeverEnqueued. */
  function payloadOf(jobId: string) {
    return { jobId, tenantId, conversationId: randomUUID(), messageId: randomUUID() };
  }

  it('enqueues every undispatched job once and marks it dispatched', async () => {
    const first = await acceptedButNeverEnqueued();
    const second = await acceptedButNeverEnqueued();
    expect(await relay.backlog()).toBeGreaterThanOrEqual(2);

    await relay.relayOnce();

    const queued = await producer.queue('chat').getJob(first);
    expect(queued?.name).toBe('chat.generate');
    expect(queued?.data).toMatchObject({ jobId: first, tenantId });
    expect(await producer.queue('chat').getJob(second)).toBeDefined();
    const rows = await transactions.run(tenantId, (tx) =>
      Promise.all([jobs.findById(tx, first), jobs.findById(tx, second)]),
    );
    expect(rows.every((row) => row?.dispatchedAt instanceof Date)).toBe(true);
    expect(await relay.backlog()).toBe(0);
    expect(await relay.relayOnce()).toBe(0);
  });

  it('leaves a job stuck in running to the reaper: the relay only enqueues undispatched rows', async () => {
    const id = await acceptedButNeverEnqueued();
    const admin = createPrismaClient(settings.adminDatabase);
    await admin.$executeRaw`UPDATE jobs SET status = 'running', dispatched_at = now(), started_at = now() - interval '1 hour' WHERE id = ${id}::uuid`;
    await admin.$disconnect();
    expect(await producer.queue('chat').getJob(id)).toBeUndefined();
    await relay.relayOnce();
    expect(await producer.queue('chat').getJob(id)).toBeUndefined();
  });

  it('leaves young jobs to the fast path', async () => {
    const patient = new OutboxRelay(prisma, transactions, jobs, producer, {
      dispatchAfterMs: 60_000,
      batchSize: 50,
    });
    const id = await acceptedButNeverEnqueued();
    expect(await patient.relayOnce()).toBe(0);
    expect(await producer.queue('chat').getJob(id)).toBeUndefined();
  });

  it('enqueues a job only once even when two relays race (BullMQ job id = row id)', async () => {
    const id = await acceptedButNeverEnqueued();
    const row = await transactions.run(tenantId, (tx) => jobs.findById(tx, id));
    await Promise.all([producer.enqueueStored({ name: 'chat.generate', payload: row!.payload }), relay.relayOnce()]);
    const all = await producer.queue('chat').getJobs(['waiting']);
    expect(all.filter((job) => job.id === id)).toHaveLength(1);
  });
});
