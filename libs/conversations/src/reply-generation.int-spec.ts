import { randomUUID } from 'node:crypto';
import { adminDatabaseConfig, databaseConfig, loadSettings, redisConfig } from '@copilot/config';
import { ProviderRegistry } from '@copilot/llm';
import {
  ConversationRepository,
  JobRepository,
  MessageRepository,
  PrismaService,
  TenantRepository,
  TenantTransactions,
  createPrismaClient,
} from '@copilot/persistence';
import { JobEventHub, JobEventWriter, type JobEvent, type JobOf } from '@copilot/queues';
import { ReplyGenerationService } from './reply-generation.service';

describe(ReplyGenerationService.name, () => {
  const settings = loadSettings('worker', [databaseConfig, adminDatabaseConfig, redisConfig] as const);
  const prisma = new PrismaService(settings.database);
  const transactions = new TenantTransactions(prisma);
  const jobs = new JobRepository();
  const messages = new MessageRepository();
  const writer = new JobEventWriter(settings.redis, {
    maxLength: 1000,
    retentionSeconds: 60,
    tokenFlushIntervalMs: 20,
  });
  const hub = new JobEventHub(settings.redis);
  const service = new ReplyGenerationService(transactions, jobs, messages, writer, new ProviderRegistry(), {
    maxHistoryMessages: 10,
    defaultModel: 'local',
  });
  let tenantId: string;

  beforeAll(async () => {
    const admin = createPrismaClient(settings.adminDatabase);
    tenantId = (await new TenantRepository().create(admin, { slug: `gen-${Date.now()}`, name: 'Gen' })).id;
    await admin.$disconnect();
  });
  afterAll(async () => {
    writer.onApplicationShutdown();
    await hub.onApplicationShutdown();
    await prisma.onApplicationShutdown();
  });

  async function newJob(): Promise<JobOf<'chat.generate'>> {
    return transactions.run(tenantId, async (tx) => {
      const conversation = await new ConversationRepository().create(tx, { tenantId });
      const message = await messages.create(tx, {
        tenantId,
        conversationId: conversation.id,
        role: 'user',
        content: 'ping',
      });
      const jobId = randomUUID();
      const payload = { jobId, tenantId, conversationId: conversation.id, messageId: message.id };
      await jobs.create(tx, { id: jobId, tenantId, queue: 'chat', name: 'chat.generate', payload });
      return payload;
    });
  }

  const eventsOf = (jobId: string) =>
    new Promise<JobEvent[]>((resolve) => {
      const seen: JobEvent[] = [];
      const stop = hub.watch(jobId, '0-0', (events) => {
        seen.push(...events);
        if (seen.some((e) => e.type === 'done')) {
          stop();
          resolve(seen);
        }
      });
    });

  it('streams the reply, stores it and marks the job succeeded', async () => {
    const payload = await newJob();
    const result = await service.run(payload);
    const events = await eventsOf(payload.jobId);
    const streamed = events
      .filter((e) => e.type === 'token')
      .map((e) => (e.data as { text: string }).text)
      .join('');
    const [job, history] = await transactions.run(tenantId, (tx) =>
      Promise.all([jobs.findById(tx, payload.jobId), messages.latest(tx, payload.conversationId, 10)]),
    );
    expect(job).toMatchObject({ status: 'succeeded', attempts: 1, result: expect.objectContaining(result) });
    expect(history.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(history[1]!.content).toBe(streamed);
  });

  it('writes one assistant message however often the job is delivered', async () => {
    const payload = await newJob();
    await Promise.allSettled([service.run(payload), service.run(payload)]);
    await service.run(payload);
    const history = await transactions.run(tenantId, (tx) => messages.latest(tx, payload.conversationId, 10));
    expect(history.filter((m) => m.role === 'assistant')).toHaveLength(1);
  });

  it('records the final failure on the job and in its stream', async () => {
    const payload = await newJob();
    await service.fail(payload, new Error('provider exploded'));
    const job = await transactions.run(tenantId, (tx) => jobs.findById(tx, payload.jobId));
    expect(job).toMatchObject({ status: 'failed', error: { message: 'provider exploded' } });
    expect(await hub.exists(payload.jobId)).toBe(true);
  });
});
