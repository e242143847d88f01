export * from './health.controller';
export * from './http-metrics';
export * from './logger.options';
export * from './observability.module';
export * from './probe-server';
export * from './tracing/error-reporting';
export { stopTelemetry } from './tracing/start-telemetry';
export * from './tracing/trace-context';
