import { FakeOpenAiServer, reply } from '@copilot/llm/testing';
import { readSse } from './sse';
import { type Stack, startStack } from './stack';

/** What a Prisma or driver error carries, and a tenant must never read. */
const INTERNALS = /prisma|invocation|\.ts:\d+|node_modules|\/work\/|constraint|0x00|tx\.\w+\.\w+\(/i;

// A tenant provokes a database error in the worker with what it controls: its own
// OpenAI-compatible endpoint (PUT /v1/provider-keys/openai with a baseUrl), which
// answers with a NUL character that Postgres cannot store in the reply. Every attempt
// fails the same way; the job's error is what the tenant then reads.
describe('job errors read by a tenant', () => {
  let openai: FakeOpenAiServer;
  let stack: Stack;
  let api: string;
  let key: string;

  beforeAll(async () => {
    openai = await FakeOpenAiServer.start({ apiKey: 'sk-tenant-own-endpoint' });
    // The tenant's own endpoint is the loopback fake: admitted, as an operator admits an intranet server.
    stack = await startStack('mallory', { EGRESS_ALLOWED_HOSTS: '127.0.0.1' });
    ({ api, key } = stack);
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await openai.close();
  });

  const call = async <T>(method: string, path: string, body?: object, headers: Record<string, string> = {}) => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { 'x-api-key': key, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (response.status === 204 ? null : await response.json()) as T };
  };

  it('says only that the job failed, with the ids to quote, never the database error', async () => {
    openai.setDefault(reply('half an answer\u0000and the rest', { inputTokens: 5, outputTokens: 5 }));
    const stored = await call('PUT', '/v1/provider-keys/openai', {
      apiKey: 'sk-tenant-own-endpoint',
      baseUrl: openai.url,
    });
    expect(stored.status).toBe(204);
    const copilot = await call<{ id: string }>('POST', '/v1/copilots', { name: 'own', model: 'openai/gpt-4o-mini' });
    const conversation = await call<{ id: string }>('POST', '/v1/conversations', { copilotId: copilot.body.id });
    const posted = await call<{ job: { id: string } }>(
      'POST',
      `/v1/conversations/${conversation.body.id}/messages`,
      { content: 'hello' },
      { 'x-request-id': 'req-mallory-1' },
    );
    expect(posted.status).toBe(202);
    const jobId = posted.body.job.id;

    // Three attempts with backoff (1 s, then 2 s) before the last one fails the job.
    const stream = await readSse(`${api}/v1/jobs/${jobId}/events`, { 'x-api-key': key });
    const final = stream.events.at(-1)!;
    expect(final).toMatchObject({ event: 'error', data: { status: 'failed', reason: 'internal_error' } });
    const job = await call<{ status: string; error: { reason: string; message: string } }>('GET', `/v1/jobs/${jobId}`);
    expect(job.body).toMatchObject({ status: 'failed', error: { reason: 'internal_error' } });
    expect(job.body.error.message).toBe(
      `The job failed because of an internal error; quote job ${jobId}, request req-mallory-1 to support.`,
    );
    expect(openai.requests.length).toBeGreaterThanOrEqual(3);
    for (const text of [JSON.stringify(job.body), JSON.stringify(stream.events)]) expect(text).not.toMatch(INTERNALS);
    // The cause is in the worker's log, on the failed attempts' lines with the ids quoted.
    const failures = stack.worker.logs().filter((line) => line.msg === 'job attempt failed' && line.job_id === jobId);
    expect(failures.length).toBeGreaterThanOrEqual(3);
    expect(failures[0]).toMatchObject({ request_id: 'req-mallory-1' });
    expect(JSON.stringify(failures.at(-1)!.err)).toMatch(INTERNALS);
    // Nothing half-written either: the reply that could not be stored is not in the history.
    const history = await call<{ data: { role: string }[] }>(
      'GET',
      `/v1/conversations/${conversation.body.id}/messages`,
    );
    expect(history.body.data.map((m) => m.role)).toEqual(['user']);
  }, 60_000);

  it("answers the OpenAI front door with the same generic message, in OpenAI's shape", async () => {
    const response = await fetch(`${api}/openai/v1/chat/completions`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json', 'x-request-id': 'req-mallory-2' },
      body: JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] }),
    });
    const body = (await response.json()) as { error: { message: string; type: string; code: string } };
    expect(response.status).toBe(500);
    expect(body.error).toMatchObject({ type: 'server_error', code: 'internal_error' });
    expect(body.error.message).toMatch(
      /^The generation failed \(internal_error\): The job failed because of an internal error; quote job [0-9a-f-]{36}, request req-mallory-2 to support\.$/,
    );
    expect(JSON.stringify(body)).not.toMatch(INTERNALS);
  }, 60_000);
});
