import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTenantWithKeys, startApi } from './testing/api-test-app';

// Date accepts years from -271821 to 275760; Postgres fails on the first and stores the
// last as a time Node reads back as an invalid date (a key listed as never expiring).
describe('dates outside what Postgres and Node agree on', () => {
  let app: NestFastifyApplication;
  let key: string;

  beforeAll(async () => {
    key = (await createTenantWithKeys('dates', { admin: { scopes: ['admin'] } })).keys.admin!;
    ({ app } = await startApi());
  });
  afterAll(() => app.close());

  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, payload, headers: { 'x-api-key': key } });

  it('refuses a usage window in year -200000 with a 400 naming query.from', async () => {
    const response = await call('GET', '/v1/usage?from=-200000-01-01T00:00:00Z&to=-200000-02-01T00:00:00Z');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual(['query.from', 'query.to']);
  });

  it('refuses a key expiring in year 275760 with a 400 naming body.expiresAt, and creates no key', async () => {
    const before = (await call('GET', '/v1/api-keys')).json().data.length;
    const response = await call('POST', '/v1/api-keys', {
      name: 'forever',
      scopes: ['chat:read'],
      expiresAt: '+275760-09-13T00:00:00.000Z',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'body.expiresAt', message: 'expected a time before the year 10000' },
    ]);
    expect((await call('GET', '/v1/api-keys')).json().data.length).toBe(before);
  });
});
