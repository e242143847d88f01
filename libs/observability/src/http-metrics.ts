import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, register } from 'prom-client';

/**
 * Counts and times every HTTP response, including those a guard or the router
 * rejected (an interceptor would miss them). `route` is the route pattern, so
 * ids in paths do not explode the label set.
 */
export function installHttpMetrics(fastify: FastifyInstance): void {
  // prom-client's registry is process-wide: reuse the metrics when a second app
  // instance is created in the same process (tests) instead of failing to register.
  const requests =
    (register.getSingleMetric('http_requests_total') as Counter<string> | undefined) ??
    new Counter({
      name: 'http_requests_total',
      help: 'HTTP responses sent, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status_code'],
    });
  const duration =
    (register.getSingleMetric('http_request_duration_seconds') as Histogram<string> | undefined) ??
    new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
  fastify.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status_code: String(reply.statusCode),
    };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });
}
