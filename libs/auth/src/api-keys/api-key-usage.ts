import { Injectable } from '@nestjs/common';
import { ApiKeyRepository, TenantTransactions } from '@copilot/persistence';
import { RedisConnections } from '@copilot/redis';
import type { Redis } from 'ioredis';

/** Per instance: a key's use is written to Redis at most this often. */
const RECORD_EVERY_MS = 10_000;

/**
 * Last-used times without a database write per request: each use is noted in a
 * Redis hash (at most every few seconds per key and instance); listings read it,
 * and the scheduler moves it into Postgres from time to time.
 */
@Injectable()
export class ApiKeyUsage {
  private client?: Redis;
  private readonly lastNoted = new Map<string, number>();

  constructor(
    private readonly redis: RedisConnections,
    private readonly transactions: TenantTransactions,
    private readonly keys: ApiKeyRepository,
  ) {}

  private get hashKey(): string {
    return `${this.redis.prefix}:api-keys:last-used`;
  }

  /** Never fails the request it is called for: a lost note only makes last-used older. */
  note(tenantId: string, keyId: string, now = Date.now()): void {
    if (now - (this.lastNoted.get(keyId) ?? 0) < RECORD_EVERY_MS) return;
    this.lastNoted.set(keyId, now);
    this.connection()
      .hset(this.hashKey, `${tenantId}:${keyId}`, String(now))
      .catch(() => this.lastNoted.delete(keyId));
  }

  /** Last-used times still only in Redis, for these keys of one tenant. */
  async pending(tenantId: string, keyIds: string[]): Promise<Map<string, Date>> {
    if (keyIds.length === 0) return new Map();
    const values = await this.connection().hmget(this.hashKey, ...keyIds.map((id) => `${tenantId}:${id}`));
    return new Map(keyIds.flatMap((id, i) => (values[i] ? [[id, new Date(Number(values[i]))] as const] : [])));
  }

  /**
   * Moves every noted use into Postgres. The hash is renamed first (atomic), so
   * uses noted meanwhile go to a fresh hash and are kept for the next flush.
   */
  async flush(): Promise<number> {
    const batchKey = `${this.hashKey}:flushing:${Date.now()}`;
    try {
      await this.connection().rename(this.hashKey, batchKey);
    } catch (error) {
      if (/no such key/i.test((error as Error).message)) return 0;
      throw error;
    }
    const entries = await this.connection().hgetall(batchKey);
    const byTenant = new Map<string, { id: string; at: Date }[]>();
    for (const [field, ms] of Object.entries(entries)) {
      const [tenantId, id] = field.split(':');
      if (!tenantId || !id) continue;
      byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), { id, at: new Date(Number(ms)) }]);
    }
    for (const [tenantId, usage] of byTenant) {
      await this.transactions.run(tenantId, (tx) => this.keys.recordLastUsed(tx, usage));
    }
    await this.connection().unlink(batchKey);
    return Object.keys(entries).length;
  }

  private connection(): Redis {
    this.client ??= this.redis.persistent('api-key-usage');
    return this.client;
  }
}
