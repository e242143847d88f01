import { randomUUID } from 'node:crypto';
import { context, propagation, trace } from '@opentelemetry/api';
import { node } from '@opentelemetry/sdk-node';
import { loadSettings, redisConfig } from '@copilot/config';
import { currentTraceparent, startErrorReporting } from '@copilot/observability';
import { FakeSentry } from '@copilot/observability/testing';
import { JobProducer } from '../producer/job-producer';
import { runInJobSpan } from './job-span';
import { RedisConnections } from '@copilot/redis';

describe(runInJobSpan.name, () => {
  const connections = new RedisConnections(loadSettings('worker', [redisConfig] as const).redis);
  const producer = new JobProducer(connections);
  const provider = new node.NodeTracerProvider();
  let sentry: FakeSentry;
  let stopReporting: () => Promise<void>;

  beforeAll(async () => {
    provider.register();
    sentry = await FakeSentry.start();
    stopReporting = startErrorReporting({
      dsn: sentry.dsn,
      environment: 'test',
      release: '1',
      service: 'copilot-worker',
    });
  });
  afterAll(async () => {
    await stopReporting();
    await sentry.close();
    await producer.onApplicationShutdown();
    connections.onApplicationShutdown();
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  /** A real queued job whose payload carries the traceparent of a request span. */
  async function jobFromRequest() {
    const tracer = trace.getTracer('test');
    const { request, traceparent } = tracer.startActiveSpan('POST /v1/conversations/:id/messages', (span) => {
      span.end();
      return { request: span.spanContext(), traceparent: currentTraceparent() };
    });
    const payload = { jobId: randomUUID(), tenantId: randomUUID(), requestId: 'req-job-span', traceparent };
    const job = await producer.queue('chat').add('chat.generate', payload, { jobId: payload.jobId });
    return { job, payload, request };
  }

  it('runs the attempt in the trace of the request that created the job', async () => {
    const { job, request } = await jobFromRequest();
    const inside = await runInJobSpan('chat', job, async () => trace.getActiveSpan()?.spanContext());
    expect(inside?.traceId).toBe(request.traceId);
    expect(inside?.spanId).not.toBe(request.spanId);
  });

  it('reports an error escaping the handler with the job, tenant, request and trace ids', async () => {
    const { job, payload, request } = await jobFromRequest();
    await expect(
      runInJobSpan('chat', job, async () => {
        throw new RangeError('index out of range');
      }),
    ).rejects.toThrow('index out of range');
    await stopReporting(); // flushes
    stopReporting = async () => undefined;

    const events = sentry.events();
    expect(events).toHaveLength(1); // the successful attempt above sent nothing
    expect(events[0]!.event.tags).toMatchObject({
      job_id: payload.jobId,
      tenant_id: payload.tenantId,
      request_id: 'req-job-span',
      queue: 'chat',
      job_name: 'chat.generate',
      trace_id: request.traceId,
    });
  });
});
