import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiDocument } from './openapi-document';

/** Where Swagger UI and the OpenAPI document are served (public, like the probes). */
export const DOCS_PATH = '/docs';
export const OPENAPI_JSON_PATH = '/docs/openapi.json';

/**
 * GET /docs (Swagger UI, its assets from swagger-ui-dist through @fastify/static) and
 * GET /docs/openapi.json. Plain Fastify routes, outside Nest's guards: no credential needed.
 * The document is built on the first request, once every route is registered.
 */
export function serveApiDocs(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'Copilot Platform API',
    // No calls to the public validator service: the docs work offline.
    swaggerOptions: { validatorUrl: null, persistAuthorization: false },
  });
}
