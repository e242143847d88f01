import { Redis, type RedisOptions } from 'ioredis';

export const REDIS_OPTIONS = Symbol('REDIS_OPTIONS');
export interface RedisSettings {
  url: string;
  /** Namespaces every key: BullMQ queues and event streams alike. */
  prefix: string;
}

/**
 * A connection for request paths: when Redis is down, commands fail at once instead
 * of queueing in memory, so callers can fall back (the outbox relay retries later).
 */
export function createFailFastRedis(url: string, name: string): Redis {
  const client = new Redis(url, {
    connectionName: name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: true,
  });
  // Each failed command already reports the outage to its caller; without a listener
  // ioredis would also print every reconnect attempt to stderr, outside the JSON logs.
  client.on('error', () => undefined);
  return client;
}

const connecting = new WeakMap<Redis, Promise<void>>();

/**
 * Connects a lazy fail-fast client on first use; concurrent first callers share one
 * connect. Later calls find it ready, or fail fast while Redis is away.
 */
export async function ensureConnected(client: Redis): Promise<Redis> {
  if (client.status === 'wait') {
    const connect = client.connect().finally(() => connecting.delete(client));
    connecting.set(client, connect);
  }
  await connecting.get(client);
  return client;
}

/** A connection for long-lived consumers (BullMQ workers, blocking reads): retries forever. */
export function createPersistentRedis(url: string, name: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { connectionName: name, maxRetriesPerRequest: null, ...extra });
}
