import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AgentActions, ChatService, ConversationService, CopilotService, JobService } from '@copilot/conversations';
import { adminDatabaseConfig, loadSettings, redisConfig } from '@copilot/config';
import { FakeOpenAiServer, reply, toolCalls } from '@copilot/llm/testing';
import { JobReaper } from '@copilot/maintenance';
import { createPrismaClient, TenantTransactions } from '@copilot/persistence';
import { jobEventsKey, toJobEvent } from '@copilot/queues';
import { ProviderKeys } from '@copilot/secrets';
import { ToolService } from '@copilot/tools';
import type { INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import { register } from 'prom-client';
import { adminOf, createTenant, jobEnded, startWorkerApp } from './testing/worker-test-app';

// Agent runs in the worker, end to end: a copilot with tools, the model (the OpenAI
// fake through the real SDK, and the offline local provider) asking for calls, the
// platform running them, their results going back, and the answer.
describe('agent runs', () => {
  let app: INestApplicationContext;
  let openai: FakeOpenAiServer;
  let orders: Server;
  let ordersUrl: string;
  const seen: { url: string; headers: Record<string, unknown> }[] = [];
  let tenantId: string;
  const admin = createPrismaClient(loadSettings('cli', [adminDatabaseConfig] as const).adminDatabase);
  const redis = new Redis(loadSettings('worker', [redisConfig] as const).redis.url);
  const prefix = loadSettings('worker', [redisConfig] as const).redis.prefix;

  beforeAll(async () => {
    openai = await FakeOpenAiServer.start({ apiKey: 'sk-agent' });
    orders = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      const id = decodeURIComponent((req.url ?? '').split('/').pop() ?? '');
      res.writeHead(id === 'A-404' ? 404 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(id === 'A-404' ? { error: 'no such order' } : { id, status: 'shipped' }));
    });
    await new Promise<void>((resolve) => orders.listen(0, '127.0.0.1', resolve));
    ordersUrl = `http://127.0.0.1:${(orders.address() as AddressInfo).port}`;
    tenantId = await createTenant('agents');
    app = await startWorkerApp((s) => ({ ...s, egress: { allowedHosts: ['127.0.0.1'] } }));
    await app.init();
    await app
      .get(TenantTransactions)
      .run(tenantId, (tx) =>
        app.get(ProviderKeys).put(tx, tenantId, 'openai', { apiKey: 'sk-agent', baseUrl: openai.url }),
      );
    await app.get(ToolService).create(adminOf(tenantId), {
      name: 'get_order',
      description: 'Looks an order up',
      parameters: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] },
      kind: 'http',
      http: { method: 'GET', urlTemplate: `${ordersUrl}/orders/{orderId}`, headers: {} },
      credentials: { headers: { authorization: 'Bearer shop-secret' } },
      idempotent: true,
      timeoutMs: 5_000,
    });
  }, 30_000);

  afterAll(async () => {
    await app.close();
    await openai.close();
    orders.close();
    redis.disconnect();
    await admin.$disconnect();
  });

  async function ask(copilot: Record<string, unknown>, content: string) {
    const created = await app.get(CopilotService).create(adminOf(tenantId), {
      name: 'agent',
      instructions: 'Use the tools.',
      model: 'openai/gpt-4o-mini',
      temperature: null,
      maxTokens: null,
      fallbackModels: [],
      ...copilot,
    });
    const conversation = await app.get(ConversationService).create(tenantId, { copilotId: created.id });
    const { job } = await app.get(ChatService).postUserMessage(tenantId, conversation.id, content);
    return { jobId: job.id, conversationId: conversation.id };
  }
  const events = async (jobId: string) =>
    (await redis.xrange(jobEventsKey(prefix, jobId), '-', '+')).map(([id, fields]) => toJobEvent(id, fields));
  const steps = (jobId: string) => admin.runStep.findMany({ where: { jobId }, orderBy: { seq: 'asc' } });

  it('runs parallel calls (an http tool and a builtin), sends their results back, and answers', async () => {
    openai.reset();
    openai.script(
      toolCalls([
        { id: 'call_a', name: 'get_order', arguments: { orderId: 'A-1' } },
        { id: 'call_t', name: 'current_time', arguments: { timeZone: 'Europe/Oslo' } },
      ]),
      reply('Order A-1 has shipped.'),
    );
    const { jobId, conversationId } = await ask(
      {
        tools: [
          { name: 'get_order', approval: 'never' },
          { name: 'current_time', approval: 'never' },
        ],
      },
      'Where is order A-1, and what time is it?',
    );
    const job = await jobEnded(app, tenantId, jobId);
    expect(job).toMatchObject({ status: 'succeeded', result: { stopReason: 'answered', steps: 2, toolCalls: 2 } });

    // The second model request carried the calls and both results.
    const second = openai.requests[1]!.body as {
      messages: { role: string; tool_call_id?: string; content: unknown }[];
      tools: unknown[];
    };
    expect(second.tools).toHaveLength(2);
    const results = second.messages.filter((m) => m.role === 'tool');
    expect(results.map((m) => m.tool_call_id).sort()).toEqual(['call_a', 'call_t']);
    expect(String(results.find((m) => m.tool_call_id === 'call_a')!.content)).toContain('"status":"shipped"');
    // The http tool was called with its sealed credentials and an idempotency key.
    expect(seen.at(-1)).toMatchObject({ url: '/orders/A-1', headers: { authorization: 'Bearer shop-secret' } });
    expect(seen.at(-1)!.headers['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);

    expect((await steps(jobId)).map((s) => [s.kind, s.status, s.toolName])).toEqual([
      ['model', 'succeeded', null],
      ['tool', 'succeeded', 'get_order'],
      ['tool', 'succeeded', 'current_time'],
      ['model', 'succeeded', null],
    ]);
    const stream = await events(jobId);
    const types = stream.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['step', 'tool_call', 'tool_result', 'token', 'usage', 'done']));
    expect(stream.filter((e) => e.type === 'tool_result').map((e) => (e.data as { status: string }).status)).toEqual([
      'ok',
      'ok',
    ]);
    expect(stream.at(-1)).toMatchObject({ type: 'done', data: { stopReason: 'answered' } });
    const messages = (await app.get(ChatService).listMessages(tenantId, conversationId, { limit: 10 })).data;
    expect(messages.find((m) => m.role === 'assistant')?.content).toBe('Order A-1 has shipped.');
    // What operators watch: calls by tool, kind and outcome, and the run's steps by stop reason.
    const metrics = await register.metrics();
    expect(metrics).toMatch(/tool_calls_total\{tool="get_order",kind="http",outcome="ok"\} [1-9]/);
    expect(metrics).toMatch(/tool_calls_total\{tool="current_time",kind="builtin",outcome="ok"\} [1-9]/);
    expect(metrics).toMatch(/agent_steps_total\{stop_reason="answered"\} [2-9]/);
  });

  it('gives the model an error result for arguments that break the schema and for a failing tool, not a crash', async () => {
    openai.reset();
    openai.script(
      toolCalls([
        { id: 'call_bad', name: 'get_order', arguments: { order: 7 } },
        { id: 'call_404', name: 'get_order', arguments: { orderId: 'A-404' } },
      ]),
      reply('I could not find it.'),
    );
    const { jobId } = await ask({ tools: [{ name: 'get_order', approval: 'never' }] }, 'Where is my order?');
    expect(await jobEnded(app, tenantId, jobId)).toMatchObject({
      status: 'succeeded',
      result: { stopReason: 'answered' },
    });
    const results = (
      openai.requests[1]!.body as { messages: { role: string; tool_call_id?: string; content: string }[] }
    ).messages.filter((m) => m.role === 'tool');
    expect(results.find((m) => m.tool_call_id === 'call_bad')!.content).toContain(
      "must have required property 'orderId'",
    );
    expect(results.find((m) => m.tool_call_id === 'call_404')!.content).toContain('HTTP 404');
    const stored = await steps(jobId);
    expect(stored.filter((s) => s.kind === 'tool').map((s) => s.status)).toEqual(['failed', 'failed']);
  });

  it('stops a run at max_steps, and one last step without tools answers', async () => {
    openai.reset();
    openai.setDefault(toolCalls([{ name: 'current_time', arguments: {} }]));
    openai.script(
      toolCalls([{ name: 'current_time', arguments: { timeZone: 'UTC' } }]),
      toolCalls([{ name: 'current_time', arguments: { timeZone: 'Asia/Tokyo' } }]),
      reply('It is late.'),
    );
    const { jobId } = await ask({ tools: [{ name: 'current_time', approval: 'never' }], maxSteps: 2 }, 'time?');
    const job = await jobEnded(app, tenantId, jobId);
    expect(job).toMatchObject({ status: 'succeeded', result: { stopReason: 'max_steps', steps: 3 } });
    // The last request offered no tools.
    expect(openai.requests.at(-1)!.body).not.toHaveProperty('tools');
    openai.reset();
  });

  it('detects a loop: the same call with the same arguments three times', async () => {
    openai.reset();
    const same = toolCalls([{ name: 'current_time', arguments: { timeZone: 'UTC' } }]);
    openai.script(same, same, same, reply('Sorry.'));
    const { jobId } = await ask({ tools: [{ name: 'current_time', approval: 'never' }] }, 'time?');
    expect(await jobEnded(app, tenantId, jobId)).toMatchObject({ result: { stopReason: 'loop_detected' } });
    // The third call was not run.
    expect((await steps(jobId)).filter((s) => s.kind === 'tool').map((s) => s.status)).toEqual([
      'succeeded',
      'succeeded',
      'failed',
    ]);
  });

  it('stops at max_tool_calls', async () => {
    openai.reset();
    openai.script(
      toolCalls([
        { name: 'current_time', arguments: { timeZone: 'UTC' } },
        { name: 'current_time', arguments: { timeZone: 'Europe/Oslo' } },
        { name: 'current_time', arguments: { timeZone: 'Asia/Tokyo' } },
      ]),
      reply('Here are two of them.'),
    );
    const { jobId } = await ask({ tools: [{ name: 'current_time', approval: 'never' }], maxToolCalls: 2 }, 'times?');
    expect(await jobEnded(app, tenantId, jobId)).toMatchObject({
      result: { stopReason: 'max_tool_calls', toolCalls: 3 },
    });
    expect((await steps(jobId)).filter((s) => s.kind === 'tool').map((s) => s.status)).toEqual([
      'succeeded',
      'succeeded',
      'failed',
    ]);
  });

  it('runs the whole loop offline with the local provider', async () => {
    const { jobId, conversationId } = await ask(
      { model: 'local', tools: [{ name: 'current_time', approval: 'never' }] },
      'call current_time {"timeZone":"Europe/Oslo"}',
    );
    expect(await jobEnded(app, tenantId, jobId)).toMatchObject({
      status: 'succeeded',
      result: { stopReason: 'answered', steps: 2 },
    });
    const messages = (await app.get(ChatService).listMessages(tenantId, conversationId, { limit: 10 })).data;
    expect(messages.find((m) => m.role === 'assistant')?.content).toContain('current_time: {"utc":');
  });

  async function parked(jobId: string) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const job = await app.get(JobService).get(tenantId, jobId);
      if (job.status === 'requires_action') return job;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('parks a call that needs approval, and runs it once approved; a rejection reaches the model with its reason', async () => {
    openai.reset();
    openai.script(
      toolCalls([
        { id: 'call_ok', name: 'get_order', arguments: { orderId: 'A-7' } },
        { id: 'call_no', name: 'get_order', arguments: { orderId: 'A-8' } },
      ]),
      reply('A-7 has shipped; A-8 was not looked up.'),
    );
    const before = seen.length;
    const { jobId } = await ask({ tools: [{ name: 'get_order', approval: 'always' }] }, 'A-7 and A-8?');
    const waiting = await parked(jobId);
    expect(waiting.result).toMatchObject({
      type: 'approve_tool_calls',
      toolCalls: [
        { id: 'call_ok', name: 'get_order', arguments: '{"orderId":"A-7"}' },
        { id: 'call_no', name: 'get_order', arguments: '{"orderId":"A-8"}' },
      ],
    });
    expect(seen.length).toBe(before); // nothing ran yet
    expect((await events(jobId)).map((e) => e.type)).toContain('requires_action');

    const actions = app.get(AgentActions);
    // One decision leaves the job parked.
    await actions.decide(adminOf(tenantId), jobId, [{ toolCallId: 'call_ok', approve: true }]);
    expect((await app.get(JobService).get(tenantId, jobId)).status).toBe('requires_action');
    // A decision is taken once.
    await expect(actions.decide(adminOf(tenantId), jobId, [{ toolCallId: 'call_ok', approve: false }])).rejects.toThrow(
      'already decided',
    );
    await actions.decide(adminOf(tenantId), jobId, [{ toolCallId: 'call_no', approve: false, reason: 'not yours' }]);

    const job = await jobEnded(app, tenantId, jobId);
    expect(job).toMatchObject({ status: 'succeeded', result: { stopReason: 'answered' } });
    expect(seen.slice(before).map((r) => r.url)).toEqual(['/orders/A-7']);
    const results = (
      openai.requests[1]!.body as { messages: { role: string; tool_call_id?: string; content: string }[] }
    ).messages.filter((m) => m.role === 'tool');
    expect(results.find((m) => m.tool_call_id === 'call_no')!.content).toContain(
      'the user rejected this call: not yours',
    );
    expect((await steps(jobId)).filter((s) => s.kind === 'tool').map((s) => [s.status, s.decision])).toEqual([
      ['succeeded', 'approved'],
      ['rejected', 'rejected'],
    ]);
    // After the pause the stream carries on: the answer follows, and the job ends done.
    expect((await events(jobId)).at(-1)).toMatchObject({ type: 'done', data: { status: 'succeeded' } });
  });

  it('parks on a client tool until the caller hands in its output, which the model then reads', async () => {
    await app.get(ToolService).create(adminOf(tenantId), {
      name: 'pick_date',
      description: 'Asks the user for a date',
      parameters: { type: 'object', properties: { question: { type: 'string' } } },
      kind: 'client',
      http: null,
      idempotent: false,
      timeoutMs: 30_000,
    });
    openai.reset();
    openai.script(
      toolCalls([{ id: 'call_date', name: 'pick_date', arguments: { question: 'Which day?' } }]),
      reply('Booked for Christmas Eve.'),
    );
    const { jobId, conversationId } = await ask({ tools: [{ name: 'pick_date', approval: 'never' }] }, 'Book me in.');
    expect((await parked(jobId)).result).toMatchObject({
      type: 'submit_tool_outputs',
      toolCalls: [{ id: 'call_date' }],
    });
    await expect(
      app.get(AgentActions).submitOutputs(adminOf(tenantId), jobId, [{ toolCallId: 'call_other', output: 'x' }]),
    ).rejects.toThrow('not a call of this job waiting for its output');
    await app
      .get(AgentActions)
      .submitOutputs(adminOf(tenantId), jobId, [{ toolCallId: 'call_date', output: '2026-12-24' }]);
    expect(await jobEnded(app, tenantId, jobId)).toMatchObject({ status: 'succeeded' });
    const result = (
      openai.requests[1]!.body as { messages: { role: string; tool_call_id?: string; content: string }[] }
    ).messages.find((m) => m.role === 'tool');
    expect(result).toMatchObject({ tool_call_id: 'call_date', content: '2026-12-24' });
    const messages = (await app.get(ChatService).listMessages(tenantId, conversationId, { limit: 10 })).data;
    expect(messages.filter((m) => m.role === 'assistant').map((m) => m.content)).toEqual(['Booked for Christmas Eve.']);
  });

  it('tells the model when an approval never came: the reaper resumes the expired run, which answers', async () => {
    openai.reset();
    openai.script(
      toolCalls([{ id: 'call_late', name: 'get_order', arguments: { orderId: 'A-9' } }]),
      reply('I could not check it in time.'),
    );
    const before = seen.length;
    const { jobId } = await ask({ tools: [{ name: 'get_order', approval: 'always' }] }, 'A-9?');
    const waiting = await parked(jobId);
    // As if the day had passed.
    await admin.job.update({
      where: { id: jobId },
      data: { result: { ...(waiting.result as object), expiresAt: new Date(Date.now() - 1000).toISOString() } },
    });
    const report = await app.get(JobReaper).reapOnce();
    expect(report.parkedExpired).toBe(1);
    expect(await jobEnded(app, tenantId, jobId)).toMatchObject({
      status: 'succeeded',
      result: { stopReason: 'answered' },
    });
    expect(seen.length).toBe(before); // never run
    const result = (
      openai.requests[1]!.body as { messages: { role: string; tool_call_id?: string; content: string }[] }
    ).messages.find((m) => m.role === 'tool');
    expect(result).toMatchObject({ tool_call_id: 'call_late' });
    expect(result!.content).toContain('no one approved this call in time');
    expect(await admin.runStep.findFirstOrThrow({ where: { jobId, toolCallId: 'call_late' } })).toMatchObject({
      status: 'rejected',
      decision: 'expired',
    });
  });
});
