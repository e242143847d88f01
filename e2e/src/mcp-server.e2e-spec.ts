import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { readSse } from './sse';
import { type Stack, startStack } from './stack';

type Text = { type: 'text'; text: string };

// An MCP client (the SDK's own) using the platform as an integrator's agent would:
// api and worker as processes, the built-in local provider answering.
describe('the platform as an MCP server', () => {
  let stack: Stack;
  let client: Client;

  beforeAll(async () => {
    stack = await startStack('mcp-e2e', { LOG_LEVEL: 'warn' });
    client = new Client({ name: 'mcp-e2e', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${stack.api}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${stack.key}` } },
      }),
    );
  }, 90_000);
  afterAll(async () => {
    await client?.close();
    await stack?.stop();
  });

  const rest = async (method: string, path: string, body?: object) => {
    const response = await fetch(`${stack.api}${path}`, {
      method,
      headers: { 'x-api-key': stack.key, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const ask = async (args: Record<string, unknown>) => {
    const result = await client.callTool({ name: 'ask_copilot', arguments: args });
    return { isError: result.isError === true, texts: (result.content as Text[]).map((c) => c.text) };
  };

  it("asks a copilot and waits for the local provider's answer", async () => {
    await rest('POST', '/v1/copilots', { name: 'concierge', model: 'local' });
    const { isError, texts } = await ask({ copilot: 'concierge', message: 'Where is the MCP door?' });
    expect(isError).toBe(false);
    expect(texts[0]).toContain('the built-in local provider is answering');
    expect(texts[0]).toContain('You wrote: "Where is the MCP door?"');
    const ids = JSON.parse(texts[1]!) as { jobId: string; conversationId: string; status: string };
    expect(ids.status).toBe('succeeded');
    const messages = await rest('GET', `/v1/conversations/${ids.conversationId}/messages`);
    expect((messages.body.data as { role: string; content: string }[]).map((m) => m.role)).toEqual([
      'user',
      'assistant',
    ]);
  });

  it('without wait, answers a job the client follows over REST', async () => {
    const copilot = await rest('POST', '/v1/copilots', { name: 'courier', model: 'local' });
    const { isError, texts } = await ask({ copilot: copilot.body.id, message: 'ping', wait: false });
    expect(isError).toBe(false);
    const started = JSON.parse(texts[0]!) as { jobId: string; links: { job: string; events: string } };
    expect(started.links).toEqual({ job: `/v1/jobs/${started.jobId}`, events: `/v1/jobs/${started.jobId}/events` });
    const stream = await readSse(`${stack.api}${started.links.events}`, { 'x-api-key': stack.key });
    expect(stream.events.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded' } });
    const job = await rest('GET', started.links.job);
    expect(job).toMatchObject({ status: 200, body: { id: started.jobId, status: 'succeeded' } });
  });

  it('searches what the worker indexed', async () => {
    const collection = await rest('POST', '/v1/collections', { name: 'manual' });
    const posted = await rest('POST', `/v1/collections/${collection.body.id}/documents`, {
      title: 'Parking',
      text: 'Visitors park in the north garage, level two.',
    });
    const { id: jobId } = posted.body.job as { id: string };
    const ingest = await readSse(`${stack.api}/v1/jobs/${jobId}/events`, { 'x-api-key': stack.key });
    expect(ingest.events.at(-1)).toMatchObject({ event: 'done' });
    const result = await client.callTool({
      name: 'search_knowledge',
      arguments: { query: 'where do visitors park', collectionIds: [collection.body.id], mode: 'keyword' },
    });
    expect(result.isError).not.toBe(true);
    const { passages } = JSON.parse((result.content as Text[])[0]!.text) as { passages: object[] };
    expect(passages[0]).toMatchObject({
      title: 'Parking',
      documentId: (posted.body.document as { id: string }).id,
      chunkId: expect.any(String),
      score: expect.any(Number),
      text: expect.stringContaining('north garage'),
    });
  });
});
