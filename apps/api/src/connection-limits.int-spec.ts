import { connect, type Socket } from 'node:net';
import { PrismaService } from '@copilot/persistence';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTenantWithKeys, startApi } from './testing/api-test-app';

// What one client can hold of the api: open streams are capped per key and per
// tenant, slowly sent requests are cut, and a saturated database pool is a 503 with
// Retry-After rather than a hang. Each is tried as a hostile client would.
describe('connection limits', () => {
  describe('open streams', () => {
    let app: NestFastifyApplication;
    let base: string;
    let hostile: { tenantId: string; keys: Record<string, string> };
    let bystander: { keys: Record<string, string> };
    let streamer: { keys: Record<string, string> };
    const perKey = 150;
    const perTenant = 200;
    const open: AbortController[] = [];

    beforeAll(async () => {
      hostile = await createTenantWithKeys('streams-hostile', {
        first: { scopes: ['chat:read', 'chat:write'] },
        second: { scopes: ['chat:read', 'chat:write'] },
      });
      bystander = await createTenantWithKeys('streams-bystander', { only: { scopes: ['chat:read', 'chat:write'] } });
      streamer = await createTenantWithKeys('streams-messages', { only: { scopes: ['chat:read', 'chat:write'] } });
      ({ app } = await startApi((s) => ({
        ...s,
        connections: { ...s.connections, streamsPerPrincipal: perKey, streamsPerTenant: perTenant },
        edge: { ...s.edge, rateLimit: { ...s.edge.rateLimit, requests: 100_000, tenantRequests: 100_000 } },
      })));
      await app.listen(0, '127.0.0.1');
      base = await app.getUrl();
    }, 30_000);
    afterAll(async () => {
      for (const controller of open) controller.abort();
      await app.close();
    });

    const post = async (key: string, path: string, body: object, accept = 'application/json') =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/json', accept },
        body: JSON.stringify(body),
      });
    /** A job to follow: with no worker running, it stays queued, and its stream stays open. */
    const queuedJob = async (key: string) => {
      const conversation = (await (await post(key, '/v1/conversations', {})).json()) as { id: string };
      const posted = await post(key, `/v1/conversations/${conversation.id}/messages`, { content: 'hi' });
      return { conversationId: conversation.id, jobId: ((await posted.json()) as { job: { id: string } }).job.id };
    };
    /** Opens a stream and keeps it open; resolves with its status once the headers arrived. */
    const follow = async (key: string, jobId: string) => {
      const controller = new AbortController();
      const response = await fetch(`${base}/v1/jobs/${jobId}/events`, {
        headers: { 'x-api-key': key },
        signal: controller.signal,
      });
      // A refusal's body is read by the test; only open streams are kept to close later.
      if (response.ok) open.push(controller);
      return response;
    };

    it('refuses a key its 151st open stream, and the tenant its 201st, sparing other tenants', async () => {
      const { jobId } = await queuedJob(hostile.keys.first!);
      const first = await Promise.all(Array.from({ length: perKey }, () => follow(hostile.keys.first!, jobId)));
      expect(first.map((r) => r.status)).toEqual(Array(perKey).fill(200));

      const refused = await follow(hostile.keys.first!, jobId);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(await refused.json()).toMatchObject({ type: '/problems/too-many-streams', limit: perKey });

      // The tenant's other key may open the rest of the tenant's allowance, and no more.
      const second = await Promise.all(
        Array.from({ length: perTenant - perKey }, () => follow(hostile.keys.second!, jobId)),
      );
      expect(second.every((r) => r.status === 200)).toBe(true);
      expect((await follow(hostile.keys.second!, jobId)).status).toBe(429);

      // Another tenant is not affected.
      const theirs = await queuedJob(bystander.keys.only!);
      expect((await follow(bystander.keys.only!, theirs.jobId)).status).toBe(200);

      // Closing a stream gives its place back.
      open.shift()!.abort();
      let again: Response | undefined;
      for (let i = 0; i < 50 && again?.status !== 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        again = await follow(hostile.keys.first!, jobId);
      }
      expect(again?.status).toBe(200);
    }, 60_000);

    it('refuses a streamed message beyond the cap without storing it', async () => {
      const key = streamer.keys.only!;
      const { conversationId, jobId } = await queuedJob(key);
      const held = await Promise.all(Array.from({ length: perKey }, () => follow(key, jobId)));
      expect(held.every((r) => r.status === 200)).toBe(true);
      const refused = await post(
        key,
        `/v1/conversations/${conversationId}/messages`,
        { content: 'one stream too many' },
        'text/event-stream',
      );
      expect(refused.status).toBe(429);
      const messages = await fetch(`${base}/v1/conversations/${conversationId}/messages`, {
        headers: { 'x-api-key': key },
      });
      const stored = ((await messages.json()) as { data: { content: string }[] }).data.map((m) => m.content);
      expect(stored).toEqual(['hi']);
    }, 60_000);
  });

  describe('slow requests', () => {
    let app: NestFastifyApplication;
    let port: number;
    let key: string;

    beforeAll(async () => {
      key = (await createTenantWithKeys('slow', { admin: { scopes: ['admin'] } })).keys.admin!;
      ({ app } = await startApi((s) => ({
        ...s,
        connections: { ...s.connections, requestTimeoutMs: 1_000, headersTimeoutMs: 500 },
      })));
      await app.listen(0, '127.0.0.1');
      port = Number(new URL(await app.getUrl()).port);
    }, 30_000);
    afterAll(() => app.close());

    /** Sends `head` at once, then `trickle` a byte every 100 ms; resolves with what came back and when. */
    function slowClient(head: string, trickle: string): Promise<{ answer: string; closedAfterMs: number }> {
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const socket: Socket = connect(port, '127.0.0.1');
        let answer = '';
        let timer: NodeJS.Timeout | undefined;
        const giveUp = setTimeout(() => {
          socket.destroy();
          reject(new Error('the server kept the slow connection open for 8 s'));
        }, 8_000);
        socket.on('connect', () => {
          socket.write(head);
          let sent = 0;
          timer = setInterval(() => {
            if (sent < trickle.length && !socket.destroyed) socket.write(trickle[sent++]!);
          }, 100);
        });
        socket.on('data', (part) => (answer += part.toString()));
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearInterval(timer);
          clearTimeout(giveUp);
          resolve({ answer, closedAfterMs: Date.now() - started });
        });
      });
    }

    it.each([
      ['with a valid key', (k: string) => `x-api-key: ${k}\r\n`],
      ['without credentials', () => ''],
    ])('cuts a body sent a byte at a time, %s', async (_label, auth) => {
      const body = JSON.stringify({ metadata: { note: 'x'.repeat(200) } });
      const head =
        `POST /v1/conversations HTTP/1.1\r\nHost: localhost\r\n${auth(key)}` +
        `content-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`;
      const { answer, closedAfterMs } = await slowClient(head, body);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(closedAfterMs).toBeLessThan(4_000);
    });

    it('cuts headers that never end', async () => {
      const { closedAfterMs } = await slowClient('GET /v1/me HTTP/1.1\r\nHost: localhost\r\n', 'x-slow: '.repeat(20));
      expect(closedAfterMs).toBeLessThan(3_000);
    });
  });

  describe('a saturated database pool', () => {
    let app: NestFastifyApplication;
    let key: string;

    beforeAll(async () => {
      key = (await createTenantWithKeys('pool', { admin: { scopes: ['admin'] } })).keys.admin!;
      ({ app } = await startApi((s) => ({ ...s, database: { ...s.database, poolSize: 1, poolTimeoutMs: 300 } })));
    }, 30_000);
    afterAll(() => app.close());

    it('answers 503 with Retry-After within the pool timeout, and serves again once a connection is free', async () => {
      const prisma = app.get(PrismaService).client;
      // Every connection the api has is busy (here: its one, held by a slow statement).
      // (A Prisma query runs only once awaited: `then` starts it.)
      const busy = prisma.$queryRaw`SELECT pg_sleep(2)::text`.then(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      const response = await app.inject({ method: 'GET', url: '/v1/conversations', headers: { 'x-api-key': key } });
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json()).toMatchObject({ type: '/problems/database-unavailable' });
      await busy;
      const later = await app.inject({ method: 'GET', url: '/v1/conversations', headers: { 'x-api-key': key } });
      expect(later.statusCode).toBe(200);
    });
  });
});
