import { McpTestServer } from '@copilot/tools/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions } from 'fastify';
import type { ApiSettings } from './api.settings';
import { createTenantWithKeys, startApi } from './testing/api-test-app';

/** The ids tenant A owns, made through the api itself. */
interface Owned {
  conversationId: string;
  jobId: string;
  apiKeyId: string;
  copilotId: string;
  collectionId: string;
  documentId: string;
  webhookId: string;
  toolId: string;
  mcpServerId: string;
}

/**
 * For every route with an id in its path: what tenant B tries against tenant A's
 * id, and how to confirm afterwards that A's data did not change. A route added
 * without a case here fails the first test.
 */
const CASES: Record<
  string,
  { attempt: (o: Owned) => InjectOptions; unchanged: (o: Owned) => InjectOptions; status?: number }
> = {
  'GET /v1/conversations/:id': {
    attempt: (o) => ({ method: 'GET', url: `/v1/conversations/${o.conversationId}` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/conversations/${o.conversationId}` }),
  },
  'DELETE /v1/conversations/:id': {
    attempt: (o) => ({ method: 'DELETE', url: `/v1/conversations/${o.conversationId}` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/conversations/${o.conversationId}/messages` }),
  },
  'GET /v1/conversations/:id/messages': {
    attempt: (o) => ({ method: 'GET', url: `/v1/conversations/${o.conversationId}/messages` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/conversations/${o.conversationId}/messages` }),
  },
  'POST /v1/conversations/:id/messages': {
    attempt: (o) => ({
      method: 'POST',
      url: `/v1/conversations/${o.conversationId}/messages`,
      payload: { content: 'x' },
    }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/conversations/${o.conversationId}/messages` }),
  },
  'GET /v1/jobs/:id': {
    attempt: (o) => ({ method: 'GET', url: `/v1/jobs/${o.jobId}` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/jobs/${o.jobId}` }),
  },
  'GET /v1/jobs/:id/events': {
    attempt: (o) => ({ method: 'GET', url: `/v1/jobs/${o.jobId}/events` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/jobs/${o.jobId}` }),
  },
  // Cross-tenant by design, for platform admins only: a tenant's admin key is refused outright.
  'GET /v1/admin/jobs/:id': {
    attempt: (o) => ({ method: 'GET', url: `/v1/admin/jobs/${o.jobId}` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/jobs/${o.jobId}` }),
    status: 403,
  },
  'POST /v1/admin/jobs/:id/retry': {
    attempt: (o) => ({ method: 'POST', url: `/v1/admin/jobs/${o.jobId}/retry` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/jobs/${o.jobId}` }),
    status: 403,
  },
  'DELETE /v1/api-keys/:id': {
    attempt: (o) => ({ method: 'DELETE', url: `/v1/api-keys/${o.apiKeyId}` }),
    unchanged: () => ({ method: 'GET', url: '/v1/api-keys' }),
  },
  'GET /v1/copilots/:id': {
    attempt: (o) => ({ method: 'GET', url: `/v1/copilots/${o.copilotId}` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/copilots/${o.copilotId}` }),
  },
  'PATCH /v1/copilots/:id': {
    attempt: (o) => ({ method: 'PATCH', url: `/v1/copilots/${o.copilotId}`, payload: { name: 'taken over' } }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/copilots/${o.copilotId}` }),
  },
  'DELETE /v1/copilots/:id': {
    attempt: (o) => ({ method: 'DELETE', url: `/v1/copilots/${o.copilotId}` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/copilots/${o.copilotId}` }),
  },
  'POST /v1/jobs/:id/cancel': {
    attempt: (o) => ({ method: 'POST', url: `/v1/jobs/${o.jobId}/cancel` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/jobs/${o.jobId}` }),
  },
  // Provider keys are addressed by provider name, not id. B has none yet, so deleting "openai" is 404;
  // setting it then sets only B's own key.
  'DELETE /v1/provider-keys/:provider': {
    attempt: () => ({ method: 'DELETE', url: '/v1/provider-keys/openai' }),
    unchanged: () => ({ method: 'GET', url: '/v1/provider-keys' }),
  },
  'PUT /v1/provider-keys/:provider': {
    attempt: () => ({ method: 'PUT', url: '/v1/provider-keys/openai', payload: { apiKey: 'sk-b-key' } }),
    unchanged: () => ({ method: 'GET', url: '/v1/provider-keys' }),
    status: 204,
  },
  'GET /v1/collections/:id': {
    attempt: (o) => ({ method: 'GET', url: `/v1/collections/${o.collectionId}` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/collections/${o.collectionId}` }),
  },
  'PATCH /v1/collections/:id': {
    attempt: (o) => ({ method: 'PATCH', url: `/v1/collections/${o.collectionId}`, payload: { name: 'mine now' } }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/collections/${o.collectionId}` }),
  },
  'DELETE /v1/collections/:id': {
    attempt: (o) => ({ method: 'DELETE', url: `/v1/collections/${o.collectionId}` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/collections/${o.collectionId}` }),
  },
  'GET /v1/collections/:id/documents': {
    attempt: (o) => ({ method: 'GET', url: `/v1/collections/${o.collectionId}/documents` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/collections/${o.collectionId}/documents` }),
  },
  'POST /v1/collections/:id/documents': {
    attempt: (o) => ({
      method: 'POST',
      url: `/v1/collections/${o.collectionId}/documents`,
      payload: { title: 'x', text: 'y' },
    }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/collections/${o.collectionId}/documents` }),
  },
  'GET /v1/documents/:id': {
    attempt: (o) => ({ method: 'GET', url: `/v1/documents/${o.documentId}` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/documents/${o.documentId}` }),
  },
  'DELETE /v1/documents/:id': {
    attempt: (o) => ({ method: 'DELETE', url: `/v1/documents/${o.documentId}` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/documents/${o.documentId}` }),
  },
  'POST /v1/documents/:id/retry': {
    attempt: (o) => ({ method: 'POST', url: `/v1/documents/${o.documentId}/retry` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/documents/${o.documentId}` }),
  },
  'POST /v1/api-keys/:id/rotate': {
    attempt: (o) => ({ method: 'POST', url: `/v1/api-keys/${o.apiKeyId}/rotate`, payload: {} }),
    unchanged: () => ({ method: 'GET', url: '/v1/api-keys' }),
  },
  'GET /v1/webhooks/:id': {
    attempt: (o) => ({ method: 'GET', url: `/v1/webhooks/${o.webhookId}` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/webhooks/${o.webhookId}` }),
  },
  'PATCH /v1/webhooks/:id': {
    attempt: (o) => ({ method: 'PATCH', url: `/v1/webhooks/${o.webhookId}`, payload: { enabled: false } }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/webhooks/${o.webhookId}` }),
  },
  'DELETE /v1/webhooks/:id': {
    attempt: (o) => ({ method: 'DELETE', url: `/v1/webhooks/${o.webhookId}` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/webhooks/${o.webhookId}` }),
  },
  'POST /v1/webhooks/:id/rotate-secret': {
    attempt: (o) => ({ method: 'POST', url: `/v1/webhooks/${o.webhookId}/rotate-secret` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/webhooks/${o.webhookId}` }),
  },
  'GET /v1/webhooks/:id/deliveries': {
    attempt: (o) => ({ method: 'GET', url: `/v1/webhooks/${o.webhookId}/deliveries` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/webhooks/${o.webhookId}/deliveries` }),
  },
  'GET /v1/tools/:id': {
    attempt: (o) => ({ method: 'GET', url: `/v1/tools/${o.toolId}` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/tools/${o.toolId}` }),
  },
  'PATCH /v1/tools/:id': {
    attempt: (o) => ({ method: 'PATCH', url: `/v1/tools/${o.toolId}`, payload: { description: 'b was here' } }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/tools/${o.toolId}` }),
  },
  'DELETE /v1/tools/:id': {
    attempt: (o) => ({ method: 'DELETE', url: `/v1/tools/${o.toolId}` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/tools/${o.toolId}` }),
  },
  'GET /v1/mcp-servers/:id': {
    attempt: (o) => ({ method: 'GET', url: `/v1/mcp-servers/${o.mcpServerId}` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/mcp-servers/${o.mcpServerId}` }),
  },
  'PATCH /v1/mcp-servers/:id': {
    attempt: (o) => ({ method: 'PATCH', url: `/v1/mcp-servers/${o.mcpServerId}`, payload: { timeoutMs: 1000 } }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/mcp-servers/${o.mcpServerId}` }),
  },
  'DELETE /v1/mcp-servers/:id': {
    attempt: (o) => ({ method: 'DELETE', url: `/v1/mcp-servers/${o.mcpServerId}` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/mcp-servers/${o.mcpServerId}` }),
  },
  'POST /v1/mcp-servers/:id/refresh': {
    attempt: (o) => ({ method: 'POST', url: `/v1/mcp-servers/${o.mcpServerId}/refresh` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/mcp-servers/${o.mcpServerId}` }),
  },
  'GET /v1/jobs/:id/steps': {
    attempt: (o) => ({ method: 'GET', url: `/v1/jobs/${o.jobId}/steps` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/jobs/${o.jobId}/steps` }),
  },
  'POST /v1/jobs/:id/approvals': {
    attempt: (o) => ({
      method: 'POST',
      url: `/v1/jobs/${o.jobId}/approvals`,
      payload: { decisions: [{ toolCallId: 'call_x', approve: true }] },
    }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/jobs/${o.jobId}` }),
  },
  'POST /v1/jobs/:id/tool-outputs': {
    attempt: (o) => ({
      method: 'POST',
      url: `/v1/jobs/${o.jobId}/tool-outputs`,
      payload: { outputs: [{ toolCallId: 'call_x', output: 'x' }] },
    }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/jobs/${o.jobId}` }),
  },
  // A copilot's id as an OpenAI model name (the same lookup answers chat completions).
  'GET /openai/v1/models/:model': {
    attempt: (o) => ({ method: 'GET', url: `/openai/v1/models/${o.copilotId}` }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/copilots/${o.copilotId}` }),
  },
  'POST /v1/webhooks/:id/deliveries/:deliveryId/redeliver': {
    attempt: (o) => ({
      method: 'POST',
      url: `/v1/webhooks/${o.webhookId}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`,
    }),
    unchanged: (o) => ({ method: 'GET', url: `/v1/webhooks/${o.webhookId}/deliveries` }),
  },
};

