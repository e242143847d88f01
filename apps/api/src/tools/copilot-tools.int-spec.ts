import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions } from 'fastify';
import { createTenantWithKeys, startApi } from '../testing/api-test-app';

// A copilot's tools as an admin sets them: names that resolve (the tenant's tools and
// the builtins), approval per tool, the tool choice and the run's caps.
describe('copilot tools', () => {
  let app: NestFastifyApplication;
  let a: Awaited<ReturnType<typeof createTenantWithKeys>>;
  let b: Awaited<ReturnType<typeof createTenantWithKeys>>;
  const as = (key: string, options: InjectOptions) =>
    app.inject({ ...options, headers: { ...options.headers, 'x-api-key': key } } as InjectOptions);

  beforeAll(async () => {
    a = await createTenantWithKeys('copilot-tools-a', { admin: { scopes: ['admin'] } });
    b = await createTenantWithKeys('copilot-tools-b', { admin: { scopes: ['admin'] } });
    ({ app } = await startApi());
    for (const key of [a.keys.admin!, b.keys.admin!]) {
      const tool = { kind: 'client', parameters: { type: 'object' } };
      await as(key, {
        method: 'POST',
        url: '/v1/tools',
        payload: { ...tool, name: key === a.keys.admin ? 'pick_date' : 'b_only' },
      });
    }
  }, 30_000);
  afterAll(() => app.close());

  it('defaults to no tools, and keeps the tools, approvals, choice and caps it is given', async () => {
    const plain = (await as(a.keys.admin!, { method: 'POST', url: '/v1/copilots', payload: { name: 'Plain' } })).json();
    expect(plain).toMatchObject({
      tools: [],
      toolChoice: 'auto',
      maxSteps: 10,
      maxToolCalls: null,
      parallelToolCalls: true,
    });

    const created = await as(a.keys.admin!, {
      method: 'POST',
      url: '/v1/copilots',
      payload: {
        name: 'Agent',
        tools: [{ name: 'search_knowledge' }, { name: 'pick_date', approval: 'always' }],
        toolChoice: { name: 'pick_date' },
        maxSteps: 4,
        maxToolCalls: 6,
        parallelToolCalls: false,
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      tools: [
        { name: 'search_knowledge', approval: 'never' },
        { name: 'pick_date', approval: 'always' },
      ],
      toolChoice: { name: 'pick_date' },
      maxSteps: 4,
      maxToolCalls: 6,
      parallelToolCalls: false,
    });
    const id = created.json().id;
    // Taking off the forced tool needs the choice changed too.
    const dropped = await as(a.keys.admin!, { method: 'PATCH', url: `/v1/copilots/${id}`, payload: { tools: [] } });
    expect(dropped.statusCode).toBe(400);
    expect(dropped.json().errors).toEqual([expect.objectContaining({ field: 'body.toolChoice.name' })]);
    const both = await as(a.keys.admin!, {
      method: 'PATCH',
      url: `/v1/copilots/${id}`,
      payload: { tools: [], toolChoice: 'none' },
    });
    expect(both.json()).toMatchObject({ tools: [], toolChoice: 'none' });
  });

  it('refuses tools that do not resolve, are listed twice, or belong to another tenant, naming each', async () => {
    const response = await as(a.keys.admin!, {
      method: 'POST',
      url: '/v1/copilots',
      payload: {
        name: 'Broken',
        tools: [{ name: 'current_time' }, { name: 'no_such_tool' }, { name: 'current_time' }, { name: 'b_only' }],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'body.tools.1.name',
      'body.tools.2.name',
      'body.tools.3.name',
    ]);
    const choice = await as(a.keys.admin!, {
      method: 'POST',
      url: '/v1/copilots',
      payload: { name: 'Broken', tools: [{ name: 'current_time' }], toolChoice: { name: 'fetch_url' } },
    });
    expect(choice.statusCode).toBe(400);
    const list = (await as(a.keys.admin!, { method: 'GET', url: '/v1/copilots' })).json();
    expect(list.data.map((c: { name: string }) => c.name)).not.toContain('Broken');
  });
});
