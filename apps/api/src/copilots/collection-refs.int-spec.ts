import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions } from 'fastify';
import { createTenantWithKeys, startApi } from '../testing/api-test-app';

// Tenant A names tenant B's collection (its id learnt somehow) or one that does not exist.
describe('collection ids of copilots and messages', () => {
  let app: NestFastifyApplication;
  let a: string;
  let b: string;
  let own: string;
  let foreign: string;

  const as = (key: string, options: InjectOptions) =>
    app.inject({ ...options, headers: { ...options.headers, 'x-api-key': key } } as InjectOptions);
  const collection = async (key: string) =>
    (await as(key, { method: 'POST', url: '/v1/collections', payload: { name: 'kb' } })).json().id as string;
  const fieldsOf = (response: { json: () => { errors: { field: string }[] } }) =>
    response.json().errors.map((e) => e.field);

  beforeAll(async () => {
    a = (await createTenantWithKeys('refs-a', { admin: { scopes: ['admin'] } })).keys.admin!;
    b = (await createTenantWithKeys('refs-b', { admin: { scopes: ['admin'] } })).keys.admin!;
    ({ app } = await startApi());
    [own, foreign] = [await collection(a), await collection(b)];
  });
  afterAll(() => app.close());

  it("refuses a copilot with another tenant's or an unknown collection, naming each, and creates none", async () => {
    const response = await as(a, {
      method: 'POST',
      url: '/v1/copilots',
      payload: { name: 'leaky', collectionIds: [own, foreign, randomUUID()] },
    });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual(['body.collectionIds.1', 'body.collectionIds.2']);
    expect((await as(a, { method: 'GET', url: '/v1/copilots' })).json().data).toEqual([]);
  });

  it('refuses the same on update, and leaves the copilot as it was', async () => {
    const created = await as(a, { method: 'POST', url: '/v1/copilots', payload: { name: 'ok', collectionIds: [own] } });
    expect(created.statusCode).toBe(201);
    const response = await as(a, {
      method: 'PATCH',
      url: `/v1/copilots/${created.json().id}`,
      payload: { collectionIds: [foreign] },
    });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual(['body.collectionIds.0']);
    const after = await as(a, { method: 'GET', url: `/v1/copilots/${created.json().id}` });
    expect(after.json()).toEqual(created.json());
  });

  it('refuses a message grounded in a foreign collection, storing neither the message nor a job', async () => {
    const conversation = (await as(a, { method: 'POST', url: '/v1/conversations', payload: {} })).json();
    const url = `/v1/conversations/${conversation.id}/messages`;
    const response = await as(a, { method: 'POST', url, payload: { content: 'hi', collectionIds: [foreign] } });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual(['body.collectionIds.0']);
    expect((await as(a, { method: 'GET', url })).json().data).toEqual([]);
    const accepted = await as(a, { method: 'POST', url, payload: { content: 'hi', collectionIds: [own] } });
    expect(accepted.statusCode).toBe(202);
  });
});
