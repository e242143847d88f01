import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { HttpException, UnauthorizedException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  type AuthContext,
  AuthGuard,
  AuthThrottledException,
  isPlatformAdmin,
  PLATFORM_ADMIN_SCOPE,
} from '@copilot/auth';
import { PROBLEM_CONTENT_TYPE } from '@copilot/http';
import { QUEUE } from '@copilot/queues';
import { createPersistentRedis, REDIS_OPTIONS, type RedisSettings } from '@copilot/redis';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

// The board's page loads its scripts, styles (inline style attributes too) and Google's
// fonts by relative URL. Helmet's default policy adds upgrade-insecure-requests, which
// sends those asset requests to https:// and blanks the page on a plain-http admin port;
// this prefix gets its own policy without it (and without Helmet's blanket https: sources).
const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com",
  "font-src 'self' https://fonts.gstatic.com data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * bull-board for the chat, ingest, webhook and maintenance queues at /admin/queues,
 * for platform admins only: the API key as x-api-key or Bearer, or as the password of
 * HTTP Basic so a browser can open it (401 with WWW-Authenticate asks for it).
 */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const redis = app.get<RedisSettings>(REDIS_OPTIONS);
  const guard = app.get(AuthGuard);
  const board = new FastifyAdapter();
  // Its own queues on a connection that waits out a Redis outage: the producer's are
  // fail-fast (requests must not hang on Redis), while the board should simply recover.
  const connection = createPersistentRedis(redis.url, 'queue-dashboard', { lazyConnect: true });
  const queues = Object.values(QUEUE).map((name) => new Queue(name, { connection, prefix: redis.prefix }));
  for (const queue of queues) queue.on('error', () => undefined);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onClose', async () => {
      await Promise.all(queues.map((q) => q.close()));
      connection.disconnect();
    });
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    // npm nested a second @bull-board/api under @bull-board/fastify: same shape, separate type declarations.
    serverAdapter: board as never,
    options: { uiConfig: { boardTitle: 'Copilot queues' } },
  });
  board.setBasePath(QUEUE_DASHBOARD_PATH);

  await app.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', async (request, reply) => {
        const refused = await refusal(guard, request);
        if (refused) return sendProblem(reply, refused);
      });
      scope.addHook('onSend', async (_request, reply, payload) => {
        reply.header('content-security-policy', DASHBOARD_CSP);
        return payload;
      });
      await scope.register(board.registerPlugin() as never);
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}

interface Refusal {
  status: 401 | 403 | 429;
  detail: string;
  retryAfterSeconds?: number;
}

async function refusal(guard: AuthGuard, request: FastifyRequest): Promise<Refusal | null> {
  const headers = withBasicPasswordAsKey(request.headers);
  if (!headers['x-api-key'] && !headers.authorization) {
    return { status: 401, detail: `Sign in with a ${PLATFORM_ADMIN_SCOPE} API key (as the password).` };
  }
  let auth: AuthContext;
  try {
    auth = await guard.authenticateRequest({ headers, ip: request.ip });
  } catch (error) {
    if (error instanceof AuthThrottledException)
      return { status: 429, detail: error.detail, retryAfterSeconds: error.retryAfterSeconds };
    if (error instanceof UnauthorizedException) return { status: 401, detail: error.message };
    if (error instanceof HttpException) return { status: 403, detail: error.message };
    throw error;
  }
  return isPlatformAdmin(auth)
    ? null
    : { status: 403, detail: `The queue dashboard needs an API key with the ${PLATFORM_ADMIN_SCOPE} scope.` };
}

/** `Authorization: Basic base64(user:key)` becomes `x-api-key: key`; the user name is ignored. */
function withBasicPasswordAsKey(headers: FastifyRequest['headers']): FastifyRequest['headers'] {
  const basic = /^Basic\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
  if (!basic) return headers;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  const password = decoded.slice(decoded.indexOf(':') + 1);
  const { authorization: _basic, ...rest } = headers;
  return password ? { ...rest, 'x-api-key': password } : rest;
}

function sendProblem(reply: FastifyReply, refusal: Refusal): FastifyReply {
  if (refusal.status === 401) reply.header('www-authenticate', 'Basic realm="queues", charset="UTF-8"');
  if (refusal.retryAfterSeconds) reply.header('retry-after', String(refusal.retryAfterSeconds));
  return reply
    .code(refusal.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({
      type: 'about:blank',
      title: { 401: 'Not authenticated', 403: 'Not allowed', 429: 'Too many failed authentications' }[refusal.status],
      status: refusal.status,
      detail: refusal.detail,
    });
}
