import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTenantWithKeys, startApi } from '../testing/api-test-app';

type Text = { type: 'text'; text: string };

// The api's MCP endpoint through the SDK's own client over a real port, with the
// api's credentials. No worker runs here: a message's job stays queued.
describe('the MCP endpoint', () => {
  let app: NestFastifyApplication;
  let base: string;
  let acme: Awaited<ReturnType<typeof createTenantWithKeys>>;
  let other: Awaited<ReturnType<typeof createTenantWithKeys>>;
  let copilotId: string;
  let collectionId: string;
  const clients: Client[] = [];

  const rest = async (key: string, method: string, path: string, body?: object) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'x-api-key': key, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  /** An SDK client speaking to /mcp with `key` as a bearer credential; `modern`: the 2026 revision. */
  async function connect(key: string, modern = false): Promise<Client> {
    const client = new Client(
      { name: 'mcp-int-spec', version: '1.0.0' },
      modern ? { versionNegotiation: { mode: 'auto' } } : {},
    );
    const transport = new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${key}` } },
    });
    await client.connect(transport);
    clients.push(client);
    return client;
  }

  const call = async (client: Client, name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name, arguments: args });
    return { isError: result.isError === true, texts: (result.content as Text[]).map((c) => c.text) };
  };

  beforeAll(async () => {
    [acme, other] = await Promise.all([
      createTenantWithKeys('mcp-acme', {
        admin: { scopes: ['admin'] },
        reader: { scopes: ['chat:read'] },
        librarian: { scopes: ['documents:read'] },
        writer: { scopes: ['chat:write'] },
      }),
      createTenantWithKeys('mcp-other', { admin: { scopes: ['admin'] } }),
    ]);
    ({ app } = await startApi());
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    const admin = acme.keys.admin!;
    copilotId = String((await rest(admin, 'POST', '/v1/copilots', { name: 'support', model: 'local' })).body.id);
    await rest(admin, 'POST', '/v1/copilots', { name: 'twin' });
    await rest(admin, 'POST', '/v1/copilots', { name: 'twin' });
    collectionId = String((await rest(admin, 'POST', '/v1/collections', { name: 'handbook' })).body.id);
    // Stored, but not indexed: ingestion runs in the worker, which this test does not start.
    await rest(admin, 'POST', `/v1/collections/${collectionId}/documents`, {
      title: 'Refunds',
      text: 'Refunds take five days.',
    });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await app.close();
  });

  it('lists its three tools, to a 2025 client and to a 2026 one', async () => {
    for (const modern of [false, true]) {
      const client = await connect(acme.keys.admin!, modern);
      expect(client.getNegotiatedProtocolVersion()).toEqual(modern ? '2026-07-28' : expect.stringMatching(/^2025-/));
      expect(client.getServerVersion()).toMatchObject({ name: 'copilot-platform' });
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(['ask_copilot', 'list_copilots', 'search_knowledge']);
      const ask = tools.find((t) => t.name === 'ask_copilot')!;
      expect(ask.inputSchema).toMatchObject({ properties: { copilot: {}, message: {}, wait: {}, timeoutSeconds: {} } });
    }
  });

  it("list_copilots lists the tenant's copilots", async () => {
    const { isError, texts } = await call(await connect(acme.keys.reader!), 'list_copilots', {});
    expect(isError).toBe(false);
    const { copilots } = JSON.parse(texts[0]!) as { copilots: { id: string; name: string }[] };
    expect(copilots).toContainEqual({ id: copilotId, name: 'support', model: 'local', tools: [] });
    expect(copilots).toHaveLength(3);
  });

  it('search_knowledge answers a well-formed list (empty: nothing is indexed without a worker)', async () => {
    const client = await connect(acme.keys.librarian!, true);
    const result = await call(client, 'search_knowledge', { query: 'refunds', collectionIds: [collectionId] });
    expect(result).toEqual({ isError: false, texts: [expect.any(String)] });
    expect(JSON.parse(result.texts[0]!)).toEqual({ passages: [] });
    // Out-of-range input is the client's mistake, reported as such rather than searched.
    const tooMany = await client.callTool({ name: 'search_knowledge', arguments: { query: 'x', topK: 21 } }).then(
      (r) => r.isError === true,
      () => true,
    );
    expect(tooMany).toBe(true);
  });

  it('refuses a request without a credential with HTTP 401', async () => {
    const response = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(response.status).toBe(401);
    const client = new Client({ name: 'anonymous', version: '1.0.0' });
    await expect(client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)))).rejects.toThrow();
  });

  it('refuses a credential with neither chat:read nor documents:read with HTTP 403', async () => {
    const response = await fetch(`${base}/mcp`, { method: 'POST', headers: { 'x-api-key': acme.keys.writer! } });
    expect(response.status).toBe(403);
  });

  it('answers GET and DELETE 405, as a stateless server does', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(`${base}/mcp`, {
        method,
        headers: { 'x-api-key': acme.keys.reader!, accept: 'text/event-stream' },
      });
      expect({ method, status: response.status }).toEqual({ method, status: 405 });
    }
  });

  it('gives a tool error naming the scope a tool needs and the credential lacks', async () => {
    const reader = await connect(acme.keys.reader!);
    const ask = await call(reader, 'ask_copilot', { copilot: copilotId, message: 'hi' });
    expect(ask.isError).toBe(true);
    expect(ask.texts[0]).toContain('chat:write');
    const librarian = await connect(acme.keys.librarian!);
    const list = await call(librarian, 'list_copilots', {});
    expect(list.isError).toBe(true);
    expect(list.texts[0]).toContain('chat:read');
  });

  it("does not find another tenant's copilot, nor an unknown or ambiguous name", async () => {
    const client = await connect(other.keys.admin!);
    const foreign = await call(client, 'ask_copilot', { copilot: copilotId, message: 'hi' });
    expect(foreign.isError).toBe(true);
    expect(foreign.texts[0]).toContain('not-found');
    const own = await connect(acme.keys.admin!);
    const unknown = await call(own, 'ask_copilot', { copilot: 'nobody', message: 'hi' });
    expect(unknown).toEqual({ isError: true, texts: [expect.stringContaining('No copilot is named "nobody"')] });
    const twin = await call(own, 'ask_copilot', { copilot: 'twin', message: 'hi' });
    expect(twin).toEqual({ isError: true, texts: [expect.stringContaining('More than one copilot')] });
  });

  it('ask_copilot without wait (or past its timeout) answers the job to follow over REST', async () => {
    const client = await connect(acme.keys.admin!, true);
    for (const args of [{ wait: false }, { timeoutSeconds: 1 }]) {
      const result = await call(client, 'ask_copilot', { copilot: 'support', message: 'hi', ...args });
      expect(result.isError).toBe(false);
      const started = JSON.parse(result.texts[0]!) as { jobId: string; conversationId: string };
      expect(started).toEqual({
        jobId: expect.any(String),
        conversationId: expect.any(String),
        status: 'queued',
        links: { job: `/v1/jobs/${started.jobId}`, events: `/v1/jobs/${started.jobId}/events` },
      });
      const job = await rest(acme.keys.admin!, 'GET', `/v1/jobs/${started.jobId}`);
      expect(job).toMatchObject({ status: 200, body: { id: started.jobId, type: 'chat.generate' } });
      const conversation = await rest(acme.keys.admin!, 'GET', `/v1/conversations/${started.conversationId}`);
      expect(conversation.body).toMatchObject({ copilotId, metadata: { via: 'mcp' } });
    }
  });

  it('reports progress while it waits, so a client resetting its timeout on progress waits longer', async () => {
    const client = await connect(acme.keys.admin!);
    const progress: number[] = [];
    const result = await client.callTool(
      { name: 'ask_copilot', arguments: { copilot: copilotId, message: 'hi', timeoutSeconds: 3 } },
      { timeout: 2_000, resetTimeoutOnProgress: true, onprogress: (p) => progress.push(p.progress) },
    );
    expect(result.isError).not.toBe(true);
    expect(JSON.parse((result.content as Text[])[0]!.text)).toMatchObject({ status: 'queued' });
    expect(progress.length).toBeGreaterThanOrEqual(2);
  });
});
