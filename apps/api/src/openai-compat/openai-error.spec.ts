import { Prisma } from '@copilot/persistence';
import { toOpenAiError } from './openai-error';

describe(toOpenAiError.name, () => {
  it('answers an unexpected error with a generic server_error quoting the request id, nothing of its cause', () => {
    const error = new Prisma.PrismaClientKnownRequestError(
      'Invalid `tx.usageRecord.create()` invocation in /srv/libs/persistence/src/usage.repository.ts:21:5',
      { code: 'P2003', clientVersion: 'x', meta: { constraint: 'usage_records_tenant_id_fkey' } },
    );
    const answer = toOpenAiError(error, 'req-9');
    expect(answer.getStatus()).toBe(500);
    expect(answer.body).toEqual({
      message: 'Something went wrong on our side; quote request req-9 to support.',
      type: 'server_error',
      param: null,
      code: null,
    });
  });
});
