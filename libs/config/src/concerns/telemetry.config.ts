import { z } from 'zod';
import { defineConcern } from '../lib/define-settings';

const httpUrl = z
  .string()
  .regex(/^https?:\/\/\S+$/, 'expected an http:// or https:// URL')
  .meta({ values: 'http(s) URL' });

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
    OTEL_EXPORTER_OTLP_ENDPOINT: {
      schema: httpUrl
        .optional()
        .describe(
          'OTLP/HTTP collector base URL (spans go to <url>/v1/traces). Unset: tracing is off and no OpenTelemetry SDK is loaded',
        ),
    },
    OTEL_SERVICE_NAME: {
      schema: z
        .string()
        .min(1)
        .optional()
        .describe('Service name on spans (default: copilot-api, copilot-worker, copilot-scheduler)'),
    },
    OTEL_TRACES_SAMPLER: { schema: z.enum(SAMPLERS).default('parentbased_always_on').describe('Which traces to keep') },
    OTEL_TRACES_SAMPLER_ARG: {
      schema: z.coerce
        .number()
        .min(0)
        .max(1)
        .default(1)
        .describe('Ratio of traces kept by the `traceidratio` and `parentbased_traceidratio` samplers'),
    },
    // The DSN's public key only lets one send events; still kept out of logs.
    SENTRY_DSN: {
      schema: httpUrl
        .optional()
        .describe('Sentry (or Sentry-compatible) DSN that unexpected errors are reported to. Unset: off'),
      secret: true,
    },
    SENTRY_ENVIRONMENT: {
      schema: z.string().min(1).optional().describe('Environment shown in Sentry (default: APP_ENV)'),
    },
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
