import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  createCopilotClient,
  CopilotApiError,
  type CopilotClient,
  type JobStreamEvent,
} from '@copilot-platform/client';
import { AppProcess, cli, freePort, ROOT, waitFor } from '@copilot/testing';
import { startDroppingProxy } from './client/dropping-proxy';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

// The published client (packages/client) and the examples against the real api and
// worker; replies come from the built-in `local` provider, so no model is faked.
describe('@copilot-platform/client', () => {
  const apps: AppProcess[] = [];
  let api: string;
  let key: string;
  let client: CopilotClient;

  beforeAll(async () => {
    const [apiPort, workerPort] = await Promise.all([freePort(), freePort()]);
    const env = {
      ...process.env,
      APP_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      WORKER_PORT: String(workerPort),
      DEFAULT_MODEL: 'local',
      // One stream event per token of the local provider, so a reply is a few dozen events.
      TOKEN_FLUSH_INTERVAL_MS: '1',
    };
    api = `http://127.0.0.1:${apiPort}`;
    await cli(env, 'tenant:create', 'client-sdk');
    key = (
      await cli(
        env,
        'key:create',
        '--tenant',
        'client-sdk',
        '--scopes',
        'chat:read,chat:write,documents:read,documents:write',
      )
    ).key as string;
    apps.push(
      new AppProcess('api', 'apps/api/src/main.ts', env),
      new AppProcess('worker', 'apps/worker/src/main.ts', env),
    );
    await Promise.all([waitFor(`${api}/ready`), waitFor(`http://127.0.0.1:${workerPort}/ready`)]);
    client = createCopilotClient({ baseUrl: api, apiKey: key });
  }, 90_000);
  afterAll(() => Promise.all(apps.map((app) => app.stop())), 30_000);

  async function collect(stream: AsyncIterable<JobStreamEvent>): Promise<JobStreamEvent[]> {
    const events: JobStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    return events;
  }
  const textOf = (events: JobStreamEvent[]) => events.map((e) => (e.type === 'token' ? e.data.text : '')).join('');

  it('creates a conversation and streams a reply to its end; the reply is stored', async () => {
    const { data: conversation } = await client.POST('/v1/conversations', { body: { title: 'SDK' } });
    const events = await collect(client.streamReply(conversation.id, 'How do refunds work?'));

    expect(events[0]).toMatchObject({
      type: 'message',
      data: { message: { role: 'user', content: 'How do refunds work?' } },
    });
    expect(events.at(-1)).toMatchObject({ type: 'done', data: { status: 'succeeded', messageId: expect.any(String) } });
    expect(events.filter((e) => e.type === 'token').length).toBeGreaterThan(5);
    expect(textOf(events)).toContain('You wrote: "How do refunds work?"');

    const { data: history } = await client.GET('/v1/conversations/{id}/messages', {
      params: { path: { id: conversation.id } },
    });
    expect(history.data.map((m) => [m.role, m.content])).toEqual([
      ['user', 'How do refunds work?'],
      ['assistant', textOf(events)],
    ]);
  });

  it('throws problems as CopilotApiError with their fields', async () => {
    const notFound = await client
      .GET('/v1/conversations/{id}', { params: { path: { id: MISSING_ID } } })
      .catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(CopilotApiError);
    expect(notFound).toMatchObject({
      status: 404,
      title: expect.any(String),
      type: expect.stringMatching(/^\/problems\//),
    });

    const { data: conversation } = await client.POST('/v1/conversations', { body: {} });
    const invalid = await client
      .POST('/v1/conversations/{id}/messages', { params: { path: { id: conversation.id } }, body: { content: '' } })
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(CopilotApiError);
    expect(invalid).toMatchObject({ status: 400, errors: [{ field: 'body.content', message: expect.any(String) }] });

    const unauthorised = createCopilotClient({ baseUrl: api, apiKey: 'cp_not-a-real-key' });
    await expect(unauthorised.GET('/v1/conversations')).rejects.toMatchObject({ status: 401 });
    // A stream of a job that does not exist fails at once instead of retrying.
    await expect(collect(client.streamJob(MISSING_ID))).rejects.toMatchObject({ status: 404 });
  });

  it('resumes a stream cut mid-way with Last-Event-ID: every event once, in order', async () => {
    const proxy = await startDroppingProxy(api, 3);
    try {
      const viaProxy = createCopilotClient({ baseUrl: proxy.url, apiKey: key, retry: { initialDelayMs: 10 } });
      const { data: conversation } = await viaProxy.POST('/v1/conversations', { body: { title: 'Resume' } });
      const events = await collect(viaProxy.streamReply(conversation.id, 'Tell me about shipping times.'));

      expect(proxy.streams.length).toBeGreaterThanOrEqual(2);
      const [first, second] = proxy.streams;
      expect(first).toMatchObject({
        method: 'POST',
        ids: [expect.any(String), expect.any(String), expect.any(String)],
      });
      expect(second).toMatchObject({ method: 'GET', lastEventId: first!.ids[2] });

      // The whole stream as an uninterrupted reader sees it, now that the job has ended.
      const jobId = events[0]!.type === 'message' ? events[0]!.data.job.id : '';
      const full = await collect(client.streamJob(jobId));
      expect(events.slice(1)).toEqual(full);
      expect(full.at(-1)).toMatchObject({ type: 'done', data: { status: 'succeeded' } });
      expect(textOf(events)).toContain('You wrote: "Tell me about shipping times."');
    } finally {
      await proxy.close();
    }
  });

  it('runs the examples against the platform', async () => {
    const run = (file: string) =>
      promisify(execFile)(process.execPath, [join(ROOT, 'scripts', 'run-ts.cjs'), `examples/${file}`], {
        cwd: ROOT,
        env: { ...process.env, COPILOT_API_URL: api, COPILOT_API_KEY: key },
        timeout: 30_000,
      });
    const [chat, ingest, openai] = await Promise.all([
      run('chat.ts'),
      run('ingest-and-search.ts'),
      run('openai-sdk.ts'),
    ]);
    expect(chat.stdout).toContain('You wrote: "Hello! What can you do?"');
    expect(chat.stderr).toMatch(/done: succeeded/);
    expect(ingest.stdout).toMatch(/indexed, \d+ chunks/);
    expect(ingest.stdout).toMatch(/search:\n\s+\d\.\d{3} .*Refunds/);
    expect(openai.stdout).toMatch(/completion: .+/);
    expect(openai.stdout).toMatch(/usage: \d+ in, \d+ out/);
  }, 45_000);
});
