import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HttpServerOptions } from '@copilot/observability';
import { limitJsonDepth, refuseUnsafeText } from '@copilot/http';
import { mountQueueDashboard } from './admin/queue-dashboard';
import type { ApiSettings } from './api.settings';
import { OPENAI_COMPAT_PATHS } from './openai-compat';
import { serveApiDocs } from './openapi/api-docs';

/** Headers a browser client may read on cross-origin responses. */
const EXPOSED_HEADERS = [
  'Location',
  'Retry-After',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'X-Request-Id',
  'Idempotent-Replayed',
  'X-Should-Retry',
];

/**
 * Request headers a browser client may send: the api's own, and those the official
 * OpenAI and Anthropic SDKs add to every request (a preflight refusing any of them
 * makes the SDK unusable from a browser).
 */
const ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'X-Api-Key',
  'Idempotency-Key',
  'Last-Event-ID',
  'X-Request-Id',
  'Accept',
  'X-Stainless-OS',
  'X-Stainless-Lang',
  'X-Stainless-Arch',
  'X-Stainless-Runtime',
  'X-Stainless-Runtime-Version',
  'X-Stainless-Package-Version',
  'X-Stainless-Retry-Count',
  'X-Stainless-Timeout',
  'X-Stainless-Helper-Method',
  'X-Stainless-Helper',
  'X-Stainless-Async',
  'X-Stainless-Poll-Helper',
  'X-Stainless-Custom-Poll-Interval',
  'OpenAI-Organization',
  'OpenAI-Project',
  'OpenAI-Beta',
  'Anthropic-Version',
  'Anthropic-Beta',
  'Anthropic-Dangerous-Direct-Browser-Access',
];

/** The api's HTTP server: body size, proxies, and the time a client has to send a request. */
export function apiServerOptions(settings: ApiSettings): HttpServerOptions {
  return {
    bodyLimitBytes: settings.edge.bodyLimitBytes,
    trustProxy: settings.edge.trustProxy,
    requestTimeoutMs: settings.connections.requestTimeoutMs,
    headersTimeoutMs: settings.connections.headersTimeoutMs,
  };
}

/**
 * REST under /v1; probes and metrics at the root; the OpenAI-compatible routes under
 * /openai/v1, where OpenAI's SDKs expect them; MCP at /mcp (outside the REST contract).
 * The OpenAPI document is built with the same routes.
 */
export function setApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix('v1', { exclude: ['health', 'ready', 'version', 'metrics', 'mcp', ...OPENAI_COMPAT_PATHS] });
}

/**
 * The api's HTTP edge, shared by main.ts and tests: REST under /v1 (probes and
 * metrics at the root), JSON bodies nested at most JSON_MAX_DEPTH, no text Postgres
 * cannot store (NUL, unpaired surrogates) in any input, secure headers,
 * CORS from the allow-list (any origin only in APP_ENV=local with no list), and the
 * OpenAPI docs at /docs.
 */
export async function configureApi(app: NestFastifyApplication, settings: ApiSettings): Promise<void> {
  setApiPrefix(app);
  // The api speaks JSON only: any other body type is 415, not a string handed to validation.
  app.getHttpAdapter().getInstance().removeContentTypeParser('text/plain');
  limitJsonDepth(app, settings.edge.jsonMaxDepth);
  refuseUnsafeText(app);
  await app.register(helmet as never, { global: true });
  // Document uploads: one file, no larger than a document may be (larger: 413).
  await app.register(multipart as never, {
    limits: { files: 1, fileSize: settings.knowledge.maxDocumentBytes, fields: 5 },
  });
  const origins = settings.edge.corsOrigins;
  app.enableCors({
    origin: origins.length === 0 && settings.env === 'local' ? true : origins,
    methods: ['GET', 'POST', 'DELETE', 'PATCH', 'PUT', 'OPTIONS'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  await mountQueueDashboard(app);
  serveApiDocs(app);
}
