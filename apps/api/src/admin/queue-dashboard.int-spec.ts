import { JobProducer } from '@copilot/queues';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTenantWithKeys, startApi } from '../testing/api-test-app';

describe('queue dashboard', () => {
  let app: NestFastifyApplication;
  let keys: Record<string, string>;

  beforeAll(async () => {
    ({ keys } = await createTenantWithKeys('dashboard', {
      platform: { scopes: ['platform:admin'] },
      tenantAdmin: { scopes: ['admin'] },
    }));
    ({ app } = await startApi());
  });
  afterAll(() => app.close());

  const basic = (password: string) => `Basic ${Buffer.from(`ops:${password}`).toString('base64')}`;
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  it('asks a browser to sign in (401 with WWW-Authenticate: Basic) when no key is given', async () => {
    const response = await get('/admin/queues');
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Basic realm="queues"/);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect((await get('/admin/queues', { authorization: basic('cp_not-a-key') })).statusCode).toBe(401);
  });

  it('refuses a tenant admin key, however it is sent', async () => {
    expect((await get('/admin/queues', { 'x-api-key': keys.tenantAdmin! })).statusCode).toBe(403);
    expect((await get('/admin/queues/api/queues', { authorization: basic(keys.tenantAdmin!) })).statusCode).toBe(403);
    const pause = await app.inject({
      method: 'PUT',
      url: '/admin/queues/api/queues/chat/pause',
      headers: { 'x-api-key': keys.tenantAdmin! },
    });
    expect(pause.statusCode).toBe(403);
    expect(await app.get(JobProducer).queue('chat').isPaused()).toBe(false);
  });

  it('serves the board, its assets and its api to a platform key, with a policy that lets the page run', async () => {
    const page = await get('/admin/queues', { authorization: basic(keys.platform!) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<base href="/admin/queues/"');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');

    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(page.body)?.[1];
    const asset = await get(`/admin/queues/${script}`, { authorization: basic(keys.platform!) });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');

    const queues = await get('/admin/queues/api/queues', { 'x-api-key': keys.platform! });
    expect(queues.statusCode).toBe(200);
    expect(
      queues
        .json()
        .queues.map((q: { name: string }) => q.name)
        .sort(),
    ).toEqual(['chat', 'ingest', 'maintenance', 'webhook']);
  });

  it("keeps Helmet's policy on the rest of the api", async () => {
    const health = await get('/health');
    expect(health.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });
});
