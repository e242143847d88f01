import { Inject, Injectable, Logger, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { createFailFastRedis } from '@copilot/queues';
import type { Redis } from 'ioredis';
import type { Breaker } from './breaker';
import { CircuitBreaker } from './circuit-breaker';

export const CIRCUIT_BREAKER = Symbol('CIRCUIT_BREAKER');
export const CIRCUIT_BREAKER_OPTIONS = Symbol('CIRCUIT_BREAKER_OPTIONS');

export interface CircuitBreakerSettings {
  redis: { url: string; prefix: string };
  failureThreshold: number;
  cooldownMs: number;
}

/** The circuit breakers' own Redis connection (fail-fast and lazy: a Redis outage lets calls through). */
@Injectable()
export class CircuitBreakerConnection implements OnApplicationShutdown {
  readonly client: Redis;

  constructor(@Inject(CIRCUIT_BREAKER_OPTIONS) settings: CircuitBreakerSettings) {
    this.client = createFailFastRedis(settings.redis.url, 'circuit-breaker');
  }

  onApplicationShutdown(): void {
    this.client.disconnect();
  }
}

/** One breaker per app, shared by every worker and api replica through Redis (CIRCUIT_BREAKER_* settings). */
export function circuitBreakerProviders(settings: CircuitBreakerSettings): Provider[] {
  return [
    { provide: CIRCUIT_BREAKER_OPTIONS, useValue: settings },
    CircuitBreakerConnection,
    {
      provide: CIRCUIT_BREAKER,
      inject: [CircuitBreakerConnection],
      useFactory: (connection: CircuitBreakerConnection): Breaker => {
        const logger = new Logger('CircuitBreaker');
        return new CircuitBreaker(connection.client, {
          prefix: settings.redis.prefix,
          failureThreshold: settings.failureThreshold,
          cooldownMs: settings.cooldownMs,
          onRedisError: (error: unknown) =>
            logger.warn({ err: error }, 'circuit breaker state unavailable; calls go through'),
        });
      },
    },
  ];
}
