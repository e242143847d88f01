import { type DynamicModule, Global, Module } from '@nestjs/common';
import { RedisConnections } from './redis-connections';
import { RedisHealth } from './redis-health';
import { REDIS_OPTIONS, type RedisSettings } from './redis-options';

/** The process's Redis: its settings, its connections and their readiness check. */
@Global()
@Module({})
export class RedisModule {
  static forRoot(settings: RedisSettings): DynamicModule {
    return {
      module: RedisModule,
      providers: [{ provide: REDIS_OPTIONS, useValue: settings }, RedisConnections, RedisHealth],
      exports: [REDIS_OPTIONS, RedisConnections, RedisHealth],
    };
  }
}
