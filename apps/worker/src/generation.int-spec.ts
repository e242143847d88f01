import { ChatService, ConversationService, CopilotService, JobService } from '@copilot/conversations';
import { countTokens } from '@copilot/llm';
import { ProviderKeys } from '@copilot/secrets';
import {
  contextTooLong,
  FAKE_OPENAI_REPLY,
  FakeAnthropicServer,
  FakeOpenAiServer,
  reply,
  serverError,
} from '@copilot/llm/testing';
import { createPrismaClient, TenantTransactions, UsageRepository } from '@copilot/persistence';
import { MAX_LOST_RUNS, QueueWorkerHost } from '@copilot/queues';
import { JobReaper } from '@copilot/maintenance';
import { adminDatabaseConfig, loadSettings } from '@copilot/config';
import { randomUUID } from 'node:crypto';
import { TokenBudget } from '@copilot/usage';
import type { INestApplicationContext } from '@nestjs/common';
import { adminOf, createTenant, jobEnded, startWorkerApp } from './testing/worker-test-app';

// The worker's chat path end to end inside one process: the api's ChatService
// accepts a message, BullMQ delivers it, the worker generates through the real SDKs
// against wire-level fake vendors, and the job ends in a clear state.
describe('reply generation with real providers', () => {
  let app: INestApplicationContext;
  let openai: FakeOpenAiServer;
  let anthropic: FakeAnthropicServer;
  let tenantId: string;
  const actor = () => adminOf(tenantId);

  beforeAll(async () => {
    [openai, anthropic] = await Promise.all([
      FakeOpenAiServer.start({ apiKey: 'sk-fake-openai-key' }),
      FakeAnthropicServer.start({ apiKey: 'sk-ant-fake-key' }),
    ]);
    tenantId = await createTenant('gen', 1_000_000n);
    app = await startWorkerApp((s) => ({
      ...s,
      // The fakes are on loopback: admitted, as an operator would admit an intranet server.
      egress: { allowedHosts: ['127.0.0.1'] },
      llm: { ...s.llm, maxRetries: 1, timeoutMs: 2_000, breaker: { failureThreshold: 50, cooldownMs: 1_000 } },
    }));
    await app.init();
    const keys = app.get(ProviderKeys);
    await app.get(TenantTransactions).run(tenantId, async (tx) => {
      await keys.put(tx, tenantId, 'openai', { apiKey: 'sk-fake-openai-key', baseUrl: openai.url });
      await keys.put(tx, tenantId, 'anthropic', { apiKey: 'sk-ant-fake-key', baseUrl: anthropic.url });
    });
  }, 30_000);

  afterAll(async () => {
    await app.close();
    await Promise.all([openai.close(), anthropic.close()]);
  });

  async function ask(copilot: { model: string; fallbackModels?: string[]; maxTokens?: number }, content = 'hello') {
    const created = await app.get(CopilotService).create(actor(), {
      name: 'c',
      instructions: 'Answer briefly.',
      model: copilot.model,
      temperature: 0.2,
      maxTokens: copilot.maxTokens ?? 256,
      fallbackModels: copilot.fallbackModels ?? [],
    });
    const conversation = await app.get(ConversationService).create(tenantId, { copilotId: created.id });
    const { job } = await app.get(ChatService).postUserMessage(tenantId, conversation.id, content);
    return { job, conversationId: conversation.id };
  }

  const ended = (jobId: string, timeoutMs?: number) => jobEnded(app, tenantId, jobId, timeoutMs);

  const assistantText = async (conversationId: string) =>
    (await app.get(ChatService).listMessages(tenantId, conversationId, { limit: 10 })).data
      .filter((m) => m.role === 'assistant')
      .map((m) => m.content);

  it("answers with the copilot's OpenAI model, sending its instructions, and records usage", async () => {
    openai.reset();
    openai.script(reply(FAKE_OPENAI_REPLY, { inputTokens: 42, outputTokens: 7 }));
    const { job, conversationId } = await ask({ model: 'openai/gpt-4o-mini' });
    const done = await ended(job.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      result: { provider: 'openai', model: 'gpt-4o-mini', inputTokens: 42, outputTokens: 7 },
    });
    expect(await assistantText(conversationId)).toEqual([FAKE_OPENAI_REPLY]);
    const sent = openai.requests.at(-1)!.body as {
      model: string;
      messages: { role: string; content: string }[];
      temperature: number;
    };
    expect(sent.model).toBe('gpt-4o-mini');
    expect(sent.messages[0]).toEqual({ role: 'system', content: 'Answer briefly.' });
    expect(sent.temperature).toBe(0.2);
    const usage = await app
      .get(TenantTransactions)
      .run(tenantId, (tx) =>
        app
          .get(UsageRepository)
          .summarize(tx, { from: new Date(Date.now() - 60_000), to: new Date(Date.now() + 1_000), groupBy: 'model' }),
      );
    expect(usage).toEqual(
      expect.arrayContaining([{ key: 'openai/gpt-4o-mini', requests: 1, inputTokens: 42, outputTokens: 7 }]),
    );
  });

  it.each([
    ['negative', -5, 3],
    ['absurd', 4, 1e12],
    ['fractional', 2.5, 3],
  ])('counts the reply itself when the upstream reports %s usage', async (_label, inputTokens, outputTokens) => {
    openai.reset();
    openai.script(reply(FAKE_OPENAI_REPLY, { inputTokens, outputTokens }));
    const { job } = await ask({ model: 'openai/gpt-4o-mini' }, 'count these words yourself please');
    const done = await ended(job.id);
    expect(done.status).toBe('succeeded');
    const result = done.result as { inputTokens: number; outputTokens: number };
    // Our own counts: the prompt (instructions and message) and the reply's tokens.
    expect(result.outputTokens).toBe(countTokens(FAKE_OPENAI_REPLY));
    expect(result.inputTokens).toBeGreaterThanOrEqual(countTokens('count these words yourself please'));
    // The usage record got the same numbers: 1e12 would not even fit its column.
    expect(result.inputTokens).toBeLessThan(100);
  });

  it('falls back to the next model when the first provider fails before the first token', async () => {
    anthropic.reset();
    anthropic.setDefault(serverError(529));
    openai.reset();
    const { job, conversationId } = await ask({
      model: 'anthropic/claude-fake-1',
      fallbackModels: ['openai/gpt-4o-mini'],
    });
    const done = await ended(job.id);
    expect(done).toMatchObject({ status: 'succeeded', result: { provider: 'openai' } });
    expect(anthropic.requests.length).toBe(2); // the first try and one retry
    expect(await assistantText(conversationId)).toEqual([FAKE_OPENAI_REPLY]);
    anthropic.setDefault(reply());
  });

  it('ends failed with a reason an integrator can act on', async () => {
    openai.reset();
    openai.script(contextTooLong());
    const tooLong = await ended((await ask({ model: 'openai/gpt-4o-mini' })).job.id);
    expect(tooLong).toMatchObject({ status: 'failed', error: { reason: 'context_too_long', provider: 'openai' } });

    const noKey = await ended((await ask({ model: 'gemini/gemini-2.5-flash' })).job.id);
    expect(noKey).toMatchObject({ status: 'failed', error: { reason: 'authentication' } });
  });

  it('cancels a running generation within a second, keeping what was generated', async () => {
    openai.reset();
    openai.script(
      reply('one two three four five six seven eight nine ten eleven twelve', { chunks: 12, chunkDelayMs: 300 }),
    );
    const { job, conversationId } = await ask({ model: 'openai/gpt-4o-mini' });
    for (let i = 0; i < 100 && (await app.get(JobService).get(tenantId, job.id)).status !== 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 700));
    const asked = Date.now();
    await app.get(JobService).cancel(tenantId, job.id);
    const done = await ended(job.id, 3_000);
    expect(Date.now() - asked).toBeLessThan(1_000);
    expect(done.status).toBe('cancelled');
    const [partial] = await assistantText(conversationId);
    expect(partial).toMatch(/^one two/);
    expect(partial).not.toContain('twelve');
  });

  it('reports not ready when a queue consumer has stopped', async () => {
    const host = app.get(QueueWorkerHost);
    await expect(host.ping()).resolves.toBeUndefined();
    const consumers = (host as unknown as { workers: { name: string; pause(): Promise<void>; resume(): void }[] })
      .workers;
    const ingest = consumers.find((w) => w.name === 'ingest')!;
    await ingest.pause();
    await expect(host.ping()).rejects.toThrow(/queue consumers stopped: ingest/);
    ingest.resume();
    await expect(host.ping()).resolves.toBeUndefined();
  });

  it('settles the token budget to the tokens really used', async () => {
    const before = await app.get(TokenBudget).used(tenantId);
    openai.reset();
    openai.script(reply('short', { inputTokens: 10, outputTokens: 1 }));
    await ended((await ask({ model: 'openai/gpt-4o-mini', maxTokens: 500 })).job.id);
    const after = await app.get(TokenBudget).used(tenantId);
    expect(after.day - before.day).toBe(11);
  });

  it('gives the token reservation back when the reaper gives up on a lost chat job', async () => {
    const budget = app.get(TokenBudget);
    const reserved = await budget.reserve(tenantId, { daily: 1_000_000, monthly: null }, 700);
    if (!reserved.ok) throw new Error('the reservation was refused');
    const before = await budget.used(tenantId);
    const conversation = await app.get(ConversationService).create(tenantId, {});
    // A job whose runs kept being lost (no queue entry, silent for an hour), with its reservation.
    const id = randomUUID();
    const { adminDatabase } = loadSettings('cli', [adminDatabaseConfig] as const);
    const admin = createPrismaClient(adminDatabase);
    try {
      await admin.job.create({
        data: {
          id,
          tenantId,
          queue: 'chat',
          name: 'chat.generate',
          payload: {
            jobId: id,
            tenantId,
            conversationId: conversation.id,
            messageId: randomUUID(),
            reservation: { ...reserved.reservation! },
          },
          status: 'running',
          startedAt: new Date(Date.now() - 3600_000),
          heartbeatAt: new Date(Date.now() - 3600_000),
          dispatchedAt: new Date(Date.now() - 3600_000),
          reapCount: MAX_LOST_RUNS,
        },
      });
    } finally {
      await admin.$disconnect();
    }

    await app.get(JobReaper).reapOnce();

    expect(await ended(id)).toMatchObject({ status: 'failed', error: { reason: 'job_lost' } });
    expect((await budget.used(tenantId)).day).toBe(before.day - 700);
  });
});
