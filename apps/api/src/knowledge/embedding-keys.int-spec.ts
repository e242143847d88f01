import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions } from 'fastify';
import { createTenantWithKeys, startApi } from '../testing/api-test-app';

const OPENAI_MODEL = 'openai/text-embedding-3-small';

// Tenant A stores its own OpenAI key, tenant B has none, and the platform has none either.
describe('embedding models without a key', () => {
  let app: NestFastifyApplication;
  let a: string;
  let b: string;

  beforeAll(async () => {
    a = (await createTenantWithKeys('embed-a', { admin: { scopes: ['admin'] } })).keys.admin!;
    b = (await createTenantWithKeys('embed-b', { admin: { scopes: ['admin'] } })).keys.admin!;
    ({ app } = await startApi((s) => ({
      ...s,
      knowledge: { ...s.knowledge, embeddingEndpoint: undefined, defaultEmbeddingModel: 'local' },
      llm: { ...s.llm, providers: { ...s.llm.providers, openai: { apiKey: undefined, baseUrl: undefined } } },
    })));
    await as(a, { method: 'PUT', url: '/v1/provider-keys/openai', payload: { apiKey: 'sk-tenant-a' } });
  });
  afterAll(() => app.close());

  const as = (key: string, options: InjectOptions) =>
    app.inject({ ...options, headers: { ...options.headers, 'x-api-key': key } } as InjectOptions);
  const collectionsOf = async (key: string) =>
    (await as(key, { method: 'GET', url: '/v1/collections?limit=100' })).json().data;

  it('refuses to create a collection with it: 400 naming body.embeddingModel, nothing created', async () => {
    const response = await as(b, {
      method: 'POST',
      url: '/v1/collections',
      payload: { name: 'kb', embeddingModel: OPENAI_MODEL },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'body.embeddingModel', message: expect.stringContaining('no OpenAI key') },
    ]);
    expect(await collectionsOf(b)).toEqual([]);
  });

  it('refuses to switch a collection to it, and leaves the collection as it was', async () => {
    const created = (await as(b, { method: 'POST', url: '/v1/collections', payload: { name: 'local kb' } })).json();
    const response = await as(b, {
      method: 'PATCH',
      url: `/v1/collections/${created.id}`,
      payload: { embeddingModel: OPENAI_MODEL },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('body.embeddingModel');
    const after = (await as(b, { method: 'GET', url: `/v1/collections/${created.id}` })).json();
    expect(after).toEqual(created);
  });

  it('accepts it for the tenant with a key; once that key is removed, search is a 409, not a 500', async () => {
    const created = await as(a, {
      method: 'POST',
      url: '/v1/collections',
      payload: { name: 'openai kb', embeddingModel: OPENAI_MODEL },
    });
    expect(created.statusCode).toBe(201);
    await as(a, { method: 'DELETE', url: '/v1/provider-keys/openai' });
    const search = await as(a, {
      method: 'POST',
      url: '/v1/search',
      payload: { query: 'anything', mode: 'vector', collectionIds: [created.json().id] },
    });
    expect(search.statusCode).toBe(409);
    expect(search.json()).toMatchObject({ type: '/problems/embedding-model-unavailable' });
  });

  it('does not embed with a tenant key scoped to other models (PUT /v1/provider-keys models)', async () => {
    const c = (await createTenantWithKeys('embed-c', { admin: { scopes: ['admin'] } })).keys.admin!;
    const scoped = await as(c, {
      method: 'PUT',
      url: '/v1/provider-keys/openai',
      payload: { apiKey: 'sk-chat-only', models: ['gpt-4o-mini'] },
    });
    expect(scoped.statusCode).toBeLessThan(300);
    const refused = await as(c, {
      method: 'POST',
      url: '/v1/collections',
      payload: { name: 'kb', embeddingModel: OPENAI_MODEL },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('body.embeddingModel');
    await as(c, {
      method: 'PUT',
      url: '/v1/provider-keys/openai',
      payload: { apiKey: 'sk-chat-and-embed', models: ['gpt-4o-mini', 'text-embedding-3-small'] },
    });
    const accepted = await as(c, {
      method: 'POST',
      url: '/v1/collections',
      payload: { name: 'kb', embeddingModel: OPENAI_MODEL },
    });
    expect(accepted.statusCode).toBe(201);
  });
});
