import { context, propagation, trace } from '@opentelemetry/api';
import { node, tracing } from '@opentelemetry/sdk-node';
import { ChatService, ConversationService, CopilotService } from '@copilot/conversations';
import type { INestApplicationContext } from '@nestjs/common';
import { adminOf, createTenant, jobEnded, startWorkerApp } from './testing/worker-test-app';

// An agent run's trace: one span per model step and per tool call, with names, counts
// and outcomes, and never the call's arguments or output.
describe('agent run spans', () => {
  const exporter = new tracing.InMemorySpanExporter();
  const provider = new node.NodeTracerProvider({ spanProcessors: [new tracing.SimpleSpanProcessor(exporter)] });
  let app: INestApplicationContext;
  let tenantId: string;

  beforeAll(async () => {
    provider.register();
    tenantId = await createTenant('agent-spans');
    app = await startWorkerApp();
    await app.init();
  }, 30_000);
  afterAll(async () => {
    await app.close();
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it('has a span per step and per call, without arguments or outputs', async () => {
    const copilot = await app.get(CopilotService).create(adminOf(tenantId), {
      name: 'traced',
      instructions: '',
      model: 'local',
      temperature: null,
      maxTokens: null,
      fallbackModels: [],
      tools: [{ name: 'current_time', approval: 'never' }],
    });
    const conversation = await app.get(ConversationService).create(tenantId, { copilotId: copilot.id });
    const secret = 'Europe/Oslo';
    const { job } = await app
      .get(ChatService)
      .postUserMessage(tenantId, conversation.id, `call current_time {"timeZone":"${secret}"}`);
    expect(await jobEnded(app, tenantId, job.id)).toMatchObject({ status: 'succeeded' });

    const spans = exporter.getFinishedSpans().filter((s) => s.attributes['copilot.job_id'] === job.id);
    const steps = spans.filter((s) => s.name === 'agent.step');
    const calls = spans.filter((s) => s.name === 'tool.call');
    expect(steps.map((s) => [s.attributes['copilot.agent.step'], s.attributes['copilot.agent.tool_calls']])).toEqual([
      [1, 1],
      [2, 0],
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.attributes).toMatchObject({
      'copilot.tool.name': 'current_time',
      'copilot.tool.kind': 'builtin',
      'copilot.tool.outcome': 'ok',
    });
    // The call's span sits under its step's trace.
    expect(calls[0]!.spanContext().traceId).toBe(steps[0]!.spanContext().traceId);
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toContain(secret);
  });
});
