import {
  Conflict,
  ContextTooLong,
  InvalidInput,
  NotFound,
  ProvidersUnavailable,
  TokenBudgetExceeded,
  TooLarge,
  Unprocessable,
} from '@copilot/errors';
import { headersOf, toProblem } from './problem';

// The one table from domain errors to problem+json: what a /v1 client reads for each.
describe('domain errors as problem+json', () => {
  it('answers a missing entity 404 and invalid input 400 with every field', () => {
    expect(toProblem(new NotFound('copilot', 'c-1'))).toEqual({
      type: '/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: 'No copilot c-1.',
    });
    expect(toProblem(new InvalidInput([{ field: 'body.copilotId', message: 'no such copilot' }]))).toEqual({
      type: '/problems/validation-error',
      title: 'Your request is not valid',
      status: 400,
      detail: 'body.copilotId: no such copilot',
      errors: [{ field: 'body.copilotId', message: 'no such copilot' }],
    });
  });

  it('names conflicts, refusals and size limits by their own problem type, with their members', () => {
    const conflict = new Conflict('job-not-failed', 'Only a failed job can be retried', 'Job j is running.', {
      jobStatus: 'running',
    });
    expect(toProblem(conflict)).toEqual({
      type: '/problems/job-not-failed',
      title: 'Only a failed job can be retried',
      status: 409,
      detail: 'Job j is running.',
      jobStatus: 'running',
    });
    expect(toProblem(new Unprocessable('idempotency-key-reused', 'Reused', 'Use a new key.'))).toMatchObject({
      type: '/problems/idempotency-key-reused',
      status: 422,
    });
    expect(toProblem(new ContextTooLong(9000, 4000, 'Too long.'))).toEqual({
      type: '/problems/context-too-long',
      title: 'Message too long for the model',
      status: 422,
      detail: 'Too long.',
      tokens: 9000,
      available: 4000,
    });
    expect(toProblem(new TooLarge('document-too-large', 'Document too large', 'Too big.', 10))).toMatchObject({
      type: '/problems/document-too-large',
      status: 413,
    });
  });

  it('tells when to come back: a spent budget at its reset, paused providers after their pause', () => {
    const resetAt = new Date(Date.now() + 90_000);
    const spent = new TokenBudgetExceeded('day', 1000, resetAt);
    expect(toProblem(spent)).toMatchObject({
      type: '/problems/token-budget-exceeded',
      status: 429,
      window: 'day',
      limit: 1000,
      resetAt: resetAt.toISOString(),
      detail: expect.stringContaining('daily token budget of 1000'),
    });
    expect(Number(headersOf(spent)['retry-after'])).toBeGreaterThanOrEqual(89);
    expect(Number(headersOf(spent)['retry-after'])).toBeLessThanOrEqual(90);

    const paused = new ProvidersUnavailable(12, 'try again in 12 s');
    expect(toProblem(paused)).toMatchObject({ type: '/problems/provider-unavailable', status: 503 });
    expect(headersOf(paused)).toEqual({ 'retry-after': '12' });
    expect(headersOf(new NotFound('job', 'j'))).toEqual({});
  });
});
