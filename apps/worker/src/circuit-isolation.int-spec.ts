import { ChatService, ConversationService, CopilotService } from '@copilot/conversations';
import { ProvidersUnavailable } from '@copilot/errors';
import { headersOf, toProblem } from '@copilot/http';
import { ProviderKeys } from '@copilot/secrets';
import { FAKE_OPENAI_REPLY, FakeOpenAiServer, serverError } from '@copilot/llm/testing';
import { TenantTransactions } from '@copilot/persistence';
import type { INestApplicationContext } from '@nestjs/common';
import { adminOf, createTenant, jobEnded, startWorkerApp } from './testing/worker-test-app';

// One tenant aims its own key at an upstream that fails, on purpose or not. Its
// circuit opens, and it is then answered 503 with Retry-After before anything is
// written; the other tenants, on the platform's key, keep getting replies.
describe('circuit breakers per credential', () => {
  let app: INestApplicationContext;
  let platformUpstream: FakeOpenAiServer;
  let failingUpstream: FakeOpenAiServer;
  let hostile: string;
  let bystander: string;
  const cooldownMs = 30_000;

  beforeAll(async () => {
    [platformUpstream, failingUpstream] = await Promise.all([
      FakeOpenAiServer.start({ apiKey: 'sk-platform-key' }),
      FakeOpenAiServer.start({ apiKey: 'sk-tenant-key' }),
    ]);
    failingUpstream.setDefault(serverError(503));
    [hostile, bystander] = await Promise.all([createTenant('breaker-hostile'), createTenant('breaker-bystander')]);
    app = await startWorkerApp((s) => ({
      ...s,
      egress: { allowedHosts: ['127.0.0.1'] },
      llm: {
        ...s.llm,
        providers: { ...s.llm.providers, openai: { apiKey: 'sk-platform-key', baseUrl: platformUpstream.url } },
        maxRetries: 0,
        breaker: { failureThreshold: 2, cooldownMs },
      },
    }));
    await app.init();
    await app
      .get(TenantTransactions)
      .run(hostile, (tx) =>
        app.get(ProviderKeys).put(tx, hostile, 'openai', { apiKey: 'sk-tenant-key', baseUrl: failingUpstream.url }),
      );
  }, 30_000);

  afterAll(async () => {
    await app.close();
    await Promise.all([platformUpstream.close(), failingUpstream.close()]);
  });

  async function ask(tenantId: string) {
    const copilot = await app.get(CopilotService).create(adminOf(tenantId), {
      name: `c-${Math.random()}`,
      instructions: '',
      model: 'openai/gpt-4o-mini',
      temperature: 0,
      maxTokens: 64,
      fallbackModels: [],
    });
    const conversation = await app.get(ConversationService).create(tenantId, { copilotId: copilot.id });
    return {
      conversationId: conversation.id,
      post: () => app.get(ChatService).postUserMessage(tenantId, conversation.id, 'hi'),
    };
  }

  it("opens only the failing tenant's circuit, which then answers 503 with Retry-After", async () => {
    const { conversationId, post } = await ask(hostile);
    for (let i = 0; i < 2; i++) {
      const { job } = await post();
      expect(await jobEnded(app, hostile, job.id)).toMatchObject({
        status: 'failed',
        error: { reason: 'provider_unavailable' },
      });
    }
    const calls = failingUpstream.requests.length;

    const refused = await post().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProvidersUnavailable);
    // As /v1 answers it (libs/http's table): 503 with Retry-After.
    expect(toProblem(refused)).toMatchObject({ status: 503, type: '/problems/provider-unavailable' });
    const retryAfter = Number(headersOf(refused)['retry-after']);
    expect(retryAfter).toBeGreaterThan(cooldownMs / 1000 - 5);
    expect(retryAfter).toBeLessThanOrEqual(cooldownMs / 1000);
    // Refused before anything was written or sent: no third message, no call upstream.
    const stored = await app.get(ChatService).listMessages(hostile, conversationId, { limit: 10 });
    expect(stored.data.filter((m) => m.role === 'user')).toHaveLength(2);
    expect(failingUpstream.requests.length).toBe(calls);

    // Another tenant on the platform's key is not affected.
    const other = await ask(bystander);
    const { job } = await other.post();
    expect(await jobEnded(app, bystander, job.id)).toMatchObject({ status: 'succeeded' });
    const replies = await app.get(ChatService).listMessages(bystander, other.conversationId, { limit: 10 });
    expect(replies.data.map((m) => m.content)).toContain(FAKE_OPENAI_REPLY);
  });
});
