import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChatService, ConversationService, CopilotService, JobService } from '@copilot/conversations';
import { egressRules, createEgressFetch } from '@copilot/egress';
import { LlmError } from '@copilot/llm';
import { ProviderKeys } from '@copilot/secrets';
import { TenantTransactions } from '@copilot/persistence';
import { CollectionService, DocumentService, OpenAiEmbedder } from '@copilot/retrieval';
import type { INestApplicationContext } from '@nestjs/common';
import { adminOf, createTenant, jobEnded, startWorkerApp } from './testing/worker-test-app';

// A hostile tenant stores provider keys whose base URLs point inside the platform's
// network (loopback here; the metadata service or a database in production). The
// worker must never connect there: the canary below stands for what it would reach,
// and it must stay untouched, whatever the vendor and however the address is spelt.
describe('egress policy for tenant provider endpoints', () => {
  let app: INestApplicationContext;
  let canary: Server;
  const hits: string[] = [];
  let port = 0;
  let tenantId: string;

  beforeAll(async () => {
    canary = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"internal secret s3cr3t"}}');
    });
    await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
    port = (canary.address() as AddressInfo).port;
    tenantId = await createTenant('egress');
    // The default policy: public addresses only (no EGRESS_ALLOWED_HOSTS).
    app = await startWorkerApp((s) => ({ ...s, egress: { allowedHosts: [] }, llm: { ...s.llm, maxRetries: 0 } }));
    await app.init();
  }, 30_000);

  afterAll(async () => {
    await app.close();
    canary.closeAllConnections();
    await new Promise((resolve) => canary.close(resolve));
  });

  afterEach(() => expect(hits).toEqual([]));

  async function failedReply(provider: 'openai' | 'anthropic' | 'gemini', baseUrl: string, model: string) {
    const keys = app.get(ProviderKeys);
    await app.get(TenantTransactions).run(tenantId, (tx) => keys.put(tx, tenantId, provider, { apiKey: 'k', baseUrl }));
    const copilot = await app.get(CopilotService).create(adminOf(tenantId), {
      name: `c-${provider}-${Math.random()}`,
      instructions: '',
      model,
      temperature: 0,
      maxTokens: 64,
      fallbackModels: [],
    });
    const conversation = await app.get(ConversationService).create(tenantId, { copilotId: copilot.id });
    const { job } = await app.get(ChatService).postUserMessage(tenantId, conversation.id, 'hello');
    return jobEnded(app, tenantId, job.id);
  }

  it.each([
    ['openai', 'a loopback literal', () => `http://127.0.0.1:${port}/v1`, 'openai/gpt-4o-mini'],
    ['openai', 'localhost', () => `http://localhost:${port}/v1`, 'openai/gpt-4o-mini'],
    ['openai', 'an IPv4-mapped loopback', () => `http://[::ffff:127.0.0.1]:${port}/v1`, 'openai/gpt-4o-mini'],
    ['anthropic', 'a decimal loopback', () => `http://2130706433:${port}`, 'anthropic/claude-fake-1'],
    ['gemini', 'a loopback literal', () => `http://127.0.0.1:${port}`, 'gemini/gemini-2.5-flash'],
  ] as const)('refuses a %s base URL at %s before connecting, and says why', async (provider, _label, url, model) => {
    const job = await failedReply(provider, url(), model);
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ reason: 'invalid_request', message: expect.stringContaining('egress policy') });
    expect(JSON.stringify(job.error)).not.toContain('s3cr3t');
  });

  it('refuses an embeddings endpoint inside the network', async () => {
    const embedder = new OpenAiEmbedder({
      apiKey: 'k',
      baseUrl: `http://127.0.0.1:${port}/v1`,
      model: 'text-embedding-3-small',
      dimensions: 8,
      timeoutMs: 2_000,
      maxRetries: 2,
      fetch: createEgressFetch(egressRules()),
    });
    const error = await embedder.embed(['hello']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ kind: 'invalid_request', message: expect.stringContaining('egress policy') });
  });

  async function settledDocument(id: string) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const document = await app.get(DocumentService).get(tenantId, id);
      if (document.stage === 'indexed' || document.stage === 'failed') return document;
      if (Date.now() > deadline) throw new Error(`document ${id} still ${document.stage}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('fails at once, not five times, a document whose embeddings endpoint is inside the network', async () => {
    const keys = app.get(ProviderKeys);
    await app
      .get(TenantTransactions)
      .run(tenantId, (tx) => keys.put(tx, tenantId, 'openai', { apiKey: 'k', baseUrl: `http://127.0.0.1:${port}/v1` }));
    const collection = await app.get(CollectionService).create(adminOf(tenantId), {
      name: 'hostile-embeddings',
      description: '',
      embeddingModel: 'openai/text-embedding-3-small',
    });
    const accepted = await app
      .get(DocumentService)
      .accept(tenantId, collection.id, { kind: 'text', title: 'note', text: 'a few words to embed' });
    const failed = await settledDocument(accepted.document.id);
    expect(failed).toMatchObject({ stage: 'failed', error: { reason: 'embedding_invalid_request' } });
    expect((await app.get(JobService).get(tenantId, accepted.job!.id)).attempts).toBe(1);
  }, 20_000);

  it('refuses a document URL inside the network', async () => {
    const collection = await app
      .get(CollectionService)
      .create(adminOf(tenantId), { name: 'hostile-urls', description: '' });
    const accepted = await app
      .get(DocumentService)
      .accept(tenantId, collection.id, { kind: 'url', url: `http://localhost:${port}/secret.txt` });
    expect(await settledDocument(accepted.document.id)).toMatchObject({
      stage: 'failed',
      error: { reason: 'fetch_refused_address' },
    });
  });
});
