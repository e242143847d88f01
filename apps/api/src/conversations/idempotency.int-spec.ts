import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTenantWithKeys, startApi } from '../testing/api-test-app';

describe('Idempotency-Key reused with another request', () => {
  let app: NestFastifyApplication;
  let key: string;

  beforeAll(async () => {
    key = (await createTenantWithKeys('idem', { chat: { scopes: ['chat:read', 'chat:write'] } })).keys.chat!;
    ({ app } = await startApi());
  });
  afterAll(() => app.close());

  const conversation = async () =>
    (await app.inject({ method: 'POST', url: '/v1/conversations', headers: { 'x-api-key': key }, payload: {} })).json()
      .id as string;
  const post = (conversationId: string, idempotencyKey: string, content: string) =>
    app.inject({
      method: 'POST',
      url: `/v1/conversations/${conversationId}/messages`,
      headers: { 'x-api-key': key, 'idempotency-key': idempotencyKey },
      payload: { content },
    });
  const messages = async (conversationId: string) =>
    (
      await app.inject({
        method: 'GET',
        url: `/v1/conversations/${conversationId}/messages`,
        headers: { 'x-api-key': key },
      })
    )
      .json()
      .data.map((m: { content: string }) => m.content);

  it('replays the same request, and answers 422 for another body or conversation, storing nothing', async () => {
    const [first, second] = [await conversation(), await conversation()];
    const original = await post(first, 'order-42', 'refund please');
    expect(original.statusCode).toBe(202);
    const replay = await post(first, 'order-42', 'refund please');
    expect(replay.statusCode).toBe(202);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().job.id).toBe(original.json().job.id);

    for (const [conversationId, content] of [
      [first, 'refund twice please'],
      [second, 'refund please'],
    ] as const) {
      const reused = await post(conversationId, 'order-42', content);
      expect(reused.statusCode).toBe(422);
      expect(reused.headers['content-type']).toContain('application/problem+json');
      expect(reused.json()).toMatchObject({ type: '/problems/idempotency-key-reused' });
    }
    expect(await messages(first)).toEqual(['refund please']);
    expect(await messages(second)).toEqual([]);
  });

  it('answers the loser of two racing requests with different bodies with 422', async () => {
    const target = await conversation();
    const both = await Promise.all([post(target, 'race-1', 'one'), post(target, 'race-1', 'two')]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([202, 422]);
    expect(await messages(target)).toHaveLength(1);
  });
});
