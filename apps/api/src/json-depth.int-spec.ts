import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTenantWithKeys, startApi } from './testing/api-test-app';

const nested = (levels: number, leaf = '1') => `${'['.repeat(levels)}${leaf}${']'.repeat(levels)}`;

describe('deeply nested JSON bodies', () => {
  let app: NestFastifyApplication;
  let key: string;

  beforeAll(async () => {
    key = (await createTenantWithKeys('depth', { admin: { scopes: ['admin'] } })).keys.admin!;
    ({ app } = await startApi());
  });
  afterAll(() => app.close());

  const post = (url: string, payload: string) =>
    app.inject({ method: 'POST', url, headers: { 'x-api-key': key, 'content-type': 'application/json' }, payload });
  const conversationCount = async () => {
    const listed = await app.inject({
      method: 'GET',
      url: '/v1/conversations?limit=100',
      headers: { 'x-api-key': key },
    });
    return listed.json().data.length as number;
  };

  it('refuses 10,000 levels on /v1 with a 400 naming the body, and stores nothing', async () => {
    const before = await conversationCount();
    const response = await post('/v1/conversations', `{"metadata":{"deep":${nested(10_000)}}}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      type: '/problems/validation-error',
      errors: [{ field: 'body', message: 'is nested deeper than 64 levels' }],
    });
    expect(await conversationCount()).toBe(before);
  });

  it('refuses it on /openai/v1 in OpenAI error shape, as it does malformed JSON', async () => {
    for (const payload of [`{"model":"local","messages":${nested(10_000)}}`, '{"model":']) {
      const response = await post('/openai/v1/chat/completions', payload);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/json');
      expect(response.json()).toEqual({
        error: { message: expect.any(String), type: 'invalid_request_error', param: null, code: null },
      });
    }
  });

  it('does not count brackets inside strings, and accepts nesting up to the limit', async () => {
    const brackets = await post('/v1/conversations', JSON.stringify({ metadata: { note: '[{\\"'.repeat(5_000) } }));
    expect(brackets.statusCode).toBe(201);
    // The body itself and `metadata` are two levels: 62 more reach the limit of 64.
    const atLimit = await post('/v1/conversations', `{"metadata":{"deep":${nested(62)}}}`);
    expect(atLimit.statusCode).toBe(201);
    expect((await post('/v1/conversations', `{"metadata":{"deep":${nested(63)}}}`)).statusCode).toBe(400);
  });
});
