import { AppProcess, cli, freePort, waitFor } from '@copilot/testing';
import { readSse } from './sse';

// The walking skeleton as a user meets it: the admin CLI, then the three apps as
// processes, one conversation from API key to streamed reply, over plain HTTP.
describe('walking skeleton', () => {
  const apps: AppProcess[] = [];
  let api: string;
  let worker: string;
  let scheduler: string;
  let env: NodeJS.ProcessEnv;
  let key: string;
  let otherKey: string;

  beforeAll(async () => {
    const [apiPort, workerPort, schedulerPort] = await Promise.all([freePort(), freePort(), freePort()]);
    env = {
      ...process.env,
      APP_ENV: 'test',
      LOG_LEVEL: 'info',
      PORT: String(apiPort),
      WORKER_PORT: String(workerPort),
      SCHEDULER_PORT: String(schedulerPort),
      HOST: '127.0.0.1',
      APP_VERSION: '9.8.7-e2e',
      GIT_SHA: 'e2e0sha',
      BUILD_DATE: '2026-11-21T00:00:00Z',
      OUTBOX_RELAY_INTERVAL_MS: '200',
      OUTBOX_RELAY_AFTER_MS: '500',
    };
    api = `http://127.0.0.1:${apiPort}`;
    worker = `http://127.0.0.1:${workerPort}`;
    scheduler = `http://127.0.0.1:${schedulerPort}`;

    const acme = await cli(env, 'tenant:create', 'acme');
    const globex = await cli(env, 'tenant:create', 'globex');
    const created = await cli(env, 'key:create', '--tenant', 'acme', '--scopes', 'chat:read,chat:write');
    expect(created).toMatchObject({ id: expect.any(String), key: expect.stringMatching(/^cp_/), tenantId: acme.id });
    key = created.key as string;
    otherKey = (await cli(env, 'key:create', '--tenant', String(globex.id), '--scopes', 'chat:read,chat:write'))
      .key as string;

    apps.push(
      new AppProcess('api', 'apps/api/src/main.ts', env),
      new AppProcess('worker', 'apps/worker/src/main.ts', env),
      new AppProcess('scheduler', 'apps/scheduler/src/main.ts', env),
    );
    await Promise.all([waitFor(`${api}/ready`), waitFor(`${worker}/ready`), waitFor(`${scheduler}/ready`)]);
  }, 90_000);

  afterAll(async () => {
    const codes = await Promise.all(apps.map((app) => app.stop()));
    expect(codes).toEqual([0, 0, 0]); // each app shuts down cleanly on SIGTERM
  }, 30_000);

  const call = (path: string, init: RequestInit & { key?: string } = {}) =>
    fetch(`${api}${path}`, {
      ...init,
      headers: {
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.key === undefined ? { 'x-api-key': key } : init.key ? { 'x-api-key': init.key } : {}),
        ...(init.headers as Record<string, string>),
      },
    });

  it('answers probes and build info on every app', async () => {
    for (const base of [api, worker, scheduler]) {
      expect((await fetch(`${base}/health`)).status).toBe(200);
      expect((await fetch(`${base}/ready`)).status).toBe(200);
      expect(await (await fetch(`${base}/version`)).json()).toMatchObject({
        version: '9.8.7-e2e',
        gitSha: 'e2e0sha',
        buildDate: '2026-11-21T00:00:00Z',
      });
    }
  });

  it('refuses to boot outside local/test with settings missing, listing every problem', async () => {
    const { DATABASE_URL: _db, REDIS_URL: _redis, ...rest } = env;
    const broken = new AppProcess('api', 'apps/api/src/main.ts', {
      ...rest,
      APP_ENV: 'production',
      PORT: 'not-a-port',
    });
    expect(await broken.exited()).toBe(1);
    const output = broken.lines.join('\n');
    expect(output).toContain('DATABASE_URL: is required');
    expect(output).toContain('REDIS_URL: is required');
    expect(output).toMatch(/PORT: .+/);
  });

  it('is alive but not ready while Postgres and Redis do not answer', async () => {
    const [port, deadPort] = await Promise.all([freePort(), freePort()]);
    const lonely = new AppProcess('api', 'apps/api/src/main.ts', {
      ...env,
      PORT: String(port),
      DATABASE_URL: `postgresql://copilot_app@127.0.0.1:${deadPort}/copilot`,
      REDIS_URL: `redis://127.0.0.1:${deadPort}`,
    });
    try {
      await waitFor(`http://127.0.0.1:${port}/health`);
      const ready = await fetch(`http://127.0.0.1:${port}/ready`);
      expect(ready.status).toBe(503);
      // A request that needs Postgres fails fast with 503 problem+json, never hangs.
      const started = Date.now();
      const request = await fetch(`http://127.0.0.1:${port}/v1/conversations`, { headers: { 'x-api-key': key } });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(request.status).toBe(503);
      expect(request.headers.get('retry-after')).toBe('5');
      expect(await request.json()).toMatchObject({ type: '/problems/database-unavailable' });
    } finally {
      await lonely.stop();
    }
  });

  it('walks a message from API key to a streamed, stored reply', async () => {
    const conversation = await call('/v1/conversations', { method: 'POST', body: JSON.stringify({ title: 'first' }) });
    expect(conversation.status).toBe(201);
    const { id: conversationId } = (await conversation.json()) as { id: string };

    const posted = await call(`/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      body: JSON.stringify({ content: 'hello' }),
      headers: { authorization: `Bearer ${key}`, 'x-request-id': 'e2e-request-42' },
      key: '',
    });
    expect(posted.status).toBe(202);
    const accepted = (await posted.json()) as {
      message: { role: string; content: string };
      job: { id: string; status: string };
    };
    expect(accepted.message).toMatchObject({ role: 'user', content: 'hello' });
    expect(accepted.job).toMatchObject({ id: expect.any(String), status: 'queued' });
    expect(posted.headers.get('location')).toBe(`/v1/jobs/${accepted.job.id}`);

    const stream = await readSse(`${api}/v1/jobs/${accepted.job.id}/events`, { 'x-api-key': key });
    expect(stream.status).toBe(200);
    expect(stream.contentType).toContain('text/event-stream');
    const types = stream.events.map((e) => e.event);
    expect(types[0]).toBe('status');
    expect(types.at(-1)).toBe('done');
    expect(types.filter((t) => t === 'token').length).toBeGreaterThan(1);
    expect(stream.events.every((e) => /^\d+-\d+$/.test(e.id ?? ''))).toBe(true);
    const streamed = stream.events
      .filter((e) => e.event === 'token')
      .map((e) => (e.data as { text: string }).text)
      .join('');
    expect(streamed).toContain('No language model is configured');

    // Resume after the second event: exactly the rest, nothing repeated, nothing lost.
    const resumeFrom = stream.events[1]!.id!;
    const resumed = await readSse(`${api}/v1/jobs/${accepted.job.id}/events`, {
      'x-api-key': key,
      'last-event-id': resumeFrom,
    });
    expect(resumed.events.map((e) => e.id)).toEqual(stream.events.slice(2).map((e) => e.id));

    // A client arriving after the end still gets the whole stream.
    const late = await readSse(`${api}/v1/jobs/${accepted.job.id}/events`, { 'x-api-key': key });
    expect(late.events).toEqual(stream.events);

    const job = (await (await call(`/v1/jobs/${accepted.job.id}`)).json()) as {
      result: { inputTokens: number; outputTokens: number };
    };
    expect(job).toMatchObject({ id: accepted.job.id, status: 'succeeded', attempts: 1 });
    // The tokens counted for the reply come as one `usage` event just before `done`, as recorded.
    expect(types.at(-2)).toBe('usage');
    expect(stream.events.filter((e) => e.event === 'usage').map((e) => e.data)).toEqual([
      { inputTokens: job.result.inputTokens, outputTokens: job.result.outputTokens },
    ]);
    expect(job.result.outputTokens).toBeGreaterThan(0);

    const history = (await (await call(`/v1/conversations/${conversationId}/messages`)).json()) as {
      data: { role: string; content: string }[];
      nextCursor: string | null;
    };
    expect(history.data.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(history.data[1]!.content).toBe(streamed);

    // The request id of the POST follows the job into the worker's log lines.
    const workerLines = apps[1]!.logs().filter((l) => l.job_id === accepted.job.id);
    expect(workerLines.length).toBeGreaterThan(0);
    expect(workerLines.every((l) => l.request_id === 'e2e-request-42' && l.service === 'worker')).toBe(true);
  });

  it('streams the reply from the POST itself when the client accepts an event stream', async () => {
    const { id: conversationId } = (await (
      await call('/v1/conversations', { method: 'POST', body: JSON.stringify({ title: 'streamed' }) })
    ).json()) as { id: string };
    const stream = await readSse(
      `${api}/v1/conversations/${conversationId}/messages`,
      { 'x-api-key': key, 'content-type': 'application/json', accept: 'text/event-stream' },
      undefined,
      { method: 'POST', body: JSON.stringify({ content: 'stream it' }) },
    );
    expect(stream.status).toBe(200);
    expect(stream.contentType).toContain('text/event-stream');
    const [first, ...rest] = stream.events;
    expect(first).toMatchObject({ event: 'message', data: { message: { role: 'user', content: 'stream it' } } });
    const jobId = (first!.data as { job: { id: string } }).job.id;
    expect(stream.headers.get('location')).toBe(`/v1/jobs/${jobId}`);
    expect(rest.map((e) => e.event)).toContain('token');
    expect(rest.at(-1)?.event).toBe('done');

    // The same events, with the same ids, are there for a client that reconnects to the job.
    const again = await readSse(`${api}/v1/jobs/${jobId}/events`, { 'x-api-key': key });
    expect(again.events).toEqual(rest);
  });

  it('never loses an accepted message: with Redis away the relay enqueues it later', async () => {
    const [port, deadPort] = await Promise.all([freePort(), freePort()]);
    const cutOff = new AppProcess('api', 'apps/api/src/main.ts', {
      ...env,
      PORT: String(port),
      REDIS_URL: `redis://127.0.0.1:${deadPort}`,
    });
    try {
      await waitFor(`http://127.0.0.1:${port}/health`);
      const headers = { 'x-api-key': key, 'content-type': 'application/json' };
      const { id } = (await (
        await fetch(`http://127.0.0.1:${port}/v1/conversations`, { method: 'POST', headers, body: '{}' })
      ).json()) as { id: string };
      const posted = await fetch(`http://127.0.0.1:${port}/v1/conversations/${id}/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ content: 'are you there?' }),
      });
      expect(posted.status).toBe(202);
      const { job } = (await posted.json()) as { job: { id: string } };
      // The scheduler (on the live Redis) finds the undispatched row; the worker answers it.
      const stream = await readSse(`${api}/v1/jobs/${job.id}/events`, { 'x-api-key': key });
      expect(stream.events.at(-1)?.event).toBe('done');
      const history = (await (await call(`/v1/conversations/${id}/messages`)).json()) as { data: { role: string }[] };
      expect(history.data.map((m) => m.role)).toEqual(['user', 'assistant']);
    } finally {
      await cutOff.stop();
    }
  });

  it('answers a repeated Idempotency-Key with the first response and creates nothing', async () => {
    const { id } = (await (await call('/v1/conversations', { method: 'POST', body: '{}' })).json()) as { id: string };
    const send = () =>
      call(`/v1/conversations/${id}/messages`, {
        method: 'POST',
        body: JSON.stringify({ content: 'once' }),
        headers: { 'idempotency-key': `e2e-${id}` },
      });
    const first = await send();
    const second = await send();
    expect([first.status, second.status]).toEqual([202, 202]);
    const [a, b] = (await Promise.all([first.json(), second.json()])) as {
      job: { id: string };
      message: { id: string };
    }[];
    expect(b!.job.id).toBe(a!.job.id);
    expect(b!.message.id).toBe(a!.message.id);
    await readSse(`${api}/v1/jobs/${a!.job.id}/events`, { 'x-api-key': key });
    const history = (await (await call(`/v1/conversations/${id}/messages`)).json()) as { data: { role: string }[] };
    expect(history.data.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('rejects missing, wrong and revoked keys with problem+json', async () => {
    const attempts: Record<string, string>[] = [{}, { 'x-api-key': 'cp_wrong' }, { authorization: 'Bearer cp_wrong' }];
    for (const headers of attempts) {
      const response = await fetch(`${api}/v1/conversations`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ status: 401, title: expect.any(String) });
    }
    const doomed = (await cli(env, 'key:create', '--tenant', 'acme', '--scopes', 'chat:read')) as {
      id: string;
      key: string;
    };
    expect((await call('/v1/conversations', { key: doomed.key })).status).toBe(200);
    await cli(env, 'key:revoke', doomed.id);
    expect((await call('/v1/conversations', { key: doomed.key })).status).toBe(401);
  });

  it("hides another tenant's conversation and job", async () => {
    const body = JSON.stringify({ title: 'acme-private-plans' });
    const mine = (await (await call('/v1/conversations', { method: 'POST', body })).json()) as { id: string };
    const theirs = await call(`/v1/conversations/${mine.id}`, { key: otherKey });
    expect(theirs.status).toBe(404);
    expect(JSON.stringify(await theirs.json())).not.toContain('acme-private-plans');
    const listed = (await (await call('/v1/conversations', { key: otherKey })).json()) as { data: { id: string }[] };
    expect(listed.data.map((c) => c.id)).not.toContain(mine.id);
    const post = await call(`/v1/conversations/${mine.id}/messages`, {
      method: 'POST',
      body: JSON.stringify({ content: 'sneaky' }),
      key: otherKey,
    });
    expect(post.status).toBe(404);
    const history = (await (await call(`/v1/conversations/${mine.id}/messages`)).json()) as { data: unknown[] };
    expect(history.data).toEqual([]);
  });

  it('rejects a malformed body with the fields named, and writes nothing', async () => {
    const { id } = (await (await call('/v1/conversations', { method: 'POST', body: '{}' })).json()) as { id: string };
    const bad = await call(`/v1/conversations/${id}/messages`, {
      method: 'POST',
      body: JSON.stringify({ content: 42, extra: true }),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await bad.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['body.content', 'body.extra']);
    const notJson = await call(`/v1/conversations/${id}/messages`, { method: 'POST', body: '{"content":' });
    expect(notJson.status).toBe(400);
    const history = (await (await call(`/v1/conversations/${id}/messages`)).json()) as { data: unknown[] };
    expect(history.data).toEqual([]);
  });

  it('exposes Prometheus metrics: http on the api, queues on the worker, outbox on the scheduler', async () => {
    const apiMetrics = await (await fetch(`${api}/metrics`)).text();
    expect(apiMetrics).toMatch(
      /^http_requests_total\{method="POST",route="\/v1\/conversations\/:id\/messages",status_code="202"\} \d+/m,
    );
    expect(apiMetrics).toContain('http_request_duration_seconds_bucket');
    const workerMetrics = await (await fetch(`${worker}/metrics`)).text();
    expect(workerMetrics).toMatch(/^queue_jobs\{queue="chat",state="completed"\} [1-9]/m);
    expect(workerMetrics).toMatch(/^job_wait_seconds_count\{queue="chat",name="chat.generate"\} [1-9]/m);
    expect(await (await fetch(`${scheduler}/metrics`)).text()).toMatch(/^outbox_backlog \d+$/m);
    expect(workerMetrics).toMatch(
      /^job_processing_seconds_count\{queue="chat",name="chat.generate",outcome="completed"\} [1-9]/m,
    );
  });

  it('logs JSON lines with the service name and never a key', () => {
    for (const app of apps) {
      const logs = app.logs();
      expect(logs.length).toBeGreaterThan(0);
      expect(logs.every((line) => line.service === app.name)).toBe(true);
      const text = app.lines.join('\n');
      for (const secret of [key, otherKey]) expect(text).not.toContain(secret);
    }
    const posted = apps[0]!.logs().find((l) => l.request_id === 'e2e-request-42' && l.msg === 'request completed');
    expect(posted).toMatchObject({ service: 'api', tenant_id: expect.any(String), res: { statusCode: 202 } });
  });
});
