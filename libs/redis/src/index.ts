export * from './redis-connections';
export * from './redis-health';
export * from './redis-options';
export * from './redis.module';
