import { adminDatabaseConfig, loadSettings } from '@copilot/config';
import { createPrismaClient, TenantRepository } from '@copilot/persistence';
import { TokenBudget } from '@copilot/usage';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTenantWithKeys, startApi } from '../testing/api-test-app';

// Copilots and the controls around a chat message that the api enforces before
// anything is queued: context size, token budgets, idempotency, cancellation.
// No worker runs here, so every job stays queued unless cancelled.
describe('copilots and chat controls', () => {
  let app: NestFastifyApplication;
  let admin: string;
  let tenantId: string;

  beforeAll(async () => {
    const created = await createTenantWithKeys('controls', { admin: { scopes: ['admin'] } });
    admin = created.keys.admin!;
    tenantId = created.tenantId;
    ({ app } = await startApi());
  });
  afterAll(() => app.close());

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) => app.inject({ method, url, payload, headers: { 'x-api-key': admin, ...headers } });
  const newConversation = async (copilotId?: string) =>
    (await call('POST', '/v1/conversations', copilotId ? { copilotId } : {})).json().id as string;

  it('creates, reads, updates, lists and deletes copilots, validating models', async () => {
    const created = await call('POST', '/v1/copilots', {
      name: 'support',
      instructions: 'Be kind.',
      model: 'anthropic/claude-x',
      fallbackModels: ['openai/gpt-4o-mini'],
      maxTokens: 200,
    });
    expect(created.statusCode).toBe(201);
    const copilot = created.json();
    expect(copilot).toMatchObject({ name: 'support', model: 'anthropic/claude-x', temperature: null, maxTokens: 200 });
    const updated = await call('PATCH', `/v1/copilots/${copilot.id}`, { temperature: 0.5 });
    expect(updated.json()).toMatchObject({ temperature: 0.5, name: 'support' });
    expect((await call('GET', '/v1/copilots')).json().data.map((c: { id: string }) => c.id)).toContain(copilot.id);
    const bad = await call('POST', '/v1/copilots', { name: 'x', model: 'gpt-4o', temperature: 3 });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.model', 'body.temperature']);

    const conversation = await call('POST', '/v1/conversations', { copilotId: copilot.id });
    expect(conversation.json().copilotId).toBe(copilot.id);
    expect((await call('DELETE', `/v1/copilots/${copilot.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/v1/copilots/${copilot.id}`)).statusCode).toBe(404);
    expect((await call('GET', `/v1/conversations/${conversation.json().id}`)).json().copilotId).toBeNull();
    const unknown = await call('POST', '/v1/conversations', { copilotId: copilot.id });
    expect(unknown.json().errors).toEqual([{ field: 'body.copilotId', message: 'no such copilot' }]);
  });

  it('rejects a message too long for the model with 422 before anything is stored', async () => {
    const conversationId = await newConversation();
    const response = await call('POST', `/v1/conversations/${conversationId}/messages`, {
      content: 'zq! '.repeat(7_000),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ type: '/problems/context-too-long', available: expect.any(Number) });
    expect((await call('GET', `/v1/conversations/${conversationId}/messages`)).json().data).toEqual([]);
  });

  it('answers 429 with the reset time once the tenant token budget is used, also under parallel requests', async () => {
    const { keys, tenantId: limited } = await createTenantWithKeys('budget', {
      k: { scopes: ['chat:write', 'chat:read'] },
    });
    const { adminDatabase } = loadSettings('cli', [adminDatabaseConfig] as const);
    const owner = createPrismaClient(adminDatabase);
    // Each message reserves its prompt plus the default 1024-token reply allowance.
    await new TenantRepository().setBudgets(owner, limited, { daily: 5_000n });
    await owner.$disconnect();
    const as = (method: 'POST', url: string, payload?: object) =>
      app.inject({ method, url, payload, headers: { 'x-api-key': keys.k! } });
    const conversationId = (await as('POST', '/v1/conversations', {})).json().id;
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => as('POST', `/v1/conversations/${conversationId}/messages`, { content: 'hi' })),
    );
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 202)).toHaveLength(4);
    const refused = responses.find((r) => r.statusCode === 429)!;
    expect(refused.json()).toMatchObject({ type: '/problems/token-budget-exceeded', window: 'day', limit: 5000 });
    expect(Date.parse(refused.json().resetAt)).toBeGreaterThan(Date.now());
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const stored = await app.inject({
      method: 'GET',
      url: `/v1/conversations/${conversationId}/messages`,
      headers: { 'x-api-key': keys.k! },
    });
    expect(stored.json().data).toHaveLength(4);
  });

  it('cancels a queued job at once, refunds its budget, repeats harmlessly, and refuses a job that already ended', async () => {
    const { adminDatabase: ownerDb } = loadSettings('cli', [adminDatabaseConfig] as const);
    const budgetOwner = createPrismaClient(ownerDb);
    await new TenantRepository().setBudgets(budgetOwner, tenantId, { daily: 1_000_000n });
    await budgetOwner.$disconnect();
    const budget = app.get(TokenBudget);
    const before = (await budget.used(tenantId)).day;
    const conversationId = await newConversation();
    const { job } = (await call('POST', `/v1/conversations/${conversationId}/messages`, { content: 'hi' })).json();
    expect((await budget.used(tenantId)).day).toBeGreaterThan(before);
    const cancelled = await call('POST', `/v1/jobs/${job.id}/cancel`);
    expect((await budget.used(tenantId)).day).toBe(before);
    expect(cancelled.statusCode).toBe(202);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await call('POST', `/v1/jobs/${job.id}/cancel`)).statusCode).toBe(202);
    const events = await call('GET', `/v1/jobs/${job.id}/events`);
    expect(events.body).toContain('event: done');
    expect(events.body).toContain('"status":"cancelled"');

    const other = (await call('POST', `/v1/conversations/${conversationId}/messages`, { content: 'again' })).json().job;
    const { adminDatabase } = loadSettings('cli', [adminDatabaseConfig] as const);
    const owner = createPrismaClient(adminDatabase);
    await owner.$executeRaw`UPDATE jobs SET status = 'succeeded', finished_at = now() WHERE id = ${other.id}::uuid`;
    await owner.$disconnect();
    const tooLate = await call('POST', `/v1/jobs/${other.id}/cancel`);
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json()).toMatchObject({ type: '/problems/job-already-ended' });
  });

  it('replays an Idempotency-Key within 24 hours and starts afresh after', async () => {
    const conversationId = await newConversation();
    const send = () =>
      call(
        'POST',
        `/v1/conversations/${conversationId}/messages`,
        { content: 'once' },
        { 'idempotency-key': `k-${conversationId}` },
      );
    const first = (await send()).json();
    const again = await send();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().job.id).toBe(first.job.id);
    const { adminDatabase } = loadSettings('cli', [adminDatabaseConfig] as const);
    const owner = createPrismaClient(adminDatabase);
    await owner.$executeRaw`UPDATE jobs SET created_at = now() - interval '25 hours' WHERE id = ${first.job.id}::uuid`;
    await owner.$disconnect();
    const later = await send();
    expect(later.statusCode).toBe(202);
    expect(later.json().job.id).not.toBe(first.job.id);
    expect((await call('GET', `/v1/conversations/${conversationId}/messages`)).json().data).toHaveLength(2);
  });

  it('stores provider keys write-only', async () => {
    expect(
      (await call('PUT' as 'POST', '/v1/provider-keys/anthropic', { apiKey: 'sk-ant-secret-123' })).statusCode,
    ).toBe(204);
    const listed = await call('GET', '/v1/provider-keys');
    expect(listed.json().data).toEqual([{ provider: 'anthropic', updatedAt: expect.any(String), models: null }]);
    expect(listed.body).not.toContain('sk-ant-secret-123');
    expect((await call('PUT' as 'POST', '/v1/provider-keys/mistral', { apiKey: 'x' })).statusCode).toBe(400);
    expect((await call('DELETE', '/v1/provider-keys/anthropic')).statusCode).toBe(204);
    expect((await call('DELETE', '/v1/provider-keys/anthropic')).statusCode).toBe(404);
  });

  it('reports usage by day and by model, validating the range', async () => {
    const byDay = await call('GET', '/v1/usage?groupBy=day');
    expect(byDay.statusCode).toBe(200);
    expect(byDay.json()).toMatchObject({ groupBy: 'day', data: expect.any(Array) });
    const bad = await call('GET', '/v1/usage?from=2026-02-01&to=2026-01-01&groupBy=week');
    expect(bad.statusCode).toBe(400);
  });
});
