import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions } from 'fastify';
import { createTenantWithKeys, startApi } from './testing/api-test-app';

// JSON escapes, sent as raw text: a NUL, a high surrogate alone, a low surrogate alone.
const NUL = '\\u0000';
const HIGH = '\\ud800';
const LOW = '\\udc00';

function multipart(title: string, filename: string): InjectOptions {
  const boundary = 'hostile-boundary';
  const body = [
    `--${boundary}`,
    'Content-Disposition: form-data; name="title"',
    '',
    title,
    `--${boundary}`,
    `Content-Disposition: form-data; name="file"; filename="${filename}"`,
    'Content-Type: text/plain',
    '',
    'hello',
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body };
}

describe('text Postgres cannot store (NUL, unpaired surrogates)', () => {
  let app: NestFastifyApplication;
  let key: string;
  let conversationId: string;
  let collectionId: string;

  beforeAll(async () => {
    key = (await createTenantWithKeys('unsafe-text', { admin: { scopes: ['admin'], rateLimit: 10_000 } })).keys.admin!;
    ({ app } = await startApi());
    conversationId = (await call({ method: 'POST', url: '/v1/conversations', payload: {} })).json().id;
    collectionId = (await call({ method: 'POST', url: '/v1/collections', payload: { name: 'kb' } })).json().id;
  });
  afterAll(() => app.close());

  function call(options: InjectOptions) {
    const json = typeof options.payload === 'string' && !options.headers?.['content-type'];
    return app.inject({
      ...options,
      headers: { 'x-api-key': key, ...(json ? { 'content-type': 'application/json' } : {}), ...options.headers },
    } as InjectOptions);
  }

  /** Everything a tenant could see change: the listings each attempt would have written to. */
  async function snapshot() {
    const urls = [
      '/v1/conversations?limit=100',
      `/v1/conversations/${conversationId}/messages?limit=100`,
      '/v1/copilots?limit=100',
      `/v1/collections/${collectionId}/documents?limit=100`,
      '/v1/webhooks?limit=100',
    ];
    return Promise.all(urls.map(async (url) => (await call({ method: 'GET', url })).json()));
  }

  const CASES: [string, () => InjectOptions, string][] = [
    [
      'a NUL in a title',
      () => ({ method: 'POST', url: '/v1/conversations', payload: `{"title":"a${NUL}b"}` }),
      'body.title',
    ],
    [
      'a lone surrogate in a title (the driver would store U+FFFD)',
      () => ({ method: 'POST', url: '/v1/conversations', payload: `{"title":"a${HIGH}b"}` }),
      'body.title',
    ],
    [
      'a NUL in a metadata key',
      () => ({ method: 'POST', url: '/v1/conversations', payload: `{"metadata":{"k${NUL}":"v"}}` }),
      'body.metadata',
    ],
    [
      'a lone low surrogate deep in a metadata value',
      () => ({ method: 'POST', url: '/v1/conversations', payload: `{"metadata":{"a":{"b":["ok","${LOW}"]}}}` }),
      'body.metadata.a.b.1',
    ],
    [
      'a NUL in a message',
      () => ({
        method: 'POST',
        url: `/v1/conversations/${conversationId}/messages`,
        payload: `{"content":"hi${NUL}"}`,
      }),
      'body.content',
    ],
    [
      "a NUL in a copilot's instructions",
      () => ({ method: 'POST', url: '/v1/copilots', payload: `{"name":"c","instructions":"${NUL}"}` }),
      'body.instructions',
    ],
    [
      'a NUL in a text document',
      () => ({
        method: 'POST',
        url: `/v1/collections/${collectionId}/documents`,
        payload: `{"title":"t","text":"x${NUL}y"}`,
      }),
      'body.text',
    ],
    [
      'a NUL in the title field of an upload',
      () => ({ method: 'POST', url: `/v1/collections/${collectionId}/documents`, ...multipart('a\u0000b', 'n.txt') }),
      'body.title',
    ],
    [
      "a NUL in an upload's file name",
      () => ({ method: 'POST', url: `/v1/collections/${collectionId}/documents`, ...multipart('t', 'n\u0000.txt') }),
      'body.file.filename',
    ],
    [
      'a NUL in a webhook description',
      () => ({
        method: 'POST',
        url: '/v1/webhooks',
        payload: `{"url":"https://93.184.216.34/h","events":["job.failed"],"description":"${NUL}"}`,
      }),
      'body.description',
    ],
    ['a NUL in a query string', () => ({ method: 'GET', url: '/v1/audit-events?action=%00' }), 'query.action'],
    [
      'a NUL in the Idempotency-Key header',
      () => ({
        method: 'POST',
        url: `/v1/conversations/${conversationId}/messages`,
        headers: { 'idempotency-key': 'k\u0000' },
        payload: { content: 'hi' },
      }),
      'headers.idempotency-key',
    ],
  ];

  it.each(CASES)('refuses %s with a 400 naming the field, and stores nothing', async (_, request, field) => {
    const before = await snapshot();
    const response = await call(request());
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      type: '/problems/validation-error',
      errors: [{ field, message: expect.stringContaining('NUL') }],
    });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses them on /openai/v1 in OpenAI error shape, naming the parameter', async () => {
    const before = await snapshot();
    const completion = await call({
      method: 'POST',
      url: '/openai/v1/chat/completions',
      payload: `{"model":"local","messages":[{"role":"user","content":"hi${HIGH}"}]}`,
    });
    expect(completion.statusCode).toBe(400);
    expect(completion.json()).toEqual({
      error: {
        message: expect.stringContaining('NUL'),
        type: 'invalid_request_error',
        param: 'messages.0.content',
        code: null,
      },
    });
    // A model is looked up by name: the path segment reaches Postgres too.
    const model = await call({ method: 'GET', url: '/openai/v1/models/a%00b' });
    expect(model.statusCode).toBe(400);
    expect(model.json().error).toMatchObject({ type: 'invalid_request_error', param: 'param.model' });
    expect(await snapshot()).toEqual(before);
  });

  it('keeps text that only looks unusual: paired surrogates (emoji) and other control characters', async () => {
    const response = await call({
      method: 'POST',
      url: '/v1/conversations',
      payload: '{"title":"\\ud83d\\ude00 \\u0001 tab\\t"}',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().title).toBe('😀 \u0001 tab');
  });
});
