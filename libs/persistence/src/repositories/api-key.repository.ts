import { Injectable } from '@nestjs/common';
import type { ApiKey, PrismaClient } from '../generated/prisma/client';
import { NEWEST_FIRST, olderThan, type Page, toPage } from '../lib/cursor';
import type { Tx } from '../lib/tenant-transaction';

/** An api key as the rest of the code sees it: never with its hash. */
export type ApiKeyRecord = Omit<ApiKey, 'keyHash'>;
export interface ActiveApiKey {
  id: string;
  tenantId: string;
  scopes: string[];
  /** Requests per rate-limit window, or null for the platform default. */
  rateLimit: number | null;
}

export interface NewApiKey {
  tenantId: string;
  name: string;
  prefix: string;
  keyHash: string;
  scopes: string[];
  expiresAt?: Date | null;
  rateLimit?: number | null;
}

const withoutHash = { keyHash: true } as const;

@Injectable()
export class ApiKeyRepository {
  /** Authentication happens before a tenant is known: a SECURITY DEFINER function does this one read. */
  async findActiveByHash(client: PrismaClient, keyHash: string): Promise<ActiveApiKey | null> {
    const rows = await client.$queryRaw<
      { id: string; tenant_id: string; scopes: string[]; rate_limit: number | null }[]
    >`
      SELECT id, tenant_id, scopes, rate_limit FROM app_find_api_key(${keyHash})`;
    const row = rows[0];
    return row ? { id: row.id, tenantId: row.tenant_id, scopes: row.scopes, rateLimit: row.rate_limit } : null;
  }

  create(tx: Tx | PrismaClient, input: NewApiKey): Promise<ApiKeyRecord> {
    return tx.apiKey.create({ data: input, omit: withoutHash });
  }

  findById(tx: Tx | PrismaClient, id: string): Promise<ApiKeyRecord | null> {
    return tx.apiKey.findUnique({ where: { id }, omit: withoutHash });
  }

  /** Newest first; never the hashes. */
  async list(tx: Tx, page: { limit: number; cursor?: string }): Promise<Page<ApiKeyRecord>> {
    const rows = await tx.apiKey.findMany({
      where: olderThan(page.cursor),
      orderBy: NEWEST_FIRST,
      take: page.limit + 1,
      omit: withoutHash,
    });
    return toPage(rows, page.limit);
  }

  /**
   * Rotation: the successor is created and the old key, linked to it, stays valid
   * until `graceEndsAt` (or its own earlier expiry). Null when the old key was rotated
   * already (by a concurrent request too: the row lock makes the second one wait and
   * then match nothing); the caller must then abort the transaction, successor and all.
   */
  async rotate(tx: Tx, old: ApiKeyRecord, successor: NewApiKey, graceEndsAt: Date): Promise<ApiKeyRecord | null> {
    const created = await this.create(tx, successor);
    const expiresAt = old.expiresAt && old.expiresAt < graceEndsAt ? old.expiresAt : graceEndsAt;
    const linked = await tx.apiKey.updateMany({
      where: { id: old.id, replacedById: null },
      data: { expiresAt, replacedById: created.id },
    });
    return linked.count === 1 ? created : null;
  }

  /** Moves last-used times forward (never back), from the usage recorded in Redis. */
  async recordLastUsed(tx: Tx, usage: { id: string; at: Date }[]): Promise<void> {
    for (const { id, at } of usage) {
      await tx.apiKey.updateMany({
        where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] },
        data: { lastUsedAt: at },
      });
    }
  }

  /** Revokes at once; revoking again keeps the first revocation time. */
  async revoke(tx: Tx | PrismaClient, id: string): Promise<ApiKeyRecord | null> {
    await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    return this.findById(tx, id);
  }
}
