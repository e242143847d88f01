/**
 * What domain services throw when a request cannot be done: facts of the domain, not
 * HTTP. Each front door translates them (libs/http to problem+json, the OpenAI front
 * door to OpenAI's error body, the CLI to a message), so none of them matches strings.
 * `code` names the problem (`/problems/<code>` on /v1); `message` is for people.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
}

/** No such entity in the caller's tenant (or at all). */
export class NotFound extends DomainError {
  readonly code = 'not-found';
  constructor(
    readonly entity: string,
    readonly id: string,
    message = `No ${entity} ${id}.`,
  ) {
    super(message);
    this.name = 'NotFound';
  }
}

/** One invalid input: where it is (`body.copilotId`) and what was expected. */
export interface InvalidField {
  field: string;
  message: string;
}

/** The input is not valid, for reasons only the domain can tell (a copilot that does not exist). */
export class InvalidInput extends DomainError {
  readonly code = 'validation-error';
  constructor(readonly fields: InvalidField[]) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join('; '));
    this.name = 'InvalidInput';
  }
}

/** The request conflicts with the entity's state (a job that already ended, a busy document). */
export class Conflict extends DomainError {
  constructor(
    readonly code: string,
    readonly title: string,
    message: string,
    /** What the caller needs to act on it (the state the entity is in, the job to wait for). */
    readonly details: Record<string, string | number | boolean | null> = {},
  ) {
    super(message);
    this.name = 'Conflict';
  }
}

/** Well-formed, but the domain cannot do it as asked (an Idempotency-Key reused for another request). */
export class Unprocessable extends DomainError {
  constructor(
    readonly code: string,
    readonly title: string,
    message: string,
  ) {
    super(message);
    this.name = 'Unprocessable';
  }
}

/** The conversation does not fit the model's context window. */
export class ContextTooLong extends DomainError {
  readonly code = 'context-too-long';
  constructor(
    readonly tokens: number,
    readonly available: number,
    message: string,
  ) {
    super(message);
    this.name = 'ContextTooLong';
  }
}

/** The tenant's token budget for a window is spent. */
export class TokenBudgetExceeded extends DomainError {
  readonly code = 'token-budget-exceeded';
  constructor(
    readonly window: 'day' | 'month',
    readonly limit: number,
    readonly resetAt: Date,
  ) {
    super(
      `This tenant has used its ${window === 'day' ? 'daily' : 'monthly'} token budget of ${limit}; it resets at ${resetAt.toISOString()}.`,
    );
    this.name = 'TokenBudgetExceeded';
  }
}

/** Every provider the request could use is paused (circuit open); try again after `retryAfterSeconds`. */
export class ProvidersUnavailable extends DomainError {
  readonly code = 'provider-unavailable';
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(message);
    this.name = 'ProvidersUnavailable';
  }
}

/** An upload over a size limit. */
export class TooLarge extends DomainError {
  constructor(
    readonly code: string,
    readonly title: string,
    message: string,
    readonly limit: number,
  ) {
    super(message);
    this.name = 'TooLarge';
  }
}
