import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminDatabaseConfig, loadSettings } from '@copilot/config';
import { ConversationService, CopilotService } from '@copilot/conversations';
import { FakeOpenAiServer, reply } from '@copilot/llm/testing';
import { JobReaper } from '@copilot/maintenance';
import { createPrismaClient, TenantTransactions } from '@copilot/persistence';
import { ProviderKeys } from '@copilot/secrets';
import { ToolService } from '@copilot/tools';
import type { INestApplicationContext } from '@nestjs/common';
import { adminOf, createTenant, jobEnded, startWorkerApp } from './testing/worker-test-app';

// A run whose worker died between two tool calls, as the rows show it: the first
// call finished, the second was running. The reaper hands the job to this worker,
// which carries on from the rows: the finished call is never run again, and the cut
// one runs again only when its tool is idempotent (with the same Idempotency-Key).
describe('agent runs after a lost worker', () => {
  let app: INestApplicationContext;
  let openai: FakeOpenAiServer;
  let tools: Server;
  const calls: { path: string; key: string | undefined }[] = [];
  let tenantId: string;
  const admin = createPrismaClient(loadSettings('cli', [adminDatabaseConfig] as const).adminDatabase);

  beforeAll(async () => {
    openai = await FakeOpenAiServer.start({ apiKey: 'sk-resume' });
    tools = createServer((req, res) => {
      calls.push({ path: req.url ?? '', key: req.headers['idempotency-key'] as string | undefined });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: req.url }));
    });
    await new Promise<void>((resolve) => tools.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(tools.address() as AddressInfo).port}`;
    tenantId = await createTenant('agent-resume');
    app = await startWorkerApp((s) => ({ ...s, egress: { allowedHosts: ['127.0.0.1'] } }));
    await app.init();
    await app
      .get(TenantTransactions)
      .run(tenantId, (tx) =>
        app.get(ProviderKeys).put(tx, tenantId, 'openai', { apiKey: 'sk-resume', baseUrl: openai.url }),
      );
    for (const [name, idempotent] of [
      ['first_lookup', false],
      ['safe_lookup', true],
      ['unsafe_write', false],
    ] as const) {
      await app.get(ToolService).create(adminOf(tenantId), {
        name,
        description: name,
        parameters: { type: 'object', properties: { id: { type: 'string' } } },
        kind: 'http',
        http: { method: 'GET', urlTemplate: `${base}/${name}/{id}`, headers: {} },
        idempotent,
        timeoutMs: 5_000,
      });
    }
  }, 30_000);

  afterAll(async () => {
    await app.close();
    await openai.close();
    tools.close();
    await admin.$disconnect();
  });

  /** A job left running an hour ago, after its first call finished and while its second ran. */
  async function lostRun(second: 'safe_lookup' | 'unsafe_write') {
    const copilot = await app.get(CopilotService).create(adminOf(tenantId), {
      name: 'resumable',
      instructions: '',
      model: 'openai/gpt-4o-mini',
      temperature: null,
      maxTokens: null,
      fallbackModels: [],
      tools: [
        { name: 'first_lookup', approval: 'never' },
        { name: second, approval: 'never' },
      ],
    });
    const conversation = await app.get(ConversationService).create(tenantId, { copilotId: copilot.id });
    const message = await admin.message.create({
      data: { tenantId, conversationId: conversation.id, role: 'user', content: 'Look both up.' },
    });
    const id = randomUUID();
    const hourAgo = new Date(Date.now() - 3_600_000);
    await admin.job.create({
      data: {
        id,
        tenantId,
        queue: 'chat',
        name: 'chat.generate',
        payload: { jobId: id, tenantId, conversationId: conversation.id, messageId: message.id },
        status: 'running',
        attempts: 1,
        startedAt: hourAgo,
        heartbeatAt: hourAgo,
        dispatchedAt: hourAgo,
      },
    });
    const step = { tenantId, jobId: id, startedAt: hourAgo };
    const toolCalls = [
      { id: 'call_1', name: 'first_lookup', arguments: '{"id":"a"}' },
      { id: 'call_2', name: second, arguments: '{"id":"b"}' },
    ];
    await admin.runStep.createMany({
      data: [
        {
          ...step,
          seq: 0,
          kind: 'model',
          status: 'succeeded',
          provider: 'openai',
          model: 'gpt-4o-mini',
          output: { text: 'Looking. ', toolCalls, finishReason: 'tool_calls' },
          inputTokens: 10,
          outputTokens: 5,
        },
        {
          ...step,
          seq: 1,
          kind: 'tool',
          status: 'succeeded',
          toolCallId: 'call_1',
          toolName: 'first_lookup',
          toolKind: 'http',
          arguments: '{"id":"a"}',
          argumentsDigest: 'd1',
          output: { status: 'ok', output: 'HTTP 200\n{"ok":"/first_lookup/a"}', truncated: false },
        },
        {
          ...step,
          seq: 2,
          kind: 'tool',
          status: 'running',
          toolCallId: 'call_2',
          toolName: second,
          toolKind: 'http',
          arguments: '{"id":"b"}',
          argumentsDigest: 'd2',
        },
      ],
    });
    return id;
  }

  it('runs an idempotent call again with the same key, never the finished one, and answers', async () => {
    openai.reset();
    openai.script(reply('Both found.'));
    calls.length = 0;
    const id = await lostRun('safe_lookup');
    await app.get(JobReaper).reapOnce();
    const job = await jobEnded(app, tenantId, id, 15_000);
    expect(job).toMatchObject({ status: 'succeeded', result: { stopReason: 'answered', steps: 2, toolCalls: 2 } });
    expect(calls.map((c) => c.path)).toEqual(['/safe_lookup/b']);
    expect(calls[0]!.key).toMatch(/^[0-9a-f]{32}$/);
    // The model was shown both results: the stored one and the rerun's.
    const results = (
      openai.requests[0]!.body as { messages: { role: string; tool_call_id?: string; content: string }[] }
    ).messages.filter((m) => m.role === 'tool');
    expect(results.map((m) => [m.tool_call_id, m.content.includes('"ok"')])).toEqual([
      ['call_1', true],
      ['call_2', true],
    ]);
    const message = await admin.message.findFirstOrThrow({ where: { jobId: id } });
    expect(message.content).toBe('Looking. Both found.');
  });

  it('parks a cut call that is not idempotent for a decision instead of running it twice', async () => {
    openai.reset();
    calls.length = 0;
    const id = await lostRun('unsafe_write');
    await app.get(JobReaper).reapOnce();
    const deadline = Date.now() + 15_000;
    let job = await admin.job.findUniqueOrThrow({ where: { id } });
    while (job.status !== 'requires_action' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = await admin.job.findUniqueOrThrow({ where: { id } });
    }
    expect(job).toMatchObject({
      status: 'requires_action',
      result: { type: 'approve_tool_calls', toolCalls: [{ id: 'call_2', name: 'unsafe_write' }] },
    });
    expect(calls).toEqual([]);
    expect(openai.requests).toHaveLength(0);
    const cut = await admin.runStep.findFirstOrThrow({ where: { jobId: id, toolCallId: 'call_2' } });
    expect(cut.status).toBe('awaiting_approval');
  });
});
