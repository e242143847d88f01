import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis, RedisOptions } from 'ioredis';
import { createFailFastRedis, createPersistentRedis, REDIS_OPTIONS, type RedisSettings } from './redis-options';

/**
 * Every Redis connection of a process, made here: named (CLIENT LIST shows who is
 * who), tracked, and closed in one place when the app shuts down. Owners that must
 * close theirs at a given moment (a BullMQ worker after its jobs drained) call
 * `close` themselves; the rest are closed last, with the app.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly open = new Map<Redis, string>();

  constructor(@Inject(REDIS_OPTIONS) readonly settings: RedisSettings) {}

  /** Namespaces every key: BullMQ queues, event streams, counters. */
  get prefix(): string {
    return this.settings.prefix;
  }

  /** For request paths: commands fail at once while Redis is away, so callers can fall back. Connects on first use. */
  failFast(name: string): Redis {
    return this.track(createFailFastRedis(this.settings.url, name), name);
  }

  /** For long-lived consumers (BullMQ workers, blocking reads, subscribers): retries forever. */
  persistent(name: string, extra: RedisOptions = {}): Redis {
    return this.track(createPersistentRedis(this.settings.url, name, extra), name);
  }

  /** The connections open now, by name, with their state. */
  list(): { name: string; status: string }[] {
    return [...this.open].map(([client, name]) => ({ name, status: client.status }));
  }

  close(client: Redis): void {
    this.open.delete(client);
    client.disconnect();
  }

  onApplicationShutdown(): void {
    for (const client of [...this.open.keys()]) this.close(client);
  }

  private track(client: Redis, name: string): Redis {
    this.open.set(client, name);
    client.once('end', () => this.open.delete(client));
    return client;
  }
}
