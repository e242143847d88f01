import { Inject, Injectable, Logger, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { SETTINGS } from '@copilot/config';
import { RESILIENT_GENERATOR } from '@copilot/conversations';
import { CircuitBreaker, ResilientGenerator } from '@copilot/llm';
import { createFailFastRedis } from '@copilot/queues';
import type { Redis } from 'ioredis';
import type { WorkerSettings } from './worker.settings';

/** The circuit breakers' own Redis connection (fail-fast: a Redis outage lets calls through). */
@Injectable()
export class CircuitBreakerConnection implements OnApplicationShutdown {
  readonly client: Redis;

  constructor(@Inject(SETTINGS) settings: WorkerSettings) {
    this.client = createFailFastRedis(settings.redis.url, 'circuit-breaker');
  }

  onApplicationShutdown(): void {
    this.client.disconnect();
  }
}

/** Retries, idle timeouts and fallback per MAX_RETRIES/TIMEOUT_MS, and a circuit breaker per provider shared through Redis. */
export const resilientGeneratorProviders: Provider[] = [
  CircuitBreakerConnection,
  {
    provide: RESILIENT_GENERATOR,
    inject: [CircuitBreakerConnection, SETTINGS],
    useFactory: (connection: CircuitBreakerConnection, settings: WorkerSettings) => {
      const logger = new Logger('CircuitBreaker');
      const breaker = new CircuitBreaker(connection.client, {
        prefix: settings.redis.prefix,
        failureThreshold: settings.llm.breaker.failureThreshold,
        cooldownMs: settings.llm.breaker.cooldownMs,
        onRedisError: (error: unknown) =>
          logger.warn({ err: error }, 'circuit breaker state unavailable; calls go through'),
      });
      return new ResilientGenerator({
        maxRetries: settings.llm.maxRetries,
        timeoutMs: settings.llm.timeoutMs,
        breaker,
      });
    },
  },
];
