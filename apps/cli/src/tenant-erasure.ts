import type { PrismaClient, Tenant, TenantRepository, TenantStats } from '@copilot/persistence';
import type { Redis } from 'ioredis';

export interface ErasureReport {
  id: string;
  slug: string;
  /** What the tenant held when it was erased. */
  erased: TenantStats;
  /** Redis keys (and hash fields) removed: job event streams, budget counters, rate limits, stream slots. */
  redisKeys: number;
}

const BATCH = 500;

/**
 * `tenant:delete --confirm`: a customer's data erased for good. Postgres first (the
 * tenant row and, by cascade, everything it owns), so nothing can act as the tenant any
 * more; then every Redis key that carries its id or one of its jobs' ids, leaving other
 * tenants' keys alone. The caller connects to Redis before, so an outage stops it
 * before anything is deleted.
 */
export class TenantErasure {
  constructor(
    private readonly owner: PrismaClient,
    private readonly redis: { client: Redis; prefix: string },
    private readonly tenants: TenantRepository,
  ) {}

  async erase(tenant: Pick<Tenant, 'id' | 'slug'>): Promise<ErasureReport> {
    const erased = await this.tenants.statsOf(this.owner, tenant.id);
    const jobIds = (await this.tenants.erase(this.owner, tenant.id)) ?? [];
    const redisKeys = (await this.deleteJobStreams(jobIds)) + (await this.deleteTenantKeys(tenant.id));
    return { id: tenant.id, slug: tenant.slug, erased, redisKeys };
  }

  private async deleteJobStreams(jobIds: readonly string[]): Promise<number> {
    let deleted = 0;
    for (let i = 0; i < jobIds.length; i += BATCH) {
      const keys = jobIds.slice(i, i + BATCH).map((id) => `${this.redis.prefix}:job:${id}:events`);
      deleted += await this.redis.client.del(...keys);
    }
    return deleted;
  }

  /** The key layouts that embed a tenant id (see TokenBudget, RateLimiter, StreamSlots, ApiKeyUsage). */
  private async deleteTenantKeys(tenantId: string): Promise<number> {
    const p = this.redis.prefix;
    let deleted = 0;
    for (const pattern of [
      `${p}:budget:${tenantId}:*`,
      `${p}:rate-limit:*:tenant:${tenantId}`,
      `${p}:rate-limit:*:principal:${tenantId}:*`,
      `${p}:streams:tenant:${tenantId}`,
    ]) {
      deleted += await this.deleteMatching(pattern);
    }
    return deleted + (await this.deleteHashFields(`${p}:api-keys:last-used`, `${tenantId}:*`));
  }

  private async deleteMatching(pattern: string): Promise<number> {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) deleted += await this.redis.client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  }

  private async deleteHashFields(key: string, fieldPattern: string): Promise<number> {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, entries] = await this.redis.client.hscan(key, cursor, 'MATCH', fieldPattern, 'COUNT', 1000);
      const fields = entries.filter((_, i) => i % 2 === 0);
      if (fields.length > 0) deleted += await this.redis.client.hdel(key, ...fields);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  }
}
