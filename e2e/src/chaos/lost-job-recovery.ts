/**
 * The lost-job policy with default settings: a worker SIGKILLed mid-reply while
 * Redis (no persistence) restarts and loses every key, queue entries and locks
 * included. Only the job row in Postgres remembers the job; the reaper must find it
 * and have another worker running it again within a minute.
 */
import { FakeOpenAiServer, reply } from '@copilot/llm/testing';
import { AppProcess, cli, freePort, waitFor } from '@copilot/testing';
import { PrivateRedis } from './services';

const PROVIDER_KEY = 'sk-lost-job-key';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RecoveryObservation {
  /** From the SIGKILL to the job row running again (attempt 2) on the other worker. */
  runningAgainMs: number;
  job: Record<string, unknown>;
  assistantReplies: string[];
}

export async function killWorkerAndLoseRedis(): Promise<RecoveryObservation> {
  const redis = await PrivateRedis.create();
  const provider = await FakeOpenAiServer.start({ apiKey: PROVIDER_KEY });
  const apps: AppProcess[] = [];
  try {
    const [apiPort, schedulerPort, firstPort, secondPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    // Only what wires the processes together: every lost-job setting keeps its default.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      APP_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      SCHEDULER_PORT: String(schedulerPort),
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'lost-job',
      OPENAI_API_KEY: PROVIDER_KEY,
      OPENAI_BASE_URL: provider.url,
      DEFAULT_MODEL: 'openai/gpt-4o-mini',
      RATE_LIMIT_REQUESTS: '100000',
    };
    const api = `http://127.0.0.1:${apiPort}`;
    await cli(env, 'tenant:create', 'lost-job');
    const key = String((await cli(env, 'key:create', '--tenant', 'lost-job', '--scopes', 'chat:read,chat:write')).key);
    const request = async (path: string, body?: object) =>
      (
        await fetch(`${api}${path}`, {
          method: body ? 'POST' : 'GET',
          headers: { 'x-api-key': key, 'content-type': 'application/json' },
          body: body ? JSON.stringify(body) : undefined,
        })
      ).json() as Promise<Record<string, unknown>>;
    const worker = (port: number) =>
      new AppProcess('worker', 'apps/worker/src/main.ts', { ...env, WORKER_PORT: String(port) });

    apps.push(
      new AppProcess('api', 'apps/api/src/main.ts', env),
      new AppProcess('scheduler', 'apps/scheduler/src/main.ts', env),
    );
    const doomed = worker(firstPort);
    apps.push(doomed);
    await Promise.all([
      waitFor(`${api}/ready`, 200, 90_000),
      waitFor(`http://127.0.0.1:${firstPort}/ready`, 200, 90_000),
    ]);

    // A reply long enough to be mid-stream whatever the machine's pace; the rerun's is quick.
    provider.script(
      reply('slow words '.repeat(60).trim(), { chunks: 120, chunkDelayMs: 250 }),
      reply('the final answer'),
    );
    const conversation = (await request('/v1/conversations', {})) as { id: string };
    const posted = (await request(`/v1/conversations/${conversation.id}/messages`, { content: 'hello' })) as {
      job: { id: string };
    };
    const jobPath = `/v1/jobs/${posted.job.id}`;
    for (let i = 0; i < 200 && (await request(jobPath)).status !== 'running'; i++) await sleep(100);

    // The other worker is up before the first dies, as in a deployment with replicas.
    apps.push(worker(secondPort));
    await waitFor(`http://127.0.0.1:${secondPort}/ready`, 200, 90_000);
    if ((await request(jobPath)).status !== 'running') throw new Error('the slow reply ended before the kill');

    await doomed.kill();
    const killedAt = Date.now();
    await redis.stop();
    await redis.start();

    let runningAgainMs = -1;
    let job: Record<string, unknown> = {};
    for (const deadline = killedAt + 120_000; Date.now() < deadline; await sleep(250)) {
      job = await request(jobPath).catch(() => ({}));
      if (runningAgainMs < 0 && Number(job.attempts) >= 2) runningAgainMs = Date.now() - killedAt;
      if (job.status === 'succeeded' || job.status === 'failed') break;
    }
    const messages = (await request(`/v1/conversations/${conversation.id}/messages`)) as {
      data: { role: string; content: string }[];
    };
    return {
      runningAgainMs,
      job,
      assistantReplies: messages.data.filter((m) => m.role === 'assistant').map((m) => m.content),
    };
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
    await provider.close();
    await redis.stop();
    redis.destroy();
  }
}
