import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  type Sampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { TelemetrySettings } from '@copilot/config';

// Probes are polled every few seconds by orchestrators and scrapers: spans for them are noise.
const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics', '/version']);

/**
 * Starts the OpenTelemetry SDK: spans for HTTP (server and client), Postgres,
 * Redis and fetch (provider SDKs), batched to `<endpoint>/v1/traces` over OTLP/HTTP.
 * Only traces: logs stay on stdout and metrics on /metrics. Returns the shutdown,
 * which flushes the spans still in the batch.
 */
export function startTracing(
  settings: TelemetrySettings & { otlpEndpoint: string },
  service: { name: string; version: string },
): () => Promise<void> {
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: service.name, [ATTR_SERVICE_VERSION]: service.version }),
    serviceName: service.name,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${settings.otlpEndpoint}/v1/traces` }))],
    sampler: samplerOf(settings),
    textMapPropagator: new W3CTraceContextPropagator(),
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0]!),
      }),
      new PgInstrumentation(),
      new IORedisInstrumentation(),
      new UndiciInstrumentation(),
    ],
  });
  sdk.start();
  return () => sdk.shutdown();
}

function samplerOf({ sampler, samplerRatio }: TelemetrySettings): Sampler {
  const root: Sampler = sampler.endsWith('always_off')
    ? new AlwaysOffSampler()
    : sampler.endsWith('traceidratio')
      ? new TraceIdRatioBasedSampler(samplerRatio)
      : new AlwaysOnSampler();
  return sampler.startsWith('parentbased_') ? new ParentBasedSampler({ root }) : root;
}
