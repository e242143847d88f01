import { coreConfig, loadSettings, SettingsError, telemetryConfig } from '@copilot/config';
import { startErrorReporting } from './error-reporting';
import type * as OtelSdk from './otel-sdk';

export type TracedApp = 'api' | 'worker' | 'scheduler';

const stops: (() => Promise<void>)[] = [];
// Spans and events still buffered get this long on shutdown; an unreachable collector must not hold the exit.
const FLUSH_TIMEOUT_MS = 3_000;

/**
 * Starts tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set and error reporting when
 * SENTRY_DSN is set; with neither, nothing is loaded or patched. Must run before
 * http, pg or ioredis are first required (each app's main.ts imports its
 * `telemetry.ts` first). Settings resolve as everywhere else (APP__X > X > .env).
 */
export function startTelemetry(app: TracedApp, env: NodeJS.ProcessEnv = process.env): void {
  let settings;
  try {
    settings = loadSettings(app, [coreConfig, telemetryConfig] as const, { env });
  } catch (error) {
    // The app's own settings load lists every problem and exits; nothing to start meanwhile.
    if (error instanceof SettingsError) return;
    throw error;
  }
  const { telemetry, core } = settings;
  const service = telemetry.serviceName ?? `copilot-${app}`;
  if (telemetry.otlpEndpoint) {
    // Required only when enabled: the SDK is large, and tracing that is off should cost nothing.
    const { startTracing } = require('./otel-sdk') as typeof OtelSdk;
    stops.push(
      startTracing({ ...telemetry, otlpEndpoint: telemetry.otlpEndpoint }, { name: service, version: core.version }),
    );
  }
  if (telemetry.sentryDsn) {
    stops.push(
      startErrorReporting({
        dsn: telemetry.sentryDsn,
        environment: telemetry.sentryEnvironment ?? settings.env,
        release: core.version,
        service,
      }),
    );
  }
}

/** Flushes and stops whatever startTelemetry started (on graceful shutdown); waits at most a few seconds. */
export async function stopTelemetry(): Promise<void> {
  const pending = stops.splice(0).map((stop) => stop().catch(() => undefined));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, FLUSH_TIMEOUT_MS);
  });
  await Promise.race([Promise.all(pending), timeout]);
  clearTimeout(timer);
}
