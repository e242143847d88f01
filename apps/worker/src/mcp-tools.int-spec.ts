import { ChatService, ConversationService, CopilotService } from '@copilot/conversations';
import { adminDatabaseConfig, loadSettings } from '@copilot/config';
import { FakeOpenAiServer, reply, toolCalls } from '@copilot/llm/testing';
import { createPrismaClient, TenantTransactions } from '@copilot/persistence';
import { ProviderKeys } from '@copilot/secrets';
import { McpServerService, ToolExecutor } from '@copilot/tools';
import { McpTestServer } from '@copilot/tools/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { adminOf, createTenant, jobEnded, startWorkerApp } from './testing/worker-test-app';

type ModelRequest = { messages: { role: string; tool_call_id?: string; content: string }[]; tools?: unknown[] };

// Agent runs whose copilot lists tools of the tenant's MCP servers (`<server>__<tool>`):
// the worker calls them through its pooled MCP clients (our small test server, over
// Streamable HTTP on loopback), and their results go back to the model.
describe('agent runs with MCP tools', () => {
  let app: INestApplicationContext;
  let openai: FakeOpenAiServer;
  let mcp: McpTestServer;
  let flaky: McpTestServer;
  let tenantId: string;
  let serverId: string;
  const admin = createPrismaClient(loadSettings('cli', [adminDatabaseConfig] as const).adminDatabase);

  beforeAll(async () => {
    [openai, mcp, flaky] = await Promise.all([
      FakeOpenAiServer.start({ apiKey: 'sk-mcp' }),
      McpTestServer.start({ token: 'worker-mcp-token' }),
      McpTestServer.start(),
    ]);
    tenantId = await createTenant('mcp-agents');
    app = await startWorkerApp((s) => ({ ...s, egress: { allowedHosts: ['127.0.0.1'] } }));
    await app.init();
    await app
      .get(TenantTransactions)
      .run(tenantId, (tx) =>
        app.get(ProviderKeys).put(tx, tenantId, 'openai', { apiKey: 'sk-mcp', baseUrl: openai.url }),
      );
    const servers = app.get(McpServerService);
    serverId = (
      await servers.create(adminOf(tenantId), {
        name: 'kit',
        url: mcp.url,
        bearerToken: 'worker-mcp-token',
        timeoutMs: 5_000,
      })
    ).id;
    await servers.create(adminOf(tenantId), { name: 'flaky', url: flaky.url, timeoutMs: 2_000 });
  }, 30_000);

  afterAll(async () => {
    await app.close();
    await Promise.all([openai.close(), mcp.close(), flaky.close()]);
    await admin.$disconnect();
  });

  async function ask(tools: string[], content: string) {
    const copilot = await app.get(CopilotService).create(adminOf(tenantId), {
      name: 'mcp-agent',
      instructions: 'Use the tools.',
      model: 'openai/gpt-4o-mini',
      temperature: null,
      maxTokens: null,
      fallbackModels: [],
      tools: tools.map((name) => ({ name, approval: 'never' as const })),
    });
    const conversation = await app.get(ConversationService).create(tenantId, { copilotId: copilot.id });
    const { job } = await app.get(ChatService).postUserMessage(tenantId, conversation.id, content);
    return job.id;
  }
  const toolResults = (request: number) =>
    (openai.requests[request]!.body as ModelRequest).messages.filter((m) => m.role === 'tool');
  const steps = (jobId: string) => admin.runStep.findMany({ where: { jobId }, orderBy: { seq: 'asc' } });

  it('resolves <server>__<tool> names from the cached list: schema and description from the server, idempotent only when it hints so', async () => {
    const tools = await app.get(TenantTransactions).run(tenantId, (tx) =>
      app.get(ToolExecutor).prepare(tx, tenantId, [
        { name: 'kit__echo', approval: 'never' },
        { name: 'kit__fail', approval: 'always' },
        { name: 'kit__nope', approval: 'never' },
        { name: 'nokit__echo', approval: 'never' },
      ]),
    );
    expect(tools.map((t) => [t.spec.name, t.kind, t.approval, t.idempotent, t.timeoutMs])).toEqual([
      ['kit__echo', 'mcp', 'never', true, 5_000],
      ['kit__fail', 'mcp', 'always', false, 5_000],
    ]);
    expect(tools[0]!.spec).toMatchObject({ description: 'Says the text back.', parameters: { required: ['text'] } });
    expect(tools[0]!.mcp).toMatchObject({ serverId, remoteName: 'echo' });
  });

  it("calls the server's tools with its token, and their results (an isError one too) reach the model", async () => {
    openai.reset();
    openai.script(
      toolCalls([
        { id: 'call_echo', name: 'kit__echo', arguments: { text: 'hello' } },
        { id: 'call_fail', name: 'kit__fail', arguments: {} },
        { id: 'call_pic', name: 'kit__picture', arguments: {} },
      ]),
      reply('Done.'),
    );
    const jobId = await ask(['kit__echo', 'kit__fail', 'kit__picture'], 'Say hello.');
    expect(await jobEnded(app, tenantId, jobId)).toMatchObject({
      status: 'succeeded',
      result: { stopReason: 'answered', toolCalls: 3 },
    });

    // The model was offered the tools under their combined names, with the server's schema.
    const first = openai.requests[0]!.body as { tools: { function: { name: string; parameters: unknown } }[] };
    expect(first.tools.map((t) => t.function.name).sort()).toEqual(['kit__echo', 'kit__fail', 'kit__picture']);
    expect(first.tools.find((t) => t.function.name === 'kit__echo')!.function.parameters).toMatchObject({
      type: 'object',
      properties: { text: { type: 'string' } },
    });
    const results = toolResults(1);
    expect(results.find((m) => m.tool_call_id === 'call_echo')!.content).toBe('echo: hello');
    expect(results.find((m) => m.tool_call_id === 'call_fail')!.content).toContain('the fail tool failed');
    // An image is summarised, its data left out.
    const picture = results.find((m) => m.tool_call_id === 'call_pic')!.content;
    expect(picture).toContain('here it is');
    expect(picture).toContain('"type":"image"');
    expect(picture).not.toContain(Buffer.from('not really a png').toString('base64'));

    expect(
      (await steps(jobId)).filter((s) => s.kind === 'tool').map((s) => [s.toolName, s.toolKind, s.status]),
    ).toEqual([
      ['kit__echo', 'mcp', 'succeeded'],
      ['kit__fail', 'mcp', 'failed'],
      ['kit__picture', 'mcp', 'succeeded'],
    ]);
    expect(mcp.calls().every((r) => r.authorization === 'Bearer worker-mcp-token')).toBe(true);
    // One pooled session for the three calls.
    expect(mcp.initializations).toBe(2); // the listing at registration, and the worker's client
  });

  it('initialises a new session once when the server dropped its session, and the call goes through', async () => {
    mcp.forgetSessions();
    const before = mcp.initializations;
    openai.reset();
    openai.script(toolCalls([{ id: 'call_again', name: 'kit__echo', arguments: { text: 'again' } }]), reply('Ok.'));
    const jobId = await ask(['kit__echo'], 'Again.');
    expect(await jobEnded(app, tenantId, jobId)).toMatchObject({ status: 'succeeded' });
    expect(toolResults(1)[0]!.content).toBe('echo: again');
    expect(mcp.initializations).toBe(before + 1);
    // The call was sent twice: refused (404, the old session), then answered in the new one.
    const [refused, answered] = mcp.calls('echo').slice(-2);
    expect(refused!.sessionId).not.toBeNull();
    expect(answered!.sessionId).not.toBe(refused!.sessionId);
  });

  it("follows the server's tools/list_changed: the new tool is stored and copilots may list it", async () => {
    mcp.addTool('late_tool');
    const deadline = Date.now() + 5_000;
    let names: string[] = [];
    while (Date.now() < deadline) {
      const row = await admin.mcpServer.findUniqueOrThrow({ where: { id: serverId } });
      names = (row.tools as { name: string }[]).map((t) => t.name);
      if (names.includes('late_tool')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(names).toContain('late_tool');

    openai.reset();
    openai.script(toolCalls([{ id: 'call_late', name: 'kit__late_tool', arguments: {} }]), reply('Ok.'));
    const jobId = await ask(['kit__late_tool'], 'Use the new one.');
    expect(await jobEnded(app, tenantId, jobId)).toMatchObject({ status: 'succeeded' });
    expect(toolResults(1)[0]!.content).toBe('late_tool ran');
  });

  it("gives a call that outlives the server's timeout a timeout result", async () => {
    // The same server under a second name, with a short timeout.
    await app.get(McpServerService).create(adminOf(tenantId), {
      name: 'hasty',
      url: mcp.url,
      bearerToken: 'worker-mcp-token',
      timeoutMs: 300,
    });
    openai.reset();
    openai.script(toolCalls([{ id: 'call_slow', name: 'hasty__slow', arguments: { ms: 2_000 } }]), reply('Too slow.'));
    const jobId = await ask(['hasty__slow'], 'Take your time.');
    expect(await jobEnded(app, tenantId, jobId)).toMatchObject({ status: 'succeeded' });
    expect(toolResults(1)[0]!.content).toContain('the MCP server hasty did not answer within 300 ms');
    expect((await steps(jobId)).find((s) => s.kind === 'tool')).toMatchObject({ status: 'timeout' });
  });

  it('skips a server that failed three calls in a row, without calling it', async () => {
    flaky.failing = true;
    const seenBefore = flaky.requests.length;
    openai.reset();
    // One call per step, each with other arguments (the same call thrice is a loop).
    openai.script(
      ...['a', 'b', 'c', 'd'].map((text, i) =>
        toolCalls([{ id: `call_${i}`, name: 'flaky__echo', arguments: { text } }]),
      ),
      reply('It is down.'),
    );
    const jobId = await ask(['flaky__echo'], 'Try it.');
    expect(await jobEnded(app, tenantId, jobId, 20_000)).toMatchObject({ status: 'succeeded' });
    const outputs = (await steps(jobId))
      .filter((s) => s.kind === 'tool')
      .map((s) => (s.output as { status: string; output: string }).output);
    expect(outputs.slice(0, 3).every((o) => o.includes('HTTP 503'))).toBe(true);
    expect(outputs[3]).toMatch(/flaky failed several calls in a row; it is skipped for another \d+ s/);
    // Three attempts reached the server (each an initialize that got 503); the fourth did not.
    expect(flaky.requests.length - seenBefore).toBe(3);
  }, 30_000);
});
