import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError } from '@copilot/errors';
import { InvalidCursorError, isDatabaseUnavailable } from '@copilot/persistence';
import { problemOfDomainError } from './domain-problems';

/** One invalid input: where it is and what was expected. */
export interface FieldError {
  /** Dotted path into the input, prefixed with its location: `body.content`, `query.limit`. */
  field: string;
  message: string;
}

/** RFC 9457 problem details: every error response of the api has this shape. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** What a cursor that this api did not return is told. */
export const CURSOR_MESSAGE = 'expected a nextCursor returned by this api';

/**
 * A problem with its own type and extra members (RFC 9457 extensions) and,
 * optionally, response headers (Retry-After, ...). Domain code throws it.
 */
export class Problem extends HttpException {
  constructor(
    status: number,
    body: { type: string; title: string; detail: string; [extension: string]: unknown },
    readonly headers: Record<string, string> = {},
  ) {
    super(body, status);
  }
}

/** Thrown for invalid input; rendered as 400 with every field problem at once. */
export class ValidationProblem extends HttpException {
  constructor(readonly errors: FieldError[]) {
    super(
      {
        type: '/problems/validation-error',
        title: 'Your request is not valid',
        detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        errors,
      },
      HttpStatus.BAD_REQUEST,
    );
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not authenticated',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

function slug(status: number): string {
  return (TITLES[status] ?? `HTTP ${status}`).toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/**
 * Turns anything thrown into problem details. Unknown errors say nothing about their cause,
 * only the request id to quote (`requestId`, given by the filter that knows the request).
 */
export function toProblem(error: unknown, requestId?: string): ProblemDetails {
  if (error instanceof DomainError) return toProblem(problemOfDomainError(error), requestId);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const extra =
      typeof body === 'object' && body !== null ? (body as Partial<ProblemDetails> & { message?: unknown }) : {};
    const detail =
      extra.detail ?? (typeof extra.message === 'string' ? extra.message : typeof body === 'string' ? body : undefined);
    return {
      // A Problem's extension members (resetAt, ...) are part of its answer; other exceptions' bodies are not.
      ...(error instanceof Problem ? (body as object) : {}),
      type: extra.type ?? `/problems/${slug(status)}`,
      title: extra.title ?? TITLES[status] ?? error.name,
      status,
      ...(detail ? { detail } : {}),
      ...(extra.errors ? { errors: extra.errors } : {}),
    };
  }
  // Routes validate `cursor` first; this is the backstop for one that reached a repository unchecked.
  if (error instanceof InvalidCursorError) {
    return toProblem(new ValidationProblem([{ field: 'query.cursor', message: CURSOR_MESSAGE }]));
  }
  if (isDatabaseUnavailable(error)) {
    return {
      type: '/problems/database-unavailable',
      title: TITLES[503]!,
      status: 503,
      detail: 'The database is busy or not reachable right now; try again shortly.',
    };
  }
  const status = statusOfFrameworkError(error);
  if (status) {
    return {
      type: `/problems/${slug(status)}`,
      title: TITLES[status] ?? 'Bad request',
      status,
      detail: (error as Error).message,
    };
  }
  return internalServerError(requestId);
}

/**
 * What an unexpected error tells the caller: that it happened and the id it was logged
 * under, never its message. A Prisma error's message names the source file, quotes the
 * failed call with its values and names constraints; a driver error quotes rows.
 */
function internalServerError(requestId: string | undefined): ProblemDetails {
  return {
    type: '/problems/internal-server-error',
    title: TITLES[500]!,
    status: 500,
    detail: `Something went wrong on our side${requestId ? `; quote request ${requestId} to support` : ''}.`,
    ...(requestId ? { requestId } : {}),
  };
}

/** Fastify's own client errors (bad JSON, wrong content type, body too large) carry a 4xx statusCode. */
function statusOfFrameworkError(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** The response headers an error asks for (Retry-After, ...), whichever kind it is. */
export function headersOf(error: unknown): Record<string, string> {
  if (error instanceof DomainError) return headersOf(problemOfDomainError(error));
  return error instanceof Problem ? error.headers : {};
}
