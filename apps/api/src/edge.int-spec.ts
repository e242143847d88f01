import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTenantWithKeys, startApi } from './testing/api-test-app';

describe('the HTTP edge', () => {
  let app: NestFastifyApplication;
  let keys: Record<string, string>;

  beforeAll(async () => {
    ({ keys } = await createTenantWithKeys('edge', { admin: { scopes: ['admin'] } }));
    ({ app } = await startApi((s) => ({
      ...s,
      env: 'production',
      edge: { ...s.edge, corsOrigins: ['https://app.example'], bodyLimitBytes: 2048 },
    })));
  });
  afterAll(() => app.close());

  const headers = () => ({ 'x-api-key': keys.admin!, 'content-type': 'application/json' });

  it('answers CORS preflights for allowed origins only', async () => {
    const preflight = (origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/v1/conversations',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-api-key' },
      });
    const allowed = await preflight('https://app.example');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(String(allowed.headers['access-control-allow-headers']).toLowerCase()).toContain('x-api-key');
    const denied = await preflight('https://evil.example');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends secure headers', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('refuses a body over the limit with 413 problem+json', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/conversations',
      headers: headers(),
      payload: JSON.stringify({ title: 'x', metadata: { blob: 'y'.repeat(4096) } }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 413, title: 'Payload too large' });
  });

  it.each([
    ['chat/completions', { model: 'local', messages: [{ role: 'user', content: 'y'.repeat(4096) }] }],
    ['responses', { model: 'local', input: 'y'.repeat(4096) }],
  ])("refuses a body over the limit on /openai/v1/%s with 413 in OpenAI's error shape", async (route, body) => {
    const response = await app.inject({
      method: 'POST',
      url: `/openai/v1/${route}`,
      headers: headers(),
      payload: JSON.stringify(body),
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json().error).toEqual(
      expect.objectContaining({ message: expect.any(String), type: expect.any(String) }),
    );
  });

  it('answers a wrong content type, bad JSON and an unknown route as problem+json without internals', async () => {
    const wrongType = await app.inject({
      method: 'POST',
      url: '/v1/conversations',
      headers: { 'x-api-key': keys.admin!, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(wrongType.statusCode).toBe(415);
    const badJson = await app.inject({
      method: 'POST',
      url: '/v1/conversations',
      headers: headers(),
      payload: '{"title":',
    });
    expect(badJson.statusCode).toBe(400);
    const missing = await app.inject({ method: 'GET', url: '/v1/nothing-here', headers: headers() });
    expect(missing.statusCode).toBe(404);
    for (const response of [wrongType, badJson, missing]) {
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
    }
  });

  it('rejects unknown JSON fields instead of ignoring them', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/conversations',
      headers: headers(),
      payload: { title: 'x', colour: 'red' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: 'body.colour', message: 'is not a known field' }]);
  });
});
