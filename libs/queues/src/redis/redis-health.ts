import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createFailFastRedis, ensureConnected, REDIS_OPTIONS, type RedisSettings } from './redis-options';

/** Answers readiness probes: a PING over a connection that fails fast when Redis is away. */
@Injectable()
export class RedisHealth implements OnApplicationShutdown {
  private client?: Redis;

  constructor(@Inject(REDIS_OPTIONS) private readonly redis: RedisSettings) {}

  async ping(): Promise<void> {
    this.client ??= createFailFastRedis(this.redis.url, 'health');
    await (await ensureConnected(this.client)).ping();
  }

  onApplicationShutdown(): void {
    this.client?.disconnect();
  }
}