// Loopback admitted (as an operator would) for the MCP server A registers; nothing else here calls out.
const withLoopback = (settings: ApiSettings): ApiSettings => ({ ...settings, egress: { allowedHosts: ['127.0.0.1'] } });

// A's own requests move its keys' last-used times; that is not a change B made.
const withoutUsageTimes = (body: unknown): unknown =>
  JSON.parse(JSON.stringify(body), (key, value) => (key === 'lastUsedAt' ? undefined : value));

describe('tenant isolation over HTTP', () => {
  const routes: string[] = [];
  let app: NestFastifyApplication;
  let a: Awaited<ReturnType<typeof createTenantWithKeys>>;
  let b: Awaited<ReturnType<typeof createTenantWithKeys>>;
  let owned: Owned;
  // An MCP server must answer to be registered: A's points at this one.
  let mcp: McpTestServer;

  const as = (key: string, options: InjectOptions) =>
    app.inject({ ...options, headers: { ...options.headers, 'x-api-key': key } } as InjectOptions);

  beforeAll(async () => {
    a = await createTenantWithKeys('iso-a', { admin: { scopes: ['admin'] }, spare: { scopes: ['chat:read'] } });
    b = await createTenantWithKeys('iso-b', { admin: { scopes: ['admin'] } });
    mcp = await McpTestServer.start();
    ({ app } = await startApi(withLoopback, (nest) =>
      nest
        .getHttpAdapter()
        .getInstance()
        .addHook('onRoute', (route) => {
          for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`);
        }),
    ));
    const conversation = await as(a.keys.admin!, {
      method: 'POST',
      url: '/v1/conversations',
      payload: { title: 'a-secret' },
    });
    const posted = await as(a.keys.admin!, {
      method: 'POST',
      url: `/v1/conversations/${conversation.json().id}/messages`,
      payload: { content: 'only for a' },
    });
    const copilot = await as(a.keys.admin!, { method: 'POST', url: '/v1/copilots', payload: { name: 'a-secret' } });
    await as(a.keys.admin!, { method: 'PUT', url: '/v1/provider-keys/openai', payload: { apiKey: 'sk-a-secret-key' } });
    const collection = await as(a.keys.admin!, {
      method: 'POST',
      url: '/v1/collections',
      payload: { name: 'a-secret' },
    });
    const document = await as(a.keys.admin!, {
      method: 'POST',
      url: `/v1/collections/${collection.json().id}/documents`,
      payload: { title: 'a-secret', text: 'private notes' },
    });
    // A public literal address: registration needs no DNS, and nothing is ever sent in this test.
    const webhook = await as(a.keys.admin!, {
      method: 'POST',
      url: '/v1/webhooks',
      payload: { url: 'https://93.184.216.34/hook', events: ['job.failed'], description: 'a-secret' },
    });
    const tool = await as(a.keys.admin!, {
      method: 'POST',
      url: '/v1/tools',
      payload: { name: 'a_secret', kind: 'client', description: 'a-secret' },
    });
    const mcpServer = await as(a.keys.admin!, {
      method: 'POST',
      url: '/v1/mcp-servers',
      payload: { name: 'a-secret', url: mcp.url, bearerToken: 'a-secret-token' },
    });
    owned = {
      toolId: tool.json().id,
      mcpServerId: mcpServer.json().id,
      webhookId: webhook.json().id,
      collectionId: collection.json().id,
      documentId: document.json().document.id,
      conversationId: conversation.json().id,
      jobId: posted.json().job.id,
      apiKeyId: a.keyIds.spare!,
      copilotId: copilot.json().id,
    };
  }, 60_000); // two tenants, an api and a dozen requests: more than jest's 5 s default on a loaded machine
  afterAll(async () => {
    await app.close();
    await mcp.close();
  });

  it('has a case for every route with an id in its path', () => {
    // bull-board's own routes hold no tenant data and sit behind one platform-admin hook
    // for the whole prefix (queue-dashboard.int-spec.ts).
    const withIds = routes.filter((route) => route.includes('/:') && !route.includes(' /admin/queues/'));
    expect(withIds.length).toBeGreaterThanOrEqual(Object.keys(CASES).length);
    expect(withIds.filter((route) => !CASES[route])).toEqual([]);
  });

  it.each(Object.keys(CASES))("%s: tenant B gets 404 on tenant A's id and changes nothing", async (route) => {
    const testCase = CASES[route]!;
    const before = await as(a.keys.admin!, testCase.unchanged(owned));
    const attempt = await as(b.keys.admin!, testCase.attempt(owned));
    expect(attempt.statusCode).toBe(testCase.status ?? 404);
    // The OpenAI-compatible routes answer in OpenAI's error format, as its SDKs expect.
    const errorType = route.includes(' /openai/') ? 'application/json' : 'application/problem+json';
    if (attempt.statusCode === 404) expect(attempt.headers['content-type']).toContain(errorType);
    expect(attempt.body).not.toContain('a-secret');
    const after = await as(a.keys.admin!, testCase.unchanged(owned));
    expect(after.statusCode).toBe(200);
    expect(withoutUsageTimes(after.json())).toEqual(withoutUsageTimes(before.json()));
  });
});
