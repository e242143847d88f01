import { NotFoundException, UnauthorizedException } from '@nestjs/common';
import { InvalidCursorError, Prisma } from '@copilot/persistence';
import { Problem, toProblem, ValidationProblem } from './problem';

describe(toProblem.name, () => {
  it('keeps the status and message of an HTTP exception', () => {
    expect(toProblem(new UnauthorizedException('no key'))).toEqual({
      type: '/problems/not-authenticated',
      title: 'Not authenticated',
      status: 401,
      detail: 'no key',
    });
    expect(toProblem(new NotFoundException()).status).toBe(404);
  });

  it('lists every field of a validation problem', () => {
    const problem = toProblem(new ValidationProblem([{ field: 'body.content', message: 'Required' }]));
    expect(problem).toMatchObject({ status: 400, errors: [{ field: 'body.content', message: 'Required' }] });
  });

  it('hides the cause of unexpected errors', () => {
    const problem = toProblem(new Error('password=hunter2 at db.ts:12'));
    expect(problem).toEqual({
      type: '/problems/internal-server-error',
      title: 'Internal server error',
      status: 500,
      detail: 'Something went wrong on our side.',
    });
  });

  it('answers a cursor that reached a repository unchecked as a 400 naming query.cursor', () => {
    expect(toProblem(new InvalidCursorError())).toMatchObject({
      status: 400,
      errors: [{ field: 'query.cursor', message: expect.any(String) }],
    });
  });

  it('maps a framework client error such as malformed JSON to its 4xx status', () => {
    const error = Object.assign(new SyntaxError('Body is not valid JSON'), { statusCode: 400 });
    expect(toProblem(error)).toMatchObject({ status: 400, detail: 'Body is not valid JSON' });
  });
});

describe('Problem', () => {
  it('keeps its type and extension members', () => {
    const problem = toProblem(
      new Problem(429, { type: '/problems/token-budget-exceeded', title: 'Over budget', detail: 'd', resetAt: 'x' }),
    );
    expect(problem).toEqual({
      type: '/problems/token-budget-exceeded',
      title: 'Over budget',
      status: 429,
      detail: 'd',
      resetAt: 'x',
    });
  });
});

describe('database outages', () => {
  it('answer 503 database-unavailable, not a 500', () => {
    const error = new Prisma.PrismaClientKnownRequestError("Can't reach database server", {
      code: 'P1001',
      clientVersion: 'x',
    });
    expect(toProblem(error)).toMatchObject({ status: 503, type: '/problems/database-unavailable' });
    const unique = new Prisma.PrismaClientKnownRequestError('Unique constraint failed', {
      code: 'P2002',
      clientVersion: 'x',
    });
    // Its message names the repository file and quotes the failed call: none of it is shown.
    const leaky = new Prisma.PrismaClientKnownRequestError(
      'Invalid `tx.message.create()` invocation in /srv/libs/persistence/src/message.repository.ts:37:40',
      { code: 'P2002', clientVersion: 'x', meta: { target: ['messages_job_id_key'] } },
    );
    for (const error of [unique, leaky]) {
      expect(toProblem(error)).toEqual({
        type: '/problems/internal-server-error',
        title: 'Internal server error',
        status: 500,
        detail: 'Something went wrong on our side.',
      });
      expect(toProblem(error, 'req-7')).toEqual({
        type: '/problems/internal-server-error',
        title: 'Internal server error',
        status: 500,
        detail: 'Something went wrong on our side; quote request req-7 to support.',
        requestId: 'req-7',
      });
    }
  });
});
