import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { traceLogFields } from './tracing/trace-context';

export interface LoggingSettings {
  service: string;
  version: string;
  level: string;
  format: 'json' | 'pretty';
  /** Configured secret values (JWT secrets, keys, passwords): blanked wherever they appear in a line. */
  redactValues?: readonly string[];
}

// Credential shapes, wherever they turn up (a URL, an error message): our API keys
// and JWTs. Configured secret values are added to these.
const CREDENTIAL_SHAPES = ['cp_[A-Za-z0-9_-]{20,}', 'eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*'];

/** Replaces credentials and every occurrence of the given values in a finished log line. */
export function valueRedactor(values: readonly string[]): (line: string) => string {
  const escaped = [...values]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map((v) =>
      JSON.stringify(v)
        .slice(1, -1)
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    );
  const pattern = new RegExp([...escaped, ...CREDENTIAL_SHAPES].join('|'), 'g');
  return (line) => line.replace(pattern, '[redacted]');
}

/** Anything that can carry a credential; pino replaces these with "[redacted]". */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.apiKey',
  '*.key',
  '*.secret',
  '*.token',
];

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes the caller's x-request-id when it is sane, otherwise makes one. */
export function requestIdOf(req: Pick<IncomingMessage, 'headers'>): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** JSON lines with service, version, request_id and the trace ids on every line; secrets redacted. */
export function loggerParams(settings: LoggingSettings): Params {
  return {
    // nestjs-pino's default pattern logged nothing on Fastify (STACK-NOTES); name every path.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    // tenant_id, assigned once the request is authenticated, also on the request's summary line.
    assignResponse: true,
    pinoHttp: {
      level: settings.level,
      base: { service: settings.service, version: settings.version },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Fastify already chose the id (createFastifyApp passes requestIdOf as its genReqId).
      genReqId: (req) => (req as { id?: string }).id ?? requestIdOf(req),
      customProps: (req) => ({ request_id: (req as { id?: string }).id }),
      // trace_id/span_id of the active span on every line written inside one (requests, jobs).
      mixin: traceLogFields,
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      ...(settings.format === 'pretty' ? { transport: { target: 'pino-pretty' } } : {}),
      hooks: { streamWrite: valueRedactor(settings.redactValues ?? []) },
    },
  };
}
