import { HttpException } from '@nestjs/common';
import { ContextTooLong, TokenBudgetExceeded } from '@copilot/errors';
import { type ProblemDetails, toProblem } from '@copilot/http';

/** OpenAI's error body; the official SDKs turn it (with the status) into their typed errors. */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** An error to answer in OpenAI's format, with its status and headers (Retry-After). */
export class OpenAiError extends HttpException {
  constructor(
    status: number,
    readonly body: OpenAiErrorBody['error'],
    readonly headers: Record<string, string> = {},
  ) {
    super({ error: body }, status);
  }

  static invalidRequest(message: string, param: string | null = null, code: string | null = null): OpenAiError {
    return new OpenAiError(400, { message, type: 'invalid_request_error', param, code });
  }

  static modelNotFound(model: string): OpenAiError {
    return new OpenAiError(404, {
      message: `The model '${model}' does not exist or you do not have access to it. Models are a copilot's id or name, or provider/model (GET /openai/v1/models lists them).`,
      type: 'invalid_request_error',
      param: 'model',
      code: 'model_not_found',
    });
  }
}

/**
 * Anything thrown on the /openai/v1 routes, in OpenAI's shape. The platform's own
 * errors (guards, validation, budgets, Problems) are read through their problem
 * details, so status codes and Retry-After stay those of the rest of the api, and an
 * unexpected error says only the request id to quote, as there.
 */
export function toOpenAiError(exception: unknown, requestId?: string): OpenAiError {
  if (exception instanceof OpenAiError) return exception;
  const problem = toProblem(exception, requestId);
  const message = problem.detail ?? problem.title;
  // A too-long prompt is a 400 with this code at OpenAI; the platform says 422.
  if (exception instanceof ContextTooLong) {
    return new OpenAiError(400, {
      message,
      type: 'invalid_request_error',
      param: 'messages',
      code: 'context_length_exceeded',
    });
  }
  // A spent budget is OpenAI's quota error, which its SDKs do not retry.
  const quota = exception instanceof TokenBudgetExceeded;
  return new OpenAiError(problem.status, {
    message,
    type: quota ? 'insufficient_quota' : errorType(problem),
    param: firstField(problem),
    code: quota ? 'insufficient_quota' : errorCode(problem),
  });
}

function errorType(problem: ProblemDetails): string {
  if (problem.status === 403) return 'permission_error';
  if (problem.status === 429) return 'requests';
  if (problem.status >= 500) return 'server_error';
  return 'invalid_request_error';
}

function errorCode(problem: ProblemDetails): string | null {
  if (problem.status === 401) return 'invalid_api_key';
  if (problem.status === 429) return 'rate_limit_exceeded';
  return null;
}

/** `body.messages.0.content` -> `messages.0.content`: OpenAI names the body field alone. */
function firstField(problem: ProblemDetails): string | null {
  const field = problem.errors?.[0]?.field;
  return field ? field.replace(/^body\.?/, '') || null : null;
}
