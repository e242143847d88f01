export * from './attempt-deadline';
export * from './breaker';
export * from './circuit-breaker';
export * from './resilient-generator';
export * from './retry-policy';
export { realSleep, type Sleep } from './signals';
export * from './circuit-breaker.providers';
export * from './provider-availability';
