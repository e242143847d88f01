import { Injectable, Logger, type Provider } from '@nestjs/common';
import { RedisConnections } from '@copilot/redis';
import type { Redis } from 'ioredis';
import type { Breaker } from './breaker';
import { CircuitBreaker } from './circuit-breaker';

export const CIRCUIT_BREAKER = Symbol('CIRCUIT_BREAKER');
export const CIRCUIT_BREAKER_OPTIONS = Symbol('CIRCUIT_BREAKER_OPTIONS');

export interface CircuitBreakerSettings {
  failureThreshold: number;
  cooldownMs: number;
}

/** The circuit breakers' own Redis connection (fail-fast and lazy: a Redis outage lets calls through). */
@Injectable()
export class CircuitBreakerConnection {
  readonly client: Redis;
  readonly prefix: string;

  constructor(connections: RedisConnections) {
    this.client = connections.failFast('circuit-breaker');
    this.prefix = connections.prefix;
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
          prefix: connection.prefix,
          failureThreshold: settings.failureThreshold,
          cooldownMs: settings.cooldownMs,
          onRedisError: (error: unknown) =>
            logger.warn({ err: error }, 'circuit breaker state unavailable; calls go through'),
        });
      },
    },
  ];
}
