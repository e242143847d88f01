export * from './health.controller';
export * from './http-metrics';
export * from './logger.options';
export * from './observability.module';
export * from './probe-server';
