import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { reportError } from '@copilot/observability';
import { headersOf } from '@copilot/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { toOpenAiError } from './openai-error';

/**
 * Errors of the /openai/v1 routes as OpenAI sends them (`{ error: { message, type,
 * param, code } }`), so the official SDKs raise their typed errors; the rest of the
 * api keeps problem+json. Chosen for these paths by ApiErrorFilter, so guards' errors
 * (401, 403, 429) and the edge's (bad JSON, refused input) take this shape too. Server
 * errors are logged and reported as the problem filter does, and never show their cause.
 */
@Catch()
export class OpenAiErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const error = toOpenAiError(exception, String(request.id));
    const status = error.getStatus();
    if (status >= 500 && status !== 503) {
      this.logger.error({ err: exception }, 'request failed');
      const tenantId = (request as { auth?: { tenantId?: string } }).auth?.tenantId;
      reportError(exception, { request_id: String(request.id), tenant_id: tenantId });
    }
    // A response already streaming cannot change its status: the stream writer reports in-band.
    if (reply.sent || reply.raw.headersSent) return void reply.raw.end();
    void reply.headers(headersOf(exception));
    if (error.body.code === 'insufficient_quota') refuseRetries(reply);
    // An outage without its own estimate (the database): a few seconds.
    if (status === 503 && !reply.hasHeader('retry-after')) void reply.header('retry-after', '5');
    void reply
      .status(status)
      .headers(error.headers)
      .header('content-type', 'application/json; charset=utf-8')
      .send({ error: error.body });
  }
}

/**
 * A spent quota is not over in a few seconds (a daily budget lasts until midnight),
 * and OpenAI's SDKs retry every 429, sleeping as long as Retry-After says: as OpenAI
 * does for `insufficient_quota`, no Retry-After, and `x-should-retry: false`, which
 * the official SDKs obey, so the caller sees the error at once.
 */
function refuseRetries(reply: FastifyReply): void {
  void reply.removeHeader('retry-after');
  void reply.header('x-should-retry', 'false');
}
