import { readFileSync } from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { createTenantWithKeys, startApi } from '../testing/api-test-app';
import { OPENAPI_FILE } from './openapi-file';

type Document = { paths: Record<string, Record<string, { responses: Record<string, Response> }>> };
type Response = { content?: Record<string, { schema: object }> };

describe('the OpenAPI docs', () => {
  let app: NestFastifyApplication;
  let key: string;

  beforeAll(async () => {
    ({ app } = await startApi());
    key = (await createTenantWithKeys('docs', { admin: { scopes: ['admin'] } })).keys.admin!;
  });
  afterAll(() => app.close());

  it('serves Swagger UI at /docs without a credential, with every asset it loads', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    // A policy that lets the page run on a plain-http port too (no upgrade-insecure-requests).
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    // The page's own scripts and stylesheets (swagger-ui-dist through @fastify/static, and the init script).
    const assets = [...page.body.matchAll(/(?:src|href)=["']\.\/docs\/([\w.-]+\.(?:js|css))["']/g)].map((m) => m[1]);
    expect(assets).toEqual(expect.arrayContaining(['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-init.js']));
    for (const asset of assets) {
      const response = await app.inject({ method: 'GET', url: `/docs/${asset}` });
      expect({ asset, status: response.statusCode }).toEqual({ asset, status: 200 });
      expect(response.headers['content-type']).toMatch(asset!.endsWith('.css') ? /text\/css/ : /javascript/);
      expect(response.rawPayload.length).toBeGreaterThan(100);
    }
    const init = await app.inject({ method: 'GET', url: '/docs/swagger-ui-init.js' });
    expect(init.body).toContain('Copilot Platform API');
  });

  it('serves at /docs/openapi.json, without a credential, the document committed as apps/api/openapi.yaml', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual(parse(readFileSync(OPENAPI_FILE, 'utf8')));
  });

  describe('responses of the running api match their documented schemas', () => {
    const document = parse(readFileSync(OPENAPI_FILE, 'utf8')) as Document & { components: object };
    // OpenAPI 3.0 schemas: `nullable` is understood by Ajv, `example` is an annotation.
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    ajv.addSchema({ components: document.components }, 'openapi');

    const call = async (method: 'GET' | 'POST', url: string, body?: object) => {
      const response = await app.inject({ method, url, headers: { 'x-api-key': key }, ...(body ? { body } : {}) });
      return { status: response.statusCode, type: String(response.headers['content-type']), body: response.json() };
    };
    const expectDocumented = (path: string, method: string, got: Awaited<ReturnType<typeof call>>) => {
      const documented = document.paths[path]?.[method]?.responses[String(got.status)];
      expect({ path, method, status: got.status, documented: Boolean(documented) }).toMatchObject({ documented: true });
      const [mediaType, { schema }] = Object.entries(documented!.content ?? {})[0]!;
      expect(got.type).toContain(mediaType);
      const rewritten = JSON.parse(
        JSON.stringify(schema).replaceAll('"#/components', '"openapi#/components'),
      ) as object;
      ajv.validate(rewritten, got.body);
      expect({ path, method, status: got.status, errors: ajv.errors ?? null }).toEqual({
        path,
        method,
        status: got.status,
        errors: null,
      });
    };

    it('for conversations, messages and jobs', async () => {
      const conversation = await call('POST', '/v1/conversations', { title: 'Docs', metadata: { a: 1 } });
      expectDocumented('/v1/conversations', 'post', conversation);
      // The body is documented as optional: none at all is a conversation with defaults.
      expectDocumented('/v1/conversations', 'post', await call('POST', '/v1/conversations'));
      expectDocumented('/v1/conversations', 'get', await call('GET', '/v1/conversations?limit=5'));
      const id = (conversation.body as { id: string }).id;
      const accepted = await call('POST', `/v1/conversations/${id}/messages`, { content: 'Hello' });
      expectDocumented('/v1/conversations/{id}/messages', 'post', accepted);
      expectDocumented('/v1/conversations/{id}/messages', 'get', await call('GET', `/v1/conversations/${id}/messages`));
      const jobId = (accepted.body as { job: { id: string } }).job.id;
      expectDocumented('/v1/jobs/{id}', 'get', await call('GET', `/v1/jobs/${jobId}`));
    });

    it('for copilots, collections, keys, usage and problems', async () => {
      expectDocumented('/v1/copilots', 'post', await call('POST', '/v1/copilots', { name: 'Docs bot' }));
      expectDocumented('/v1/collections', 'post', await call('POST', '/v1/collections', { name: 'Docs' }));
      expectDocumented('/v1/api-keys', 'get', await call('GET', '/v1/api-keys'));
      expectDocumented('/v1/usage', 'get', await call('GET', '/v1/usage?groupBy=model'));
      expectDocumented('/version', 'get', await call('GET', '/version'));
      const invalid = await call('POST', '/v1/copilots', { name: '' });
      expect(invalid.status).toBe(400);
      expectDocumented('/v1/copilots', 'post', invalid);
      expectDocumented(
        '/v1/conversations/{id}',
        'get',
        await call('GET', '/v1/conversations/0b8f3c2e-5a7d-4e0c-8a8e-2f5b9e6d1c11'),
      );
    });
  });
});
