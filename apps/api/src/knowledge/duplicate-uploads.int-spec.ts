import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTenantWithKeys, startApi } from '../testing/api-test-app';

describe('uploads of the same document at once', () => {
  let app: NestFastifyApplication;
  let key: string;

  beforeAll(async () => {
    key = (
      await createTenantWithKeys('duplicate-uploads', { writer: { scopes: ['documents:write', 'documents:read'] } })
    ).keys.writer!;
    ({ app } = await startApi());
  });
  afterAll(() => app?.close());

  const call = (method: 'GET' | 'POST', url: string, body?: object) =>
    app.inject({
      method,
      url,
      headers: { 'x-api-key': key, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });

  // The second of two transactions inserting the same (collection, contents) waited for the
  // first one's commit and then broke the unique key: a 500 for every upload but one.
  it('store one document: the others answer it as a duplicate, as a later upload would', async () => {
    const collection = (await call('POST', '/v1/collections', { name: 'racing' })).json<{ id: string }>();
    const upload = { title: 'Refunds', text: 'Refunds are issued within 5 business days.' };
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => call('POST', `/v1/collections/${collection.id}/documents`, upload)),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 202]);
    const bodies = answers.map((a) => a.json<{ document: { id: string }; duplicate: boolean }>());
    expect(new Set(bodies.map((b) => b.document.id)).size).toBe(1);
    expect(bodies.filter((b) => b.duplicate)).toHaveLength(7);
    const listed = (await call('GET', `/v1/collections/${collection.id}/documents`)).json<{ data: unknown[] }>();
    expect(listed.data).toHaveLength(1);
  });
});
