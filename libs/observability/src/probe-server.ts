import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { installHttpMetrics } from './http-metrics';
import { requestIdOf } from './logger.options';
import { stopTelemetry } from './tracing/start-telemetry';

/** Fastify as every app uses it: body limit, and request ids taken from x-request-id when sane. */
export interface HttpServerOptions {
  bodyLimitBytes?: number;
  /** Fastify's trustProxy: which proxies' X-Forwarded-For gives the client address. */
  trustProxy?: boolean | string[];
  /** Time to receive a whole request (headers and body); slower clients get 408 and are cut. Default 60 s. */
  requestTimeoutMs?: number;
  /** Time to receive the headers; default 10 s. */
  headersTimeoutMs?: number;
}

export function createFastifyAdapter(options: HttpServerOptions = {}): FastifyAdapter {
  const requestTimeout = options.requestTimeoutMs ?? 60_000;
  const headersTimeout = Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout);
  return new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    trustProxy: options.trustProxy ?? false,
    genReqId: requestIdOf,
    requestIdHeader: false,
    // Fastify turns Node's request timeout off by default, so a body sent a byte at a
    // time held its connection forever, credentials or not. Node checks the deadlines
    // every connectionsCheckingInterval (30 s by default): often enough to matter.
    requestTimeout,
    http: { headersTimeout, connectionsCheckingInterval: Math.min(1_000, headersTimeout) },
  });
}

/**
 * Creates any of the three apps on Fastify with the JSON logger and HTTP metrics.
 * The worker and scheduler use it for their small probe server; the api adds its
 * routes on top.
 */
export async function createFastifyApp(
  rootModule: unknown,
  options: HttpServerOptions = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(rootModule as never, createFastifyAdapter(options), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  installHttpMetrics(fastify);
  // Echo the request id, so a caller can quote it and operators find the log lines.
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  return app;
}

/**
 * Listens, logs where, and closes gracefully on SIGTERM/SIGINT: Nest's shutdown
 * hooks run (workers finish in-flight jobs, connections close), buffered spans and
 * error reports are flushed, then the process exits 0, or 1 if closing takes longer than `shutdownTimeoutMs`.
 */
export async function listen(
  app: INestApplication,
  port: number,
  host: string,
  shutdownTimeoutMs: number,
): Promise<string> {
  await app.listen(port, host);
  const url = await app.getUrl();
  const logger = app.get(Logger);
  logger.log(`listening on ${url}`);
  const shutdown = (signal: NodeJS.Signals) => {
    logger.log(`${signal} received, shutting down`);
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, shutdownTimeoutMs).unref();
    app
      .close()
      // Last, so the spans of the shutdown itself are flushed too.
      .then(() => stopTelemetry())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  return url;
}
