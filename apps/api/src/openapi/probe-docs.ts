import { applyDecorators } from '@nestjs/common';
import { ApiResponse, ApiTags, DECORATORS } from '@nestjs/swagger';
import { HealthController } from '@copilot/observability';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { ApiJson, ApiRoute, problemResponse } from './api-docs.decorators';
import { BuildInfo, Health, Readiness } from './probe.responses';

/*
 * The probe and metrics routes are shared with the worker and scheduler (libs/observability,
 * and the Prometheus module's own controller); their documentation belongs to the api's
 * contract, so it is attached here, once, when the document is built.
 */
type Handlers<T> = { [K in keyof T]: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T];

function document<T extends object>(target: T, method: Handlers<T>, ...decorators: MethodDecorator[]): void {
  const descriptor = Object.getOwnPropertyDescriptor(target, method)!;
  // Replaces what the libraries declared (terminus documents a response shape of its own, not this api's).
  Reflect.deleteMetadata(DECORATORS.API_RESPONSE, descriptor.value as object);
  applyDecorators(...decorators)(target, method as string, descriptor);
}

ApiTags('Operations')(HealthController);
ApiTags('Operations')(PrometheusController);

document(
  HealthController.prototype,
  'live',
  ApiRoute('getHealth', 'Liveness: the process answers', 'Never checks dependencies.'),
  ApiJson(200, Health, 'The process is up.'),
);
document(
  HealthController.prototype,
  'ready',
  ApiRoute('getReadiness', 'Readiness: the database and Redis answer', '503 until every dependency answers.'),
  ApiJson(200, Readiness, 'Every dependency answers: send traffic.'),
  ApiResponse({ status: 503, ...problemResponse(503, 'A dependency does not answer: send no traffic yet.') }),
);
document(
  HealthController.prototype,
  'version',
  ApiRoute('getVersion', 'Build information', 'Version, git SHA and build date of the running api.'),
  ApiJson(200, BuildInfo, 'What is running.'),
);
document(
  PrometheusController.prototype,
  'index',
  ApiRoute('getMetrics', 'Prometheus metrics', 'HTTP, LLM, queue and process metrics in the Prometheus text format.'),
  ApiResponse({
    status: 200,
    description: 'The metrics, in the Prometheus text exposition format.',
    content: {
      'text/plain': {
        schema: { type: 'string', maxLength: 10_000_000 },
        example:
          '# HELP http_requests_total Requests served\n# TYPE http_requests_total counter\nhttp_requests_total{method="GET",route="/v1/jobs/:id",status="200"} 42\n',
      },
    },
  }),
);
