import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { ProblemDetailsFilter } from '@copilot/http';
import type { FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { isOpenAiCompatPath } from './openai-compat';
import { OpenAiErrorFilter } from './openai-compat/openai-error.filter';

/**
 * The api's one error filter, chosen by path: OpenAI's error shape under /openai/v1 (its
 * SDKs raise their typed errors from it), problem+json everywhere else. By path rather than
 * per controller, because some errors happen before any controller is chosen: a body that
 * is not JSON or nests too deep, an unknown route, input refused at the edge.
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly problems: ProblemDetailsFilter;
  private readonly openai: OpenAiErrorFilter;

  constructor(logger: PinoLogger) {
    this.problems = new ProblemDetailsFilter(logger);
    this.openai = new OpenAiErrorFilter(logger);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const { url } = host.switchToHttp().getRequest<FastifyRequest>();
    (isOpenAiCompatPath(url) ? this.openai : this.problems).catch(exception, host);
  }
}
