// Entry point for each app's first import (`@copilot/observability/tracing`): it must not
// load http, pg or ioredis, so it stays apart from the lib's main entry (NestJS, Fastify).
export { startTelemetry, type TracedApp } from './start-telemetry';
