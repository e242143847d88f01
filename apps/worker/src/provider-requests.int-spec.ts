import { ChatService, ConversationService, CopilotService, REPLY_ESTIMATE_TOKENS } from '@copilot/conversations';
import { ProviderKeys } from '@copilot/secrets';
import { FakeAnthropicServer, FakeOpenAiServer, reply } from '@copilot/llm/testing';
import { TenantTransactions } from '@copilot/persistence';
import { FINAL_EVENT_TYPES, jobEventsKey, toJobEvent } from '@copilot/queues';
import { REDIS_OPTIONS, type RedisSettings } from '@copilot/redis';
import { TokenBudget } from '@copilot/usage';
import type { INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import { adminOf, createTenant, jobEnded, startWorkerApp } from './testing/worker-test-app';

// What the worker sends the vendors and what it keeps of their answers, seen at the
// wire: the fakes record the bodies the real SDKs send.
describe('provider requests from the worker', () => {
  let app: INestApplicationContext;
  let redis: Redis;
  /** The platform's own OpenAI endpoint (OPENAI_BASE_URL), and a tenant's. */
  let platformOpenai: FakeOpenAiServer;
  let tenantOpenai: FakeOpenAiServer;
  let anthropic: FakeAnthropicServer;
  let tenantId: string;

  beforeAll(async () => {
    [platformOpenai, tenantOpenai, anthropic] = await Promise.all([
      FakeOpenAiServer.start({ apiKey: 'sk-platform-openai' }),
      FakeOpenAiServer.start({ apiKey: 'sk-tenant-openai' }),
      FakeAnthropicServer.start({ apiKey: 'sk-ant-tenant' }),
    ]);
    tenantId = await createTenant('provider-requests', 1_000_000n);
    app = await startWorkerApp((s) => ({
      ...s,
      egress: { allowedHosts: ['127.0.0.1'] },
      llm: {
        ...s.llm,
        maxRetries: 0,
        timeoutMs: 2_000,
        providers: { ...s.llm.providers, openai: { apiKey: 'sk-platform-openai', baseUrl: platformOpenai.url } },
      },
    }));
    await app.init();
    redis = new Redis(app.get<RedisSettings>(REDIS_OPTIONS).url);
    const keys = app.get(ProviderKeys);
    await app.get(TenantTransactions).run(tenantId, async (tx) => {
      // The tenant's OpenAI key is for o3-mini only: every other OpenAI model uses the platform's.
      await keys.put(tx, tenantId, 'openai', {
        apiKey: 'sk-tenant-openai',
        baseUrl: tenantOpenai.url,
        models: ['o3-mini'],
      });
      await keys.put(tx, tenantId, 'anthropic', { apiKey: 'sk-ant-tenant', baseUrl: anthropic.url });
    });
  }, 30_000);

  afterAll(async () => {
    redis.disconnect();
    await app.close();
    await Promise.all([platformOpenai.close(), tenantOpenai.close(), anthropic.close()]);
  });

  afterEach(() => [platformOpenai, tenantOpenai, anthropic].forEach((fake) => fake.reset()));

  async function ask(model: string, maxTokens: number | null = null) {
    const copilot = await app.get(CopilotService).create(adminOf(tenantId), {
      name: 'wire',
      instructions: '',
      model,
      temperature: null,
      maxTokens,
      fallbackModels: [],
    });
    const conversation = await app.get(ConversationService).create(tenantId, { copilotId: copilot.id });
    const posted = await app.get(ChatService).postUserMessage(tenantId, conversation.id, 'hello there');
    return { job: await jobEnded(app, tenantId, posted.job.id), reservation: posted.job.payload };
  }

  /** The stream's final event: the worker writes it just after the job row commits. */
  const finalEvent = async (jobId: string) => {
    const key = jobEventsKey(app.get<RedisSettings>(REDIS_OPTIONS).prefix, jobId);
    for (const deadline = Date.now() + 5_000; ; await new Promise((resolve) => setTimeout(resolve, 20))) {
      const last = (await redis.xrange(key, '-', '+')).map(([id, fields]) => toJobEvent(id, fields)).at(-1);
      if ((last && FINAL_EVENT_TYPES.includes(last.type)) || Date.now() > deadline) return last;
    }
  };

  it('uses a key scoped to models only for those models, the platform key for the rest', async () => {
    const scoped = await ask('openai/o3-mini', 400);
    const other = await ask('openai/gpt-4o-mini', 400);
    expect([scoped.job.status, other.job.status]).toEqual(['succeeded', 'succeeded']);
    expect(tenantOpenai.requests.map((r) => (r.body as { model: string }).model)).toEqual(['o3-mini']);
    expect(platformOpenai.requests.map((r) => (r.body as { model: string }).model)).toEqual(['gpt-4o-mini']);
    // o3-mini is a reasoning model: its limit goes as max_completion_tokens.
    expect(tenantOpenai.requests[0]!.body).toMatchObject({ max_completion_tokens: 400 });
    expect(tenantOpenai.requests[0]!.body).not.toHaveProperty('max_tokens');
    expect(platformOpenai.requests[0]!.body).toMatchObject({ max_tokens: 400 });
  });

  it("keeps the provider's finish_reason length in the job result and the done event", async () => {
    platformOpenai.script(reply('cut at the server limit', { finishReason: 'length', outputTokens: 5 }));
    const { job } = await ask('openai/gpt-4o-mini');
    expect(job).toMatchObject({ status: 'succeeded', result: { finishReason: 'length', outputTokens: 5 } });
    expect(await finalEvent(job.id)).toMatchObject({ type: 'done', data: { finishReason: 'length' } });

    const ended = await ask('openai/gpt-4o-mini');
    expect(ended.job.result).toMatchObject({ finishReason: 'stop' });
  });

  it('sends no limit the copilot did not set, and reserves an estimate of the reply', async () => {
    const before = await app.get(TokenBudget).used(tenantId);
    platformOpenai.script(reply('four words of reply', { inputTokens: 10, outputTokens: 4 }));
    const { job } = await ask('openai/gpt-4o-mini');
    const body = platformOpenai.requests[0]!.body as Record<string, unknown>;
    expect(body).not.toHaveProperty('max_tokens');
    expect(body).not.toHaveProperty('max_completion_tokens');
    const reservation = (job.payload as { reservation: { tokens: number } | null }).reservation!;
    expect(reservation.tokens).toBeGreaterThan(REPLY_ESTIMATE_TOKENS);
    expect(reservation.tokens).toBeLessThan(REPLY_ESTIMATE_TOKENS + 50);
    // Settled to what was used, not to the estimate.
    expect((await app.get(TokenBudget).used(tenantId)).day - before.day).toBe(14);
  });

  it("sends Anthropic the model's maximum output when no limit is set, and counts cached prompt tokens", async () => {
    anthropic.script(
      reply('cached answer', { inputTokens: 12, outputTokens: 2, cacheReadTokens: 900, cacheWriteTokens: 88 }),
    );
    const { job } = await ask('anthropic/claude-sonnet-4-5');
    expect(anthropic.requests[0]!.body).toMatchObject({ max_tokens: 64_000 });
    expect(job.result).toMatchObject({ inputTokens: 1_000, outputTokens: 2 });
  });
});
