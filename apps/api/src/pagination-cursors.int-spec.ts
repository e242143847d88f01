import { readFileSync } from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'yaml';
import { OPENAPI_FILE } from './openapi/openapi-file';
import { createTenantWithKeys, startApi } from './testing/api-test-app';

type Document = { paths: Record<string, Record<string, { parameters?: { name: string }[] }>> };

const encode = (raw: string) => Buffer.from(raw).toString('base64url');
const REAL_ID = '0b8f3c2e-5a7d-4e0c-8a8e-2f5b9e6d1c11';

/** What an attacker makes of a cursor: each decodes to something, none is one the api returned. */
const TAMPERED: Record<string, string> = {
  'not base64 of anything': '!!!',
  'an id of dashes (passes a loose UUID check)': encode(`2026-01-01T00:00:00.000Z|${'-'.repeat(36)}`),
  'a time before Postgres can store it': encode(`-200000-01-01T00:00:00.000Z|${REAL_ID}`),
  'a time after any row, in an expanded year': encode(`+275760-09-13T00:00:00.000Z|${REAL_ID}`),
  'a loose time that Date still parses': encode(`1|${REAL_ID}`),
  'an extra field': encode(`2026-01-01T00:00:00.000Z|${REAL_ID}|admin`),
  'a padded encoding of a real position': `${encode(`2026-01-01T00:00:00.000Z|${REAL_ID}`)}==`,
  'a huge one': encode(`2026-01-01T00:00:00.000Z|${REAL_ID}`).repeat(200),
};

describe('pagination cursors', () => {
  let app: NestFastifyApplication;
  let keys: Record<string, string>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ keys } = await createTenantWithKeys('cursors', {
      admin: { scopes: ['admin'] },
      platform: { scopes: ['platform:admin'] },
    }));
    ({ app } = await startApi());
    const create = async (url: string, payload: object) =>
      (await app.inject({ method: 'POST', url, headers: { 'x-api-key': keys.admin! }, payload })).json().id as string;
    ids.conversation = await create('/v1/conversations', {});
    ids.collection = await create('/v1/collections', { name: 'c' });
    ids.webhook = await create('/v1/webhooks', { url: 'https://93.184.216.34/hook', events: ['job.failed'] });
  }, 30_000);
  afterAll(() => app.close());

  const listRoutes = Object.entries((parse(readFileSync(OPENAPI_FILE, 'utf8')) as Document).paths)
    .filter(([, item]) => item.get?.parameters?.some((p) => p.name === 'cursor'))
    .map(([path]) => path);

  const urlOf = (path: string) =>
    path
      .replace('/conversations/{id}', `/conversations/${ids.conversation}`)
      .replace('/collections/{id}', `/collections/${ids.collection}`)
      .replace('/webhooks/{id}', `/webhooks/${ids.webhook}`);
  const get = (path: string, cursor: string) =>
    app.inject({
      method: 'GET',
      url: `${urlOf(path)}?cursor=${encodeURIComponent(cursor)}`,
      headers: { 'x-api-key': path.startsWith('/v1/admin/') ? keys.platform! : keys.admin! },
    });

  it('finds every list route of the documented api', () => {
    expect(listRoutes).toEqual(expect.arrayContaining(['/v1/conversations', '/v1/admin/jobs']));
    expect(listRoutes.length).toBeGreaterThanOrEqual(10);
    expect(listRoutes.every((path) => !urlOf(path).includes('{'))).toBe(true);
  });

  it.each(listRoutes)('%s answers 400 naming query.cursor for every tampered cursor', async (path) => {
    for (const [kind, cursor] of Object.entries(TAMPERED)) {
      const response = await get(path, cursor);
      expect({ kind, status: response.statusCode }).toEqual({ kind, status: 400 });
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain('query.cursor');
    }
  });

  it('still pages with the cursors it returns', async () => {
    for (let i = 0; i < 3; i++) {
      await app.inject({
        method: 'POST',
        url: '/v1/conversations',
        headers: { 'x-api-key': keys.admin! },
        payload: {},
      });
    }
    const list = (query: string) =>
      app.inject({ method: 'GET', url: `/v1/conversations?limit=2${query}`, headers: { 'x-api-key': keys.admin! } });
    const first = (await list('')).json();
    const second = await list(`&cursor=${first.nextCursor}`);
    expect(second.statusCode).toBe(200);
    expect(second.json().data).toHaveLength(2);
  });
});
