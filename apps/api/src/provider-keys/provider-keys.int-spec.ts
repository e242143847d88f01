import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTenantWithKeys, startApi } from '../testing/api-test-app';

// A tenant admin tries to store provider keys whose base URL points inside the
// platform's network. Each is refused at once, naming the field, and nothing is stored.
describe('provider keys and the egress policy', () => {
  let app: NestFastifyApplication;
  let admin: string;

  beforeAll(async () => {
    admin = (await createTenantWithKeys('provider-keys', { admin: { scopes: ['admin'] } })).keys.admin!;
    ({ app } = await startApi((s) => ({ ...s, egress: { allowedHosts: ['10.20.0.0/16'] } })));
  });
  afterAll(() => app.close());

  const put = (provider: string, payload: object) =>
    app.inject({ method: 'PUT', url: `/v1/provider-keys/${provider}`, payload, headers: { 'x-api-key': admin } });
  const stored = async () =>
    (await app.inject({ method: 'GET', url: '/v1/provider-keys', headers: { 'x-api-key': admin } })).json().data;

  it.each([
    ['loopback', 'http://127.0.0.1:11434/v1'],
    ['localhost', 'http://localhost:8080/v1'],
    ['the metadata service', 'http://169.254.169.254/latest/meta-data'],
    ['a private address outside the allow-list', 'http://10.21.0.5/v1'],
    ['an IPv6 loopback', 'http://[::1]:8000/v1'],
    ['a decimal loopback', 'http://2130706433/v1'],
  ])('refuses a base URL at %s with 400 on body.baseUrl, storing nothing', async (_label, baseUrl) => {
    const response = await put('openai', { apiKey: 'sk-hostile', baseUrl });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([
      { field: 'body.baseUrl', message: expect.stringMatching(/is refused: it (is|resolves to) a \w+ address/) },
    ]);
    expect(await stored()).toEqual([]);
  });

  it.each([
    ['an empty list', [], /at least one model name/],
    ['a model that is not a name', ['gpt 4o'], /without spaces/],
    ['a model that is not a string', [42], /expected string/],
    ['not a list', 'gpt-4o', /list of model names/],
  ])('refuses models as %s with 400 on body.models, storing nothing', async (_label, models, message) => {
    const response = await put('gemini', { apiKey: 'g-key', models });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([
      { field: expect.stringMatching(/^body\.models(\.0)?$/), message: expect.stringMatching(message) },
    ]);
    expect((await stored()).map((k: { provider: string }) => k.provider)).not.toContain('gemini');
  });

  it('lists the models a key is scoped to, as the vendor names them', async () => {
    const models = ['gemini/gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash'];
    expect((await put('gemini', { apiKey: 'g-key', models })).statusCode).toBe(204);
    const gemini = (await stored()).find((k: { provider: string }) => k.provider === 'gemini');
    expect(gemini.models).toEqual(['gemini-2.5-pro', 'gemini-2.5-flash']);
    // Stored again without models: the key is for every model.
    expect((await put('gemini', { apiKey: 'g-key' })).statusCode).toBe(204);
    expect((await stored()).find((k: { provider: string }) => k.provider === 'gemini').models).toBeNull();
    await app.inject({ method: 'DELETE', url: '/v1/provider-keys/gemini', headers: { 'x-api-key': admin } });
  });

  it('stores a public base URL, and a private one the operator admits', async () => {
    expect((await put('openai', { apiKey: 'sk-a', baseUrl: 'https://93.184.216.34/v1' })).statusCode).toBe(204);
    expect((await put('anthropic', { apiKey: 'sk-b', baseUrl: 'http://10.20.3.4:8000' })).statusCode).toBe(204);
    expect((await stored()).map((k: { provider: string }) => k.provider).sort()).toEqual(['anthropic', 'openai']);
  });
});
