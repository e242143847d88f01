import { randomUUID } from 'node:crypto';
import { Controller, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Auth, type AuthContext } from '@copilot/auth';
import { ConversationRepository, Prisma, TenantTransactions } from '@copilot/persistence';
import { PinoLogger } from 'nestjs-pino';
import { createTenantWithKeys, startApi } from './testing/api-test-app';

/** What a Prisma error's message carries, and a tenant must never read. */
const INTERNALS = /prisma|invocation|\.ts:\d+|node_modules|constraint|_fkey|tx\.\w+\.\w+\(/i;

// Stands in for any write behind a route that the database refuses for a reason nothing
// mapped: a real Prisma error (a copilot id no row has), thrown by a real repository.
@Controller('test-failures') // under the api's global /v1 prefix
class FailingWriteController {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly conversations: ConversationRepository,
  ) {}

  @Post('write')
  async write(@Auth() auth: AuthContext): Promise<never> {
    await this.transactions.run(auth.tenantId, (tx) =>
      this.conversations.create(tx, { tenantId: auth.tenantId, copilotId: randomUUID() }),
    );
    throw new Error('the write was expected to fail');
  }
}

describe('internal errors read by a tenant', () => {
  let app: NestFastifyApplication;
  let key: string;

  beforeAll(async () => {
    key = (await createTenantWithKeys('internal-errors', { writer: { scopes: ['chat:write'] } })).keys.writer!;
    ({ app } = await startApi(undefined, undefined, [FailingWriteController]));
  });
  afterAll(() => app?.close());

  it('answers a database error with a generic 500 and the request id to quote; the error itself is logged', async () => {
    const logged = jest.spyOn(PinoLogger.prototype, 'error');
    const response = await app.inject({
      method: 'POST',
      url: '/v1/test-failures/write',
      headers: { 'x-api-key': key, 'x-request-id': 'req-internal-1' },
    });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      type: '/problems/internal-server-error',
      title: 'Internal server error',
      status: 500,
      detail: 'Something went wrong on our side; quote request req-internal-1 to support.',
      requestId: 'req-internal-1',
      instance: '/v1/test-failures/write',
    });
    expect(response.body).not.toMatch(INTERNALS);
    const [[line]] = logged.mock.calls.filter(([, message]) => message === 'request failed') as [[{ err: Error }]];
    expect(line.err).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect(line.err.message).toMatch(INTERNALS); // what the tenant was spared
    logged.mockRestore();
  });
});
