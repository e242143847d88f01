import {
  Conflict,
  ContextTooLong,
  type DomainError,
  InvalidInput,
  NotFound,
  ProvidersUnavailable,
  TokenBudgetExceeded,
  TooLarge,
  Unprocessable,
} from '@copilot/errors';
import { Problem, ValidationProblem } from './problem';

const secondsUntil = (at: Date) => Math.max(1, Math.ceil((at.getTime() - Date.now()) / 1000));

/**
 * The one table from domain errors to problem+json (status, type, title, extension
 * members, headers). The OpenAI front door and the CLI read the same classes.
 */
export function problemOfDomainError(error: DomainError): Problem | ValidationProblem {
  if (error instanceof NotFound) {
    return new Problem(404, { type: '/problems/not-found', title: 'Not found', detail: error.message });
  }
  if (error instanceof InvalidInput) return new ValidationProblem(error.fields);
  if (error instanceof Conflict) {
    return new Problem(409, {
      ...error.details,
      type: `/problems/${error.code}`,
      title: error.title,
      detail: error.message,
    });
  }
  if (error instanceof Unprocessable) {
    return new Problem(422, { type: `/problems/${error.code}`, title: error.title, detail: error.message });
  }
  if (error instanceof ContextTooLong) {
    return new Problem(422, {
      type: '/problems/context-too-long',
      title: 'Message too long for the model',
      detail: error.message,
      tokens: error.tokens,
      available: error.available,
    });
  }
  if (error instanceof TokenBudgetExceeded) {
    return new Problem(
      429,
      {
        type: '/problems/token-budget-exceeded',
        title: 'Token budget exceeded',
        detail: error.message,
        window: error.window,
        limit: error.limit,
        resetAt: error.resetAt.toISOString(),
      },
      { 'retry-after': String(secondsUntil(error.resetAt)) },
    );
  }
  if (error instanceof ProvidersUnavailable) {
    return new Problem(
      503,
      { type: '/problems/provider-unavailable', title: 'The model provider is unavailable', detail: error.message },
      { 'retry-after': String(error.retryAfterSeconds) },
    );
  }
  if (error instanceof TooLarge) {
    return new Problem(413, { type: `/problems/${error.code}`, title: error.title, detail: error.message });
  }
  return new Problem(400, { type: `/problems/${error.code}`, title: 'Bad request', detail: error.message });
}
