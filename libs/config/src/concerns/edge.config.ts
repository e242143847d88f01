import { z } from 'zod';
import { defineConcern } from '../lib/define-settings';
import { positiveInt } from '../lib/types';

/** The public HTTP edge: CORS, body size, rate limits. */
export const edgeConfig = defineConcern(
  'edge',
  {
    CORS_ORIGINS: {
      schema: z.string().meta({
        description:
          'Origins allowed to call the api from a browser. Empty: none, except that APP_ENV=local allows any',
        values: 'comma-separated origins (`*` is refused)',
      }),
      localDefault: '',
    },
    BODY_LIMIT_BYTES: {
      schema: positiveInt.default(1_048_576).describe('Largest request body accepted (larger: 413)'),
    },
    JSON_MAX_DEPTH: {
      schema: positiveInt
        .max(1_000)
        .default(64)
        .describe('Deepest nesting of arrays and objects accepted in a JSON body (deeper: 400)'),
    },
    RATE_LIMIT_REQUESTS: {
      schema: positiveInt
        .default(100)
        .describe('Requests per window for each API key or token subject (a key may have its own limit)'),
    },
    RATE_LIMIT_WINDOW_MS: { schema: positiveInt.default(60_000).describe('The rate limit window') },
    RATE_LIMIT_TENANT_REQUESTS: {
      schema: positiveInt
        .default(1_000)
        .describe('Requests per window for a whole tenant, all its keys and tokens together'),
    },
    AUTH_FAILURE_LIMIT: {
      schema: positiveInt
        .default(30)
        .describe(
          'Failed authentications per window from one client address with one credential (an API key by its prefix, a token by its hash); beyond it that credential gets 429 from that address until the window ends, other credentials behind the same address do not',
        ),
    },
    AUTH_FAILURE_ADDRESS_LIMIT: {
      schema: positiveInt
        .optional()
        .describe(
          'Failed authentications per window from one client address, all credentials together (default: 10 x AUTH_FAILURE_LIMIT); beyond it the whole address gets 429, valid credentials included. It stops key guessing with a new prefix each try, and is high so that one NAT of honest clients does not reach it',
        ),
    },
    TRUST_PROXY: {
      schema: z.string().default('').meta({
        description:
          'Proxies in front of the api whose X-Forwarded-For is believed, for the client address (Fastify trustProxy). Empty: the socket peer is the client',
        values: '`true` (any), or comma-separated addresses/CIDRs',
      }),
    },
  },
  (v) => ({
    corsOrigins: v.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    bodyLimitBytes: v.BODY_LIMIT_BYTES,
    jsonMaxDepth: v.JSON_MAX_DEPTH,
    rateLimit: {
      requests: v.RATE_LIMIT_REQUESTS,
      windowMs: v.RATE_LIMIT_WINDOW_MS,
      tenantRequests: v.RATE_LIMIT_TENANT_REQUESTS,
      authFailures: v.AUTH_FAILURE_LIMIT,
      authFailuresPerAddress: v.AUTH_FAILURE_ADDRESS_LIMIT ?? 10 * v.AUTH_FAILURE_LIMIT,
    },
    trustProxy: parseTrustProxy(v.TRUST_PROXY),
  }),
  (v) => [
    ...((v.CORS_ORIGINS ?? '').split(',').some((o) => o.trim() === '*')
      ? ['CORS_ORIGINS: list the allowed origins; "*" is not accepted']
      : []),
    ...(v.AUTH_FAILURE_ADDRESS_LIMIT !== undefined && v.AUTH_FAILURE_ADDRESS_LIMIT < (v.AUTH_FAILURE_LIMIT ?? 30)
      ? ['AUTH_FAILURE_ADDRESS_LIMIT: must be at least AUTH_FAILURE_LIMIT (it counts every credential of the address)']
      : []),
  ],
);

/** TRUST_PROXY as Fastify's trustProxy option: off, every proxy, or the proxies' addresses. */
function parseTrustProxy(raw: string): boolean | string[] {
  const value = raw.trim();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}
