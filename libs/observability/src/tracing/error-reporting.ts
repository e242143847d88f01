import type * as SentrySdk from '@sentry/node';
import { valueRedactor } from '../logger.options';
import { traceLogFields } from './trace-context';

/** Ids that let an operator find the failing request or job; never content. */
export type ErrorTags = Partial<Record<'tenant_id' | 'request_id' | 'job_id' | 'queue' | 'job_name', string>>;

const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'cookie', 'set-cookie', 'proxy-authorization']);
const redactCredentials = valueRedactor([]);
// Loaded by startErrorReporting only: with no DSN the SDK is never even required.
let sentry: typeof SentrySdk | undefined;

/**
 * Sentry for errors only. Tracing stays with our own OpenTelemetry SDK
 * (no Sentry tracer provider, no tracesSampleRate), and the default integrations
 * are left out: they would record request bodies, console output and local
 * variables, any of which can hold prompts or keys.
 */
export function startErrorReporting(options: {
  dsn: string;
  environment: string;
  release: string;
  service: string;
}): () => Promise<void> {
  const Sentry = require('@sentry/node') as typeof SentrySdk;
  Sentry.init({
    dsn: options.dsn,
    environment: options.environment,
    release: options.release,
    // SDK 11's successor of sendDefaultPii: false. Nothing about users, requests, queries or prompts.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: false,
      httpBodies: [],
      urlQueryParams: false,
      genAI: { inputs: false, outputs: false },
      databaseQueryData: false,
      queues: false,
      stackFrameVariables: false,
    },
    // No Sentry tracer provider: our own OpenTelemetry SDK owns tracing (SDK 11's default, stated).
    enableOpenTelemetrySetup: false,
    // Module loader hooks that only feed Sentry's own spans, which are not used.
    enableRuntimeChannelInjection: false,
    defaultIntegrations: false,
    integrations: [
      Sentry.onUncaughtExceptionIntegration(),
      Sentry.onUnhandledRejectionIntegration(),
      Sentry.linkedErrorsIntegration(),
      Sentry.dedupeIntegration(),
    ],
    initialScope: { tags: { service: options.service } },
    beforeSend: (event) => scrubEvent(event),
    beforeBreadcrumb: () => null,
  });
  sentry = Sentry;
  return async () => {
    sentry = undefined;
    await Sentry.close(2_000);
  };
}

/**
 * Sends an unexpected error with the ids given, plus the active trace_id so the
 * event leads to its trace; a no-op when SENTRY_DSN is unset.
 */
export function reportError(error: unknown, tags: ErrorTags): void {
  if (!sentry) return;
  const { trace_id } = traceLogFields();
  const defined = Object.fromEntries(Object.entries({ ...tags, trace_id }).filter(([, value]) => value !== undefined));
  sentry.captureException(error, { tags: defined });
}

/**
 * The last gate before an event leaves: no request body, cookies, credential
 * headers, user or breadcrumbs, and credential shapes blanked in messages.
 */
export function scrubEvent<E extends SentrySdk.ErrorEvent>(event: E): E {
  if (event.request) {
    delete event.request.data;
    delete event.request.cookies;
    if (event.request.headers) {
      event.request.headers = Object.fromEntries(
        Object.entries(event.request.headers).filter(([name]) => !SECRET_HEADERS.has(name.toLowerCase())),
      );
    }
  }
  delete event.user;
  delete event.breadcrumbs;
  delete event.extra;
  if (event.message) event.message = redactCredentials(event.message);
  for (const exception of event.exception?.values ?? []) {
    if (exception.value) exception.value = redactCredentials(exception.value);
  }
  return event;
}
