import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { reportError } from '@copilot/observability';
import { headersOf, PROBLEM_CONTENT_TYPE, toProblem } from './problem';

/** Renders every error as application/problem+json; logs and reports server errors, never returns their stack. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const problem = toProblem(exception, String(request.id));
    if (problem.status >= 500 && problem.status !== 503) {
      this.logger.error({ err: exception }, 'request failed');
      // Set by the auth guard once the caller is known; read structurally (auth depends on this lib).
      const tenantId = (request as { auth?: { tenantId?: string } }).auth?.tenantId;
      reportError(exception, { request_id: String(request.id), tenant_id: tenantId });
    }
    void reply.headers(headersOf(exception));
    // An outage, not a fault: tell clients when to come back, and keep it out of the error log.
    if (problem.type === '/problems/database-unavailable') void reply.header('retry-after', '5');
    void reply
      .status(problem.status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send({ ...problem, instance: request.url.split('?')[0] });
  }
}
