import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { adminDatabaseConfig, loadSettings, redisConfig } from '@copilot/config';
import { createPrismaClient, type PrismaClient } from '@copilot/persistence';
import { jobEventsKey } from '@copilot/queues';
import { createPersistentRedis } from '@copilot/redis';
import type { Redis } from 'ioredis';
import { createTenantWithKeys, startApi } from '../testing/api-test-app';

describe('DELETE /v1/conversations/:id', () => {
  let app: NestFastifyApplication;
  let key: string;
  let otherKey: string;
  let admin: PrismaClient;
  let redis: Redis;
  const { redis: redisSettings } = loadSettings('api', [redisConfig] as const);

  beforeAll(async () => {
    key = (await createTenantWithKeys('conv-delete', { chat: { scopes: ['chat:read', 'chat:write', 'admin'] } })).keys
      .chat!;
    otherKey = (await createTenantWithKeys('conv-delete-other', { chat: { scopes: ['chat:read', 'chat:write'] } })).keys
      .chat!;
    admin = createPrismaClient(loadSettings('cli', [adminDatabaseConfig] as const).adminDatabase);
    redis = createPersistentRedis(redisSettings.url, 'conversation-deletion-test');
    ({ app } = await startApi());
  });
  afterAll(async () => {
    await app.close();
    await admin.$disconnect();
    redis.disconnect();
  });

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, as = key, payload?: object) =>
    app.inject({ method, url, headers: { 'x-api-key': as }, ...(payload ? { payload } : {}) });
  const newConversation = async () => (await call('POST', '/v1/conversations', key, {})).json().id as string;
  const postMessage = async (conversationId: string) => {
    const posted = await call('POST', `/v1/conversations/${conversationId}/messages`, key, { content: 'hello' });
    expect(posted.statusCode).toBe(202);
    return posted.json().job.id as string;
  };

  it('refuses with 409 while a reply is queued, naming the job, and deletes nothing', async () => {
    const conversationId = await newConversation();
    const jobId = await postMessage(conversationId);

    const refused = await call('DELETE', `/v1/conversations/${conversationId}`);

    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ type: '/problems/conversation-busy', status: 409, jobId });
    expect(refused.json().detail).toContain(`/v1/jobs/${jobId}/cancel`);
    expect((await call('GET', `/v1/conversations/${conversationId}/messages`)).json().data).toHaveLength(1);
    expect((await call('GET', `/v1/jobs/${jobId}`)).statusCode).toBe(200);
  });

  it('after the reply is cancelled, removes the conversation, its messages, its jobs and their event streams, audited', async () => {
    const conversationId = await newConversation();
    const jobId = await postMessage(conversationId);
    expect((await call('POST', `/v1/jobs/${jobId}/cancel`)).statusCode).toBeLessThan(300);
    const stream = jobEventsKey(redisSettings.prefix, jobId);
    await redis.xadd(stream, '*', 'type', 'done', 'data', '{}');

    const deleted = await call('DELETE', `/v1/conversations/${conversationId}`);

    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect((await call('GET', `/v1/conversations/${conversationId}`)).statusCode).toBe(404);
    expect((await call('GET', `/v1/conversations/${conversationId}/messages`)).statusCode).toBe(404);
    expect((await call('GET', `/v1/jobs/${jobId}`)).statusCode).toBe(404);
    expect(await admin.message.count({ where: { conversationId } })).toBe(0);
    expect(await redis.exists(stream)).toBe(0);
    const audit = await call('GET', '/v1/audit-events?action=conversation.deleted');
    expect(audit.json().data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'conversation.deleted',
          target: { type: 'conversation', id: conversationId },
          metadata: { jobs: 1 },
        }),
      ]),
    );
    // Gone means gone: a second delete is a 404.
    expect((await call('DELETE', `/v1/conversations/${conversationId}`)).statusCode).toBe(404);
  });

  it("answers 404 for another tenant's conversation and leaves it alone", async () => {
    const conversationId = await newConversation();

    const attempt = await call('DELETE', `/v1/conversations/${conversationId}`, otherKey);

    expect(attempt.statusCode).toBe(404);
    expect(attempt.headers['content-type']).toContain('application/problem+json');
    expect((await call('GET', `/v1/conversations/${conversationId}`)).statusCode).toBe(200);
  });

  it('answers 400 naming the parameter for an id that is not a UUID', async () => {
    const attempt = await call('DELETE', '/v1/conversations/not-a-uuid');
    expect(attempt.statusCode).toBe(400);
    expect(JSON.stringify(attempt.json().errors)).toContain('id');
  });

  it('answers 404, not an error, to a message posted while its conversation is being deleted', async () => {
    const conversationId = await newConversation();
    // A deletion in flight: the row is deleted but not yet committed, so the post reads the
    // conversation, then its insert waits on the row and finds it gone once the deletion commits.
    const posted = await admin.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`DELETE FROM conversations WHERE id = '${conversationId}'`);
      const post = call('POST', `/v1/conversations/${conversationId}/messages`, key, { content: 'hello' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { post }; // wrapped: returning the promise itself would hold the commit until it settles
    });
    const answer = await posted.post;
    expect(answer.statusCode).toBe(404);
    expect(answer.json()).toMatchObject({ status: 404 });
  });
});
