import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { buildOpenApiDocument } from './openapi-document';

/** Where Swagger UI and the OpenAPI document are served (public, like the probes). */
export const DOCS_PATH = '/docs';
export const OPENAPI_JSON_PATH = '/docs/openapi.json';

// Swagger UI loads its scripts and styles by relative URL and sets inline styles. Helmet's
// default policy adds upgrade-insecure-requests, which sends those requests to https:// and
// blanks the page on a plain-http port (local, or behind a TLS-terminating proxy that
// forwards http); the docs get their own policy without it. connect-src: "Try it out".
const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * GET /docs (Swagger UI, its assets from swagger-ui-dist through @fastify/static) and
 * GET /docs/openapi.json. Plain Fastify routes, outside Nest's guards: no credential needed.
 * The document is built on the first request, once every route is registered.
 */
export function serveApiDocs(app: INestApplication): void {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.addHook('onSend', async (request, reply, payload) => {
    const path = request.url.split('?')[0]!;
    if (path === DOCS_PATH || path.startsWith(`${DOCS_PATH}/`)) reply.header('content-security-policy', DOCS_CSP);
    return payload;
  });
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'Copilot Platform API',
    // No calls to the public validator service: the docs work offline.
    swaggerOptions: { validatorUrl: null, persistAuthorization: false },
  });
}
