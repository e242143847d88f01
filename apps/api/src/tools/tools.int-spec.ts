import { adminDatabaseConfig, loadSettings } from '@copilot/config';
import { createPrismaClient } from '@copilot/persistence';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions } from 'fastify';
import { createTenantWithKeys, startApi } from '../testing/api-test-app';

// /v1/tools as an admin defines a tenant's tools: what is stored and shown, what is
// refused (and that a refusal changes nothing), and who may do what.
describe('/v1/tools', () => {
  let app: NestFastifyApplication;
  let a: Awaited<ReturnType<typeof createTenantWithKeys>>;
  let b: Awaited<ReturnType<typeof createTenantWithKeys>>;
  const admin = createPrismaClient(loadSettings('cli', [adminDatabaseConfig] as const).adminDatabase);

  const as = (key: string, options: InjectOptions) =>
    app.inject({ ...options, headers: { ...options.headers, 'x-api-key': key } } as InjectOptions);
  const orderTool = {
    name: 'get_order',
    description: 'Looks an order up.',
    kind: 'http',
    parameters: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] },
    http: {
      method: 'GET',
      urlTemplate: 'https://shop.example.com/orders/{orderId}',
      headers: { Accept: 'application/json' },
    },
    credentials: { headers: { Authorization: 'Bearer very-secret-shop-token' } },
    idempotent: true,
  };

  beforeAll(async () => {
    a = await createTenantWithKeys('tools-a', {
      admin: { scopes: ['admin'] },
      chat: { scopes: ['chat:read', 'chat:write'] },
    });
    b = await createTenantWithKeys('tools-b', { admin: { scopes: ['admin'] } });
    ({ app } = await startApi());
  }, 30_000);
  afterAll(async () => {
    await app.close();
    await admin.$disconnect();
  });

  it('creates an http tool whose credentials are sealed and never shown, and lists, reads, changes and deletes it', async () => {
    const created = await as(a.keys.admin!, { method: 'POST', url: '/v1/tools', payload: orderTool });
    expect(created.statusCode).toBe(201);
    const tool = created.json();
    expect(tool).toMatchObject({
      name: 'get_order',
      kind: 'http',
      http: { method: 'GET', urlTemplate: orderTool.http.urlTemplate, headers: { Accept: 'application/json' } },
      hasCredentials: true,
      idempotent: true,
      timeoutMs: 30000,
    });
    expect(created.body).not.toContain('very-secret-shop-token');
    const stored = await admin.tenantSecret.findFirstOrThrow({
      where: { tenantId: a.tenantId, name: `tool:${tool.id}` },
    });
    expect(stored.ciphertext).not.toContain('very-secret-shop-token');

    const listed = await as(a.keys.chat!, { method: 'GET', url: '/v1/tools' });
    expect(listed.json().data.map((t: { id: string }) => t.id)).toEqual([tool.id]);
    expect((await as(a.keys.chat!, { method: 'GET', url: `/v1/tools/${tool.id}` })).json()).toEqual(tool);

    const changed = await as(a.keys.admin!, {
      method: 'PATCH',
      url: `/v1/tools/${tool.id}`,
      payload: { timeoutMs: 5000, credentials: null },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ timeoutMs: 5000, hasCredentials: false, name: 'get_order' });
    expect(await admin.tenantSecret.count({ where: { tenantId: a.tenantId, name: `tool:${tool.id}` } })).toBe(0);

    expect((await as(a.keys.admin!, { method: 'DELETE', url: `/v1/tools/${tool.id}` })).statusCode).toBe(204);
    expect((await as(a.keys.admin!, { method: 'GET', url: `/v1/tools/${tool.id}` })).statusCode).toBe(404);
    const actions = await admin.auditEvent.findMany({
      where: { tenantId: a.tenantId, targetId: tool.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(actions.map((e) => e.action)).toEqual(['tool.created', 'tool.updated', 'tool.deleted']);
    expect(JSON.stringify(actions)).not.toContain('very-secret-shop-token');
  });

  it.each([
    ['a builtin name', { name: 'current_time' }, 'body.name', 'builtin'],
    [
      'parameters that are not an object schema',
      { parameters: { type: 'string' } },
      'body.parameters',
      '"type": "object"',
    ],
    [
      'an invalid JSON Schema',
      { parameters: { type: 'object', properties: { a: { type: 'nope' } } } },
      'body.parameters',
      'not a valid JSON Schema',
    ],
    [
      'a placeholder that is no parameter',
      { http: { method: 'GET', urlTemplate: 'https://x.example/{nope}' } },
      'body.http.urlTemplate',
      '{nope}',
    ],
    [
      'a placeholder for the host',
      { http: { method: 'GET', urlTemplate: 'https://{orderId}/x' } },
      'body.http.urlTemplate',
      'host',
    ],
    [
      'a URL that is not http(s)',
      { http: { method: 'GET', urlTemplate: 'file:///etc/{orderId}' } },
      'body.http.urlTemplate',
      'http and https',
    ],
    ['an http tool without http', { http: null }, 'body.http', 'method and urlTemplate'],
    ['a client tool with http', { kind: 'client' }, 'body.http', 'only http tools'],
    ['a bad name', { name: 'get order!' }, 'body.name', 'letters, digits'],
  ])('refuses %s with a 400 naming the field, and stores nothing', async (_what, change, field, says) => {
    const response = await as(a.keys.admin!, {
      method: 'POST',
      url: '/v1/tools',
      payload: { ...orderTool, ...change },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(problem.errors.map((e: { message: string }) => e.message).join(' ')).toContain(says);
    expect(await admin.tool.count({ where: { tenantId: a.tenantId } })).toBe(0);
  });

  it('refuses a second tool with a name the tenant has (409), but another tenant may use it', async () => {
    const first = await as(a.keys.admin!, { method: 'POST', url: '/v1/tools', payload: { ...orderTool, name: 'dup' } });
    expect(first.statusCode).toBe(201);
    const again = await as(a.keys.admin!, { method: 'POST', url: '/v1/tools', payload: { ...orderTool, name: 'dup' } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: expect.stringContaining('tool-name-taken') });
    const other = await as(b.keys.admin!, { method: 'POST', url: '/v1/tools', payload: { ...orderTool, name: 'dup' } });
    expect(other.statusCode).toBe(201);
    // Another tenant's tool does not exist here.
    expect((await as(a.keys.admin!, { method: 'GET', url: `/v1/tools/${other.json().id}` })).statusCode).toBe(404);
    expect((await as(a.keys.admin!, { method: 'DELETE', url: `/v1/tools/${other.json().id}` })).statusCode).toBe(404);
    await as(a.keys.admin!, { method: 'DELETE', url: `/v1/tools/${first.json().id}` });
  });

  it('lets only admin keys change tools', async () => {
    const response = await as(a.keys.chat!, {
      method: 'POST',
      url: '/v1/tools',
      payload: { ...orderTool, name: 'nope' },
    });
    expect(response.statusCode).toBe(403);
    expect(await admin.tool.count({ where: { tenantId: a.tenantId, name: 'nope' } })).toBe(0);
  });

  it('refuses to delete or rename a tool a copilot lists (409), naming the copilot', async () => {
    const tool = (
      await as(a.keys.admin!, { method: 'POST', url: '/v1/tools', payload: { ...orderTool, name: 'in_use' } })
    ).json();
    await admin.copilot.create({
      data: {
        tenantId: a.tenantId,
        name: 'Support',
        fallbackModels: [],
        tools: [{ name: 'in_use', approval: 'never' }],
      },
    });
    const deleted = await as(a.keys.admin!, { method: 'DELETE', url: `/v1/tools/${tool.id}` });
    expect(deleted.statusCode).toBe(409);
    expect(deleted.json().detail).toContain('Support');
    const renamed = await as(a.keys.admin!, {
      method: 'PATCH',
      url: `/v1/tools/${tool.id}`,
      payload: { name: 'other' },
    });
    expect(renamed.statusCode).toBe(409);
    expect((await as(a.keys.admin!, { method: 'GET', url: `/v1/tools/${tool.id}` })).json().name).toBe('in_use');
  });

  it('imports one http tool per operation of an OpenAPI document, all or nothing', async () => {
    const document = {
      openapi: '3.0.3',
      info: { title: 'Shop', version: '1' },
      servers: [{ url: 'https://shop.example.com/api' }],
      paths: {
        '/orders/{orderId}': {
          get: {
            operationId: 'getOrder',
            summary: 'Get an order',
            parameters: [{ name: 'orderId', in: 'path', required: true, schema: { type: 'string' } }],
          },
        },
        '/orders': {
          post: {
            operationId: 'createOrder',
            requestBody: {
              content: {
                'application/json': {
                  schema: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] },
                },
              },
            },
          },
          delete: { summary: 'no operationId' },
        },
      },
    };
    const imported = await as(a.keys.admin!, {
      method: 'POST',
      url: '/v1/tools/import-openapi',
      payload: { document, namePrefix: 'shop_', credentials: { headers: { Authorization: 'Bearer shop' } } },
    });
    expect(imported.statusCode).toBe(201);
    const body = imported.json();
    expect(body.tools.map((t: { name: string }) => t.name)).toEqual(['shop_getOrder', 'shop_createOrder']);
    expect(body.tools[0]).toMatchObject({
      kind: 'http',
      hasCredentials: true,
      idempotent: true,
      http: { method: 'GET', urlTemplate: 'https://shop.example.com/api/orders/{orderId}' },
      parameters: { required: ['orderId'] },
    });
    expect(body.skipped).toEqual([{ operationId: null, path: '/orders', method: 'DELETE', skipped: 'no operationId' }]);

    // Again: the names are taken, and nothing more is created.
    const again = await as(a.keys.admin!, {
      method: 'POST',
      url: '/v1/tools/import-openapi',
      payload: { document: JSON.stringify(document), namePrefix: 'shop_' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('shop_getOrder');
    expect(await admin.tool.count({ where: { tenantId: a.tenantId, name: { startsWith: 'shop_' } } })).toBe(2);

    // A URL inside the platform's network is refused by the egress policy.
    const internal = await as(a.keys.admin!, {
      method: 'POST',
      url: '/v1/tools/import-openapi',
      payload: { url: 'http://127.0.0.1:9/openapi.json' },
    });
    expect(internal.statusCode).toBe(400);
    expect(internal.json().errors).toEqual([expect.objectContaining({ field: 'body.url' })]);
    const neither = await as(a.keys.admin!, { method: 'POST', url: '/v1/tools/import-openapi', payload: {} });
    expect(neither.statusCode).toBe(400);
  });
});
