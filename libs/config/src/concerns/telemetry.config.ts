import { z } from 'zod';
import { defineConcern } from '../lib/define-settings';

const httpUrl = z.string().regex(/^https?:\/\/\S+$/, 'expected an http:// or https:// URL');

const SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

/**
 * Tracing (OpenTelemetry, OTLP over HTTP) and error reporting (Sentry). Both are
 * off unless their endpoint is set; the names are the standard ones of each tool.
 */
export const telemetryConfig = defineConcern(
  'telemetry',
  {
    OTEL_EXPORTER_OTLP_ENDPOINT: { schema: httpUrl.optional() },
    OTEL_SERVICE_NAME: { schema: z.string().min(1).optional() },
    OTEL_TRACES_SAMPLER: { schema: z.enum(SAMPLERS).default('parentbased_always_on') },
    OTEL_TRACES_SAMPLER_ARG: { schema: z.coerce.number().min(0).max(1).default(1) },
    // The DSN's public key only lets one send events; still kept out of logs.
    SENTRY_DSN: { schema: httpUrl.optional(), secret: true },
    SENTRY_ENVIRONMENT: { schema: z.string().min(1).optional() },
  },
  (v) => ({
    otlpEndpoint: v.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, ''),
    serviceName: v.OTEL_SERVICE_NAME,
    sampler: v.OTEL_TRACES_SAMPLER,
    samplerRatio: v.OTEL_TRACES_SAMPLER_ARG,
    sentryDsn: v.SENTRY_DSN,
    sentryEnvironment: v.SENTRY_ENVIRONMENT,
  }),
);
export type TelemetrySettings = ReturnType<typeof telemetryConfig.build>;
