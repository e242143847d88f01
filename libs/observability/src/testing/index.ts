export * from './fake-otlp-collector';
export * from './fake-sentry';
export { eventually } from './recording-server';
