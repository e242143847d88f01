import { adminDatabaseConfig, loadSettings } from '@copilot/config';
import { createPrismaClient } from '@copilot/persistence';
import { freeLoopbackPort, McpTestServer, startEverythingServer } from '@copilot/tools/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions } from 'fastify';
import { createTenantWithKeys, startApi } from '../testing/api-test-app';

// /v1/mcp-servers as an admin registers a tenant's MCP servers: their tools listed at
// once (from the reference server and a small one of ours that checks a bearer token),
// the token never shown, what is refused, and who may do what.
describe('/v1/mcp-servers', () => {
  let app: NestFastifyApplication;
  let everything: { url: string; stop: () => void };
  let ours: McpTestServer;
  let a: Awaited<ReturnType<typeof createTenantWithKeys>>;
  let b: Awaited<ReturnType<typeof createTenantWithKeys>>;
  const admin = createPrismaClient(loadSettings('cli', [adminDatabaseConfig] as const).adminDatabase);
  const as = (key: string, options: InjectOptions) =>
    app.inject({ ...options, headers: { ...options.headers, 'x-api-key': key } } as InjectOptions);
  const register = (key: string, payload: Record<string, unknown>) =>
    as(key, { method: 'POST', url: '/v1/mcp-servers', payload });

  beforeAll(async () => {
    [everything, ours] = await Promise.all([
      startEverythingServer(),
      McpTestServer.start({ token: 'mcp-secret-token' }),
    ]);
    a = await createTenantWithKeys('mcp-a', { admin: { scopes: ['admin'] }, chat: { scopes: ['chat:read'] } });
    b = await createTenantWithKeys('mcp-b', { admin: { scopes: ['admin'] } });
    // Loopback is no public address: the test servers are admitted as an operator would admit them.
    ({ app } = await startApi((s) => ({ ...s, egress: { allowedHosts: ['127.0.0.1'] } })));
  }, 40_000);
  afterAll(async () => {
    await app.close();
    everything.stop();
    await ours.close();
    await admin.$disconnect();
  });

  it('registers a server with its tools listed at once, and lists, reads, refreshes and deletes it', async () => {
    const created = await register(a.keys.admin!, { name: 'everything', url: everything.url });
    expect(created.statusCode).toBe(201);
    const server = created.json();
    expect(server).toMatchObject({ name: 'everything', hasCredentials: false, allowedTools: [], timeoutMs: 30000 });
    expect(server.toolsRefreshedAt).toEqual(expect.any(String));
    const echo = server.tools.find((t: { name: string }) => t.name === 'echo');
    expect(echo).toMatchObject({
      exposedAs: 'everything__echo',
      inputSchema: { type: 'object', properties: { message: { type: 'string' } } },
      annotations: { idempotentHint: true },
    });
    // Stored without the draft's $schema (the argument checker and the vendors need none).
    expect(echo.inputSchema).not.toHaveProperty('$schema');
    expect(server.tools.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['get-sum']));

    const listed = await as(a.keys.chat!, { method: 'GET', url: '/v1/mcp-servers' });
    expect(listed.json().data.map((s: { id: string }) => s.id)).toEqual([server.id]);
    expect((await as(a.keys.chat!, { method: 'GET', url: `/v1/mcp-servers/${server.id}` })).json()).toEqual(server);

    const refreshed = await as(a.keys.admin!, { method: 'POST', url: `/v1/mcp-servers/${server.id}/refresh` });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json().tools).toEqual(server.tools);
    expect(Date.parse(refreshed.json().toolsRefreshedAt)).toBeGreaterThanOrEqual(Date.parse(server.toolsRefreshedAt));

    expect((await as(a.keys.admin!, { method: 'DELETE', url: `/v1/mcp-servers/${server.id}` })).statusCode).toBe(204);
    expect((await as(a.keys.admin!, { method: 'GET', url: `/v1/mcp-servers/${server.id}` })).statusCode).toBe(404);
    const actions = await admin.auditEvent.findMany({
      where: { tenantId: a.tenantId, targetId: server.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(actions.map((e) => e.action)).toEqual(['mcp_server.created', 'mcp_server.refreshed', 'mcp_server.deleted']);
  });

  it('offers only the allowed tools, and follows a change of the allow-list', async () => {
    const created = await register(a.keys.admin!, {
      name: 'allow',
      url: everything.url,
      allowedTools: ['echo', 'get-sum', 'not-on-the-server'],
    });
    expect(created.statusCode).toBe(201);
    const exposed = (body: { tools: { exposedAs: string | null }[] }) =>
      body.tools.flatMap((t) => (t.exposedAs ? [t.exposedAs] : [])).sort();
    expect(exposed(created.json())).toEqual(['allow__echo', 'allow__get-sum']);
    // Every tool is still shown, the others as not offered.
    expect(created.json().tools.length).toBeGreaterThan(2);

    // A copilot may list an allowed tool, not another one.
    const copilot = (tools: { name: string }[]) =>
      as(a.keys.admin!, { method: 'POST', url: '/v1/copilots', payload: { name: 'mcp', tools } });
    expect((await copilot([{ name: 'allow__echo' }])).statusCode).toBe(201);
    const refused = await copilot([{ name: 'allow__get-env' }]);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'body.tools.0.name' })]);

    const changed = await as(a.keys.admin!, {
      method: 'PATCH',
      url: `/v1/mcp-servers/${created.json().id}`,
      payload: { allowedTools: ['get-env'] },
    });
    expect(changed.statusCode).toBe(200);
    expect(exposed(changed.json())).toEqual(['allow__get-env']);
    expect((await copilot([{ name: 'allow__get-env' }])).statusCode).toBe(201);
  });

  it('seals the bearer token, sends it to the server, never shows it, and removes it on null', async () => {
    const without = await register(a.keys.admin!, { name: 'needs-token', url: ours.url });
    expect(without.statusCode).toBe(422);
    expect(without.json()).toMatchObject({ type: expect.stringContaining('mcp-server-unreachable') });
    expect(without.json().detail).toContain('HTTP 401');

    const created = await register(a.keys.admin!, { name: 'ours', url: ours.url, bearerToken: 'mcp-secret-token' });
    expect(created.statusCode).toBe(201);
    const server = created.json();
    expect(server).toMatchObject({ hasCredentials: true });
    expect(server.tools.map((t: { exposedAs: string }) => t.exposedAs)).toEqual([
      'ours__echo',
      'ours__fail',
      'ours__picture',
      'ours__slow',
    ]);
    expect(created.body).not.toContain('mcp-secret-token');
    expect(ours.requests.at(-1)!.authorization).toBe('Bearer mcp-secret-token');
    const stored = await admin.tenantSecret.findFirstOrThrow({
      where: { tenantId: a.tenantId, name: `mcp:${server.id}` },
    });
    expect(stored.ciphertext).not.toContain('mcp-secret-token');

    // The server gained a tool: a refresh lists it.
    ours.addTool('later');
    const refreshed = await as(a.keys.admin!, { method: 'POST', url: `/v1/mcp-servers/${server.id}/refresh` });
    expect(refreshed.json().tools.map((t: { name: string }) => t.name)).toContain('later');

    // Without its token the server refuses: the change is not taken.
    const removed = await as(a.keys.admin!, {
      method: 'PATCH',
      url: `/v1/mcp-servers/${server.id}`,
      payload: { bearerToken: null },
    });
    expect(removed.statusCode).toBe(422);
    expect((await as(a.keys.admin!, { method: 'GET', url: `/v1/mcp-servers/${server.id}` })).json()).toMatchObject({
      hasCredentials: true,
    });
    // Pointed at a server that needs none, it is.
    const moved = await as(a.keys.admin!, {
      method: 'PATCH',
      url: `/v1/mcp-servers/${server.id}`,
      payload: { bearerToken: null, url: everything.url },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ hasCredentials: false, url: everything.url });
    expect(await admin.tenantSecret.count({ where: { tenantId: a.tenantId, name: `mcp:${server.id}` } })).toBe(0);
    const audit = await admin.auditEvent.findMany({ where: { tenantId: a.tenantId, targetId: server.id } });
    expect(JSON.stringify(audit)).not.toContain('mcp-secret-token');
  });

  it('answers 422 for a server that cannot be reached, and stores nothing', async () => {
    const port = await freeLoopbackPort();
    const response = await register(a.keys.admin!, {
      name: 'gone',
      url: `http://127.0.0.1:${port}/mcp`,
      timeoutMs: 2000,
    });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ type: expect.stringContaining('mcp-server-unreachable') });
    expect(response.json().detail).toContain('could not be reached');
    expect(await admin.mcpServer.count({ where: { tenantId: a.tenantId, name: 'gone' } })).toBe(0);
  });

  it.each([
    ['a bad name', { name: 'no spaces!' }, 'body.name', 'letters, digits'],
    ['a name over 40 characters', { name: 'x'.repeat(41) }, 'body.name', ''],
    ['a URL that is not http(s)', { url: 'ftp://mcp.example.com/mcp' }, 'body.url', 'http and https'],
    ['a URL with credentials', { url: 'https://user:pw@mcp.example.com/mcp' }, 'body.url', 'credentials'],
    ['a private address', { url: 'http://10.1.2.3/mcp' }, 'body.url', 'private'],
    ['a timeout below 100 ms', { timeoutMs: 5 }, 'body.timeoutMs', ''],
    ['an unknown field (no stdio servers)', { command: 'npx evil' }, 'body.command', 'not a known field'],
  ])('refuses %s with a 400 naming the field, and stores nothing', async (_what, change, field, says) => {
    const response = await register(a.keys.admin!, { name: 'bad', url: everything.url, ...change });
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(problem.errors.map((e: { message: string }) => e.message).join(' ')).toContain(says);
    expect(await admin.mcpServer.count({ where: { tenantId: a.tenantId, name: 'bad' } })).toBe(0);
  });

  it('refuses a name the tenant has (409), a delete or rename while a copilot uses its tools (409), and other tenants', async () => {
    const first = await register(a.keys.admin!, { name: 'dup', url: ours.url, bearerToken: 'mcp-secret-token' });
    expect(first.statusCode).toBe(201);
    const again = await register(a.keys.admin!, { name: 'dup', url: everything.url });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: expect.stringContaining('mcp-server-name-taken') });
    const other = await register(b.keys.admin!, { name: 'dup', url: everything.url });
    expect(other.statusCode).toBe(201);

    const id = first.json().id;
    const copilot = await as(a.keys.admin!, {
      method: 'POST',
      url: '/v1/copilots',
      payload: { name: 'uses-dup', tools: [{ name: 'dup__echo' }] },
    });
    expect(copilot.statusCode).toBe(201);
    const busy = await as(a.keys.admin!, { method: 'DELETE', url: `/v1/mcp-servers/${id}` });
    expect(busy.statusCode).toBe(409);
    expect(busy.json()).toMatchObject({ type: expect.stringContaining('mcp-server-in-use'), copilots: 'uses-dup' });
    const renamed = await as(a.keys.admin!, {
      method: 'PATCH',
      url: `/v1/mcp-servers/${id}`,
      payload: { name: 'dup2' },
    });
    expect(renamed.statusCode).toBe(409);
    // Taken off the copilot, the server may go.
    await as(a.keys.admin!, { method: 'PATCH', url: `/v1/copilots/${copilot.json().id}`, payload: { tools: [] } });
    expect((await as(a.keys.admin!, { method: 'DELETE', url: `/v1/mcp-servers/${id}` })).statusCode).toBe(204);

    // Another tenant's server does not exist here, and its tools do not resolve.
    const theirs = other.json().id;
    for (const request of [
      { method: 'GET', url: `/v1/mcp-servers/${theirs}` },
      { method: 'PATCH', url: `/v1/mcp-servers/${theirs}`, payload: { timeoutMs: 1000 } },
      { method: 'POST', url: `/v1/mcp-servers/${theirs}/refresh` },
      { method: 'DELETE', url: `/v1/mcp-servers/${theirs}` },
    ] as InjectOptions[]) {
      expect((await as(a.keys.admin!, request)).statusCode).toBe(404);
    }
    const borrowed = await as(a.keys.admin!, {
      method: 'POST',
      url: '/v1/copilots',
      payload: { name: 'borrows', tools: [{ name: 'dup__echo' }] },
    });
    expect(borrowed.statusCode).toBe(400);
  });

  it('lets only admin keys change MCP servers', async () => {
    const response = await register(a.keys.chat!, { name: 'nope', url: everything.url });
    expect(response.statusCode).toBe(403);
    expect((await as(a.keys.chat!, { method: 'GET', url: '/v1/mcp-servers' })).statusCode).toBe(200);
  });
});
