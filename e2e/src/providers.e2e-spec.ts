import { FAKE_OPENAI_REPLY, FakeOpenAiServer, reply } from '@copilot/llm/testing';
import { readSse } from './sse';
import { type Stack, startStack } from './stack';

// A real provider configured the way operators do it (OPENAI_API_KEY and
// OPENAI_BASE_URL: here a wire-level fake of OpenAI's API), used through a copilot.
describe('generation with a configured provider', () => {
  let openai: FakeOpenAiServer;
  let stack: Stack;
  let api: string;
  let worker: string;
  let key: string;

  beforeAll(async () => {
    openai = await FakeOpenAiServer.start({ apiKey: 'fake-e2e-platform-openai-key' });
    stack = await startStack('umbrella', {
      OPENAI_API_KEY: 'fake-e2e-platform-openai-key',
      OPENAI_BASE_URL: openai.url,
    });
    ({ api, workerUrl: worker, key } = stack);
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await openai.close();
  });

  const call = async (method: string, path: string, body?: object) =>
    fetch(`${api}${path}`, {
      method,
      headers: { 'x-api-key': key, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  async function conversationWith(model: string): Promise<string> {
    const copilot = (await (await call('POST', '/v1/copilots', { name: 'assistant', model })).json()) as { id: string };
    return ((await (await call('POST', '/v1/conversations', { copilotId: copilot.id })).json()) as { id: string }).id;
  }

  it('streams the provider reply, and accounts for it in usage and metrics', async () => {
    openai.script(reply(FAKE_OPENAI_REPLY, { inputTokens: 30, outputTokens: 8 }));
    const conversationId = await conversationWith('openai/gpt-4o-mini');
    const posted = (await (
      await call('POST', `/v1/conversations/${conversationId}/messages`, { content: 'hi' })
    ).json()) as {
      job: { id: string };
    };
    const stream = await readSse(`${api}/v1/jobs/${posted.job.id}/events`, { 'x-api-key': key });
    const text = stream.events
      .filter((e) => e.event === 'token')
      .map((e) => (e.data as { text: string }).text)
      .join('');
    expect(text).toBe(FAKE_OPENAI_REPLY);
    expect(stream.events.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded' } });
    expect(openai.requests.at(-1)!.headers.authorization).toBe('Bearer fake-e2e-platform-openai-key');

    const usage = (await (await call('GET', '/v1/usage?groupBy=model')).json()) as { data: object[] };
    expect(usage.data).toEqual([{ model: 'openai/gpt-4o-mini', requests: 1, inputTokens: 30, outputTokens: 8 }]);
    const metrics = await (await fetch(`${worker}/metrics`)).text();
    expect(metrics).toMatch(/^llm_requests_total\{provider="openai",model="gpt-4o-mini",outcome="success"\} 1$/m);
    expect(metrics).toMatch(/^llm_tokens_used_total\{provider="openai",model="gpt-4o-mini",type="output"\} 8$/m);
  });

  it('cancels a streaming generation over HTTP within a second', async () => {
    openai.script(reply('a b c d e f g h i j k l m n o p', { chunks: 16, chunkDelayMs: 250 }));
    const conversationId = await conversationWith('openai/gpt-4o-mini');
    const posted = (await (
      await call('POST', `/v1/conversations/${conversationId}/messages`, { content: 'go' })
    ).json()) as {
      job: { id: string };
    };
    let cancelledAt = 0;
    const stream = await readSse(`${api}/v1/jobs/${posted.job.id}/events`, { 'x-api-key': key }, (events) => {
      if (!cancelledAt && events.filter((e) => e.event === 'token').length >= 2) {
        cancelledAt = Date.now();
        void call('POST', `/v1/jobs/${posted.job.id}/cancel`);
      }
      return events.some((e) => e.event === 'done' || e.event === 'error');
    });
    expect(Date.now() - cancelledAt).toBeLessThan(1_000);
    expect(stream.events.at(-1)).toMatchObject({ event: 'done', data: { status: 'cancelled' } });
    const job = (await (await call('GET', `/v1/jobs/${posted.job.id}`)).json()) as { status: string };
    expect(job.status).toBe('cancelled');
    const messages = (await (await call('GET', `/v1/conversations/${conversationId}/messages`)).json()) as {
      data: { role: string; content: string }[];
    };
    expect(messages.data.at(-1)).toMatchObject({ role: 'assistant', content: expect.stringMatching(/^a b/) });
  });
});
