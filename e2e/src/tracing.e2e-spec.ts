import { FakeOpenAiServer, reply } from '@copilot/llm/testing';
import { eventually, FakeOtlpCollector, type ReceivedSpan, SPAN_KIND } from '@copilot/observability/testing';
import { AppProcess, cli, freePort, waitFor } from '@copilot/testing';

const dbSystem = (span: ReceivedSpan) => span.attributes['db.system.name'] ?? span.attributes['db.system'];
const httpMethod = (span: ReceivedSpan) => span.attributes['http.request.method'] ?? span.attributes['http.method'];
const urlPath = (span: ReceivedSpan) => String(span.attributes['url.path'] ?? span.attributes['http.target'] ?? '');

// One trace from the api request through the queue into the worker and the
// provider call, exported over OTLP/HTTP to a local collector.
describe('tracing', () => {
  let collector: FakeOtlpCollector;
  let openai: FakeOpenAiServer;
  const apps: AppProcess[] = [];
  let api: string;
  let key: string;

  beforeAll(async () => {
    [collector, openai] = await Promise.all([
      FakeOtlpCollector.start(),
      FakeOpenAiServer.start({ apiKey: 'fake-e2e-tracing-openai-key' }),
    ]);
    const [apiPort, workerPort, schedulerPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      APP_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      WORKER_PORT: String(workerPort),
      SCHEDULER_PORT: String(schedulerPort),
      OPENAI_API_KEY: 'fake-e2e-tracing-openai-key',
      OPENAI_BASE_URL: openai.url,
      OTEL_BSP_SCHEDULE_DELAY: '300', // export within a fraction of a second instead of 5 s
    };
    api = `http://127.0.0.1:${apiPort}`;
    await cli(env, 'tenant:create', 'tracing');
    key = String((await cli(env, 'key:create', '--tenant', 'tracing', '--scopes', 'admin')).key);
    const traced = { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint };
    apps.push(
      new AppProcess('api', 'apps/api/src/main.ts', traced),
      new AppProcess('worker', 'apps/worker/src/main.ts', traced),
      // Tracing off: even the SDK's own variable pointing at the collector must start nothing.
      new AppProcess('scheduler', 'apps/scheduler/src/main.ts', {
        ...env,
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${collector.endpoint}/v1/traces`,
      }),
    );
    // Generous: three apps compiling at once on a shared 2-core machine took ~30 s to boot.
    const booted = (url: string) => waitFor(url, 200, 90_000);
    await Promise.all([
      booted(`${api}/ready`),
      booted(`http://127.0.0.1:${workerPort}/ready`),
      booted(`http://127.0.0.1:${schedulerPort}/ready`),
    ]);
  }, 150_000);

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await Promise.all([collector?.close(), openai?.close()]);
  });

  const call = async (method: string, path: string, body?: object) =>
    fetch(`${api}${path}`, {
      method,
      headers: { 'x-api-key': key, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  it('follows a message from the api request through the queue into the worker and the provider call', async () => {
    openai.script(reply('Traced hello.'));
    const copilot = (await (
      await call('POST', '/v1/copilots', { name: 'traced', model: 'openai/gpt-4o-mini' })
    ).json()) as {
      id: string;
    };
    const conversation = (await (await call('POST', '/v1/conversations', { copilotId: copilot.id })).json()) as {
      id: string;
    };
    const posted = await call('POST', `/v1/conversations/${conversation.id}/messages`, { content: 'hi' });
    expect(posted.status).toBe(202);
    const { job } = (await posted.json()) as { job: { id: string } };
    const status = async () => ((await (await call('GET', `/v1/jobs/${job.id}`)).json()) as { status: string }).status;
    for (let i = 0; i < 100 && (await status()) !== 'succeeded'; i++) await new Promise((r) => setTimeout(r, 200));
    expect(await status()).toBe('succeeded');

    const consumer = await eventually(
      () =>
        collector.spans().find((s) => s.kind === SPAN_KIND.consumer && s.attributes['messaging.message.id'] === job.id),
      'the worker span of the job',
    );
    expect(consumer).toMatchObject({ service: 'copilot-worker', name: 'chat chat.generate' });
    const request = await eventually(
      () =>
        collector
          .spans()
          .find(
            (s) =>
              s.traceId === consumer.traceId &&
              s.service === 'copilot-api' &&
              s.kind === SPAN_KIND.server &&
              httpMethod(s) === 'POST' &&
              urlPath(s).endsWith('/messages'),
          ),
      'the api request span in the same trace',
    );

    // The worker's span descends from the api's request span.
    const byId = new Map(collector.spans().map((s) => [s.spanId, s]));
    const ancestors: ReceivedSpan[] = [];
    for (let at = byId.get(consumer.parentSpanId ?? ''); at; at = byId.get(at.parentSpanId ?? '')) ancestors.push(at);
    expect(ancestors.map((s) => s.spanId)).toContain(request.spanId);

    const trace = await eventually(() => {
      const spans = collector.spans().filter((s) => s.traceId === consumer.traceId);
      const complete =
        spans.some((s) => s.service === 'copilot-worker' && dbSystem(s) === 'postgresql') &&
        spans.some((s) => s.service === 'copilot-api' && dbSystem(s) === 'postgresql') &&
        spans.some((s) => dbSystem(s) === 'redis') &&
        spans.some(
          (s) =>
            s.service === 'copilot-worker' && s.kind === SPAN_KIND.client && urlPath(s).includes('/chat/completions'),
        );
      return complete ? spans : undefined;
    }, 'Postgres, Redis and provider spans in the trace');
    expect(trace.length).toBeGreaterThan(5);
    // The provider saw the trace too (W3C traceparent on the outgoing call).
    expect(String(openai.requests.at(-1)!.headers.traceparent)).toContain(consumer.traceId);

    // Every worker log line of the job names the trace.
    const lines = apps[1]!.logs().filter((line) => line.job_id === job.id);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.trace_id === consumer.traceId && typeof line.span_id === 'string')).toBe(true);
  });

  it('starts nothing in an app without OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    // The scheduler has been polling Postgres all along; with an SDK running, its spans would be here by now.
    await apps[2]!.stop();
    expect(collector.spans().filter((s) => s.service.includes('scheduler'))).toEqual([]);
    expect(collector.spans().some((s) => s.service === 'unknown_service:node')).toBe(false);
  });
});
