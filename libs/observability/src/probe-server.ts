import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { installHttpMetrics } from './http-metrics';
import { requestIdOf } from './logger.options';

/**
 * Creates any of the three apps on Fastify with the JSON logger and HTTP metrics.
 * The worker and scheduler use it for their small probe server; the api adds its
 * routes on top.
 */
export async function createFastifyApp(rootModule: unknown): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    rootModule as never,
    new FastifyAdapter({ bodyLimit: 1_048_576, genReqId: requestIdOf, requestIdHeader: false }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const fastify = app.getHttpAdapter().getInstance();
  installHttpMetrics(fastify);
  // Echo the request id, so a caller can quote it and operators find the log lines.
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  return app;
}

/** Listens and logs where; returns the bound address for the caller to print. */
export async function listen(app: INestApplication, port: number, host: string): Promise<string> {
  await app.listen(port, host);
  const url = await app.getUrl();
  app.get(Logger).log(`listening on ${url}`);
  return url;
}
