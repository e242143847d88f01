import { contextTooLong, FakeOpenAiServer, reply } from '@copilot/llm/testing';
import { AppProcess, cli, freePort, waitFor } from '@copilot/testing';
import { readSse } from './sse';

// A worker killed with SIGKILL in the middle of a reply: the reaper hands its job to
// another worker once the dead worker's heartbeat and lock lapse, and the user ends
// up with exactly one answer.
describe('a worker killed mid-generation, and failed jobs replayed', () => {
  let openai: FakeOpenAiServer;
  const apps: AppProcess[] = [];
  let env: NodeJS.ProcessEnv;
  let api: string;
  let key: string;

  beforeAll(async () => {
    openai = await FakeOpenAiServer.start({ apiKey: 'sk-crash-test-key' });
    const [apiPort, schedulerPort] = await Promise.all([freePort(), freePort()]);
    env = {
      ...process.env,
      APP_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      SCHEDULER_PORT: String(schedulerPort),
      OPENAI_API_KEY: 'sk-crash-test-key',
      OPENAI_BASE_URL: openai.url,
      DEFAULT_MODEL: 'openai/gpt-4o-mini',
      WORKER_LOCK_DURATION_MS: '2000',
      JOB_HEARTBEAT_INTERVAL_MS: '300',
      REAPER_STALE_AFTER_MS: '1000',
      REAPER_INTERVAL_MS: '500',
      SCHEDULE_REFRESH_INTERVAL_MS: '1000',
      OUTBOX_RELAY_INTERVAL_MS: '200',
      OUTBOX_RELAY_AFTER_MS: '200',
      // These tests poll job status; the default budget of 100 requests a minute is for clients.
      RATE_LIMIT_REQUESTS: '100000',
    };
    api = `http://127.0.0.1:${apiPort}`;
    await cli(env, 'tenant:create', 'stark');
    key = String((await cli(env, 'key:create', '--tenant', 'stark', '--scopes', 'chat:read,chat:write')).key);
    apps.push(
      new AppProcess('api', 'apps/api/src/main.ts', env),
      new AppProcess('scheduler', 'apps/scheduler/src/main.ts', env),
    );
    await waitFor(`${api}/ready`);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await openai.close();
  });

  async function startWorker(): Promise<AppProcess> {
    const port = await freePort();
    const worker = new AppProcess('worker', 'apps/worker/src/main.ts', { ...env, WORKER_PORT: String(port) });
    apps.push(worker);
    await waitFor(`http://127.0.0.1:${port}/ready`);
    return worker;
  }
  const post = async (path: string, body: object) =>
    (
      await fetch(`${api}${path}`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json() as Promise<Record<string, unknown>>;
  /** A new conversation with one message; returns both ids. */
  async function ask(content: string) {
    const conversation = (await post('/v1/conversations', {})) as { id: string };
    const posted = (await post(`/v1/conversations/${conversation.id}/messages`, { content })) as {
      job: { id: string };
    };
    return { conversation, posted };
  }
  const get = async (path: string) =>
    (await fetch(`${api}${path}`, { headers: { 'x-api-key': key } })).json() as Promise<Record<string, unknown>>;

  it('is taken over by another worker and answered exactly once', async () => {
    // The first reply is slow (the one the killed worker is streaming); the retry is quick.
    openai.script(reply('slow words '.repeat(20).trim(), { chunks: 40, chunkDelayMs: 150 }), reply('the final answer'));
    const doomed = await startWorker();
    const { conversation, posted } = await ask('hello');
    for (let i = 0; i < 100 && (await get(`/v1/jobs/${posted.job.id}`)).status !== 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 600)); // mid-stream
    await doomed.kill();

    await startWorker();
    let job: Record<string, unknown> = {};
    for (let i = 0; i < 200; i++) {
      job = await get(`/v1/jobs/${posted.job.id}`);
      if (job.status === 'succeeded' || job.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(job).toMatchObject({ status: 'succeeded', attempts: 2 });
    const messages = (await get(`/v1/conversations/${conversation.id}/messages`)) as {
      data: { role: string; content: string }[];
    };
    expect(messages.data.filter((m) => m.role === 'assistant').map((m) => m.content)).toEqual(['the final answer']);

    // The stream holds the dead worker's partial reply, then a `restarted` status, then the
    // new run's reply: a client that drops its text there shows exactly the final answer.
    const { events } = await readSse(`${api}/v1/jobs/${posted.job.id}/events`, { 'x-api-key': key });
    const restart = events.findIndex(
      (e) => e.event === 'status' && (e.data as { status?: string }).status === 'restarted',
    );
    expect(restart).toBeGreaterThan(0);
    expect(events[restart]!.data).toMatchObject({ reason: 'redelivered', attempt: 2 });
    const text = (list: typeof events) =>
      list
        .filter((e) => e.event === 'token')
        .map((e) => (e.data as { text: string }).text)
        .join('');
    expect(text(events.slice(0, restart))).toMatch(/^slow/);
    expect(text(events.slice(restart + 1))).toBe('the final answer');
  }, 60_000);

  it('lists failed jobs for operators and replays one with the CLI', async () => {
    openai.script(contextTooLong(), reply('answered on replay'));
    const { conversation, posted } = await ask('again');
    const settle = async () => {
      let job: Record<string, unknown> = {};
      for (let i = 0; i < 200; i++) {
        job = await get(`/v1/jobs/${posted.job.id}`);
        if (job.status === 'succeeded' || job.status === 'failed') return job;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`job did not end: ${JSON.stringify(job)}`);
    };
    expect(await settle()).toMatchObject({ status: 'failed', error: { reason: 'context_too_long' } });

    const failed = (await cli(env, 'jobs:failed', '--tenant', 'stark')) as unknown as {
      id: string;
      error: { reason: string };
    }[];
    expect(failed.find((j) => j.id === posted.job.id)?.error.reason).toBe('context_too_long');
    expect(await cli(env, 'jobs:retry', posted.job.id)).toEqual({ id: posted.job.id, status: 'queued' });
    expect(await settle()).toMatchObject({ status: 'succeeded' });
    const messages = (await get(`/v1/conversations/${conversation.id}/messages`)) as {
      data: { role: string; content: string }[];
    };
    expect(messages.data.filter((m) => m.role === 'assistant').map((m) => m.content)).toEqual(['answered on replay']);
  }, 60_000);
});
