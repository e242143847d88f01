import { Injectable } from '@nestjs/common';
import type { PrismaClient, Tenant } from '../generated/prisma/client';
import { NEWEST_FIRST, olderThan, type Page, toPage } from '../lib/cursor';
import type { Tx } from '../lib/tenant-transaction';

/** What an operator looks at to judge a tenant: how much it holds, and what is still running. */
export interface TenantStats {
  activeApiKeys: number;
  copilots: number;
  collections: number;
  documents: number;
  conversations: number;
  jobsByStatus: Record<string, number>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Tenants. Methods taking `admin` need a connection that may see every tenant (the
 * owner's, used by the admin CLI); `tx` methods run as the apps' RLS-bound role.
 */
@Injectable()
export class TenantRepository {
  create(admin: PrismaClient, input: { slug: string; name: string }): Promise<Tenant> {
    return admin.tenant.create({ data: input });
  }

  /** Operators set budgets; null removes one. */
  setBudgets(admin: PrismaClient, id: string, budgets: { daily?: bigint | null; monthly?: bigint | null }) {
    return admin.tenant.update({
      where: { id },
      data: {
        ...(budgets.daily !== undefined ? { dailyTokenBudget: budgets.daily } : {}),
        ...(budgets.monthly !== undefined ? { monthlyTokenBudget: budgets.monthly } : {}),
      },
    });
  }

  /** Days of data the tenant keeps; null follows RETENTION_DAYS. */
  setRetention(admin: PrismaClient, id: string, retentionDays: number | null): Promise<Tenant> {
    return admin.tenant.update({ where: { id }, data: { retentionDays } });
  }

  /** The tenant's own budgets, read inside its transaction (RLS shows a tenant only itself). */
  async budgetsOf(tx: Tx, id: string): Promise<{ daily: number | null; monthly: number | null }> {
    const tenant = await tx.tenant.findUnique({
      where: { id },
      select: { dailyTokenBudget: true, monthlyTokenBudget: true },
    });
    return {
      daily: tenant?.dailyTokenBudget == null ? null : Number(tenant.dailyTokenBudget),
      monthly: tenant?.monthlyTokenBudget == null ? null : Number(tenant.monthlyTokenBudget),
    };
  }

  /** Every tenant, newest first (admin connection). */
  async list(admin: PrismaClient, page: { limit: number; cursor?: string }): Promise<Page<Tenant>> {
    const rows = await admin.tenant.findMany({
      where: olderThan(page.cursor),
      orderBy: NEWEST_FIRST,
      take: page.limit + 1,
    });
    return toPage(rows, page.limit);
  }

  async statsOf(admin: PrismaClient, id: string): Promise<TenantStats> {
    const where = { tenantId: id };
    const [activeApiKeys, copilots, collections, documents, conversations, jobs] = await Promise.all([
      admin.apiKey.count({
        where: { ...where, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
      }),
      admin.copilot.count({ where }),
      admin.collection.count({ where }),
      admin.document.count({ where }),
      admin.conversation.count({ where }),
      admin.job.groupBy({ by: ['status'], where, _count: { _all: true } }),
    ]);
    const jobsByStatus = Object.fromEntries(jobs.map((j) => [j.status, j._count._all]));
    return { activeApiKeys, copilots, collections, documents, conversations, jobsByStatus };
  }

  /** Whether the tenant exists; asked before any tenant is set (a token's claim), hence a SECURITY DEFINER function. */
  async exists(client: PrismaClient, id: string): Promise<boolean> {
    const [row] = await client.$queryRaw<{ exists: boolean }[]>`SELECT app_tenant_exists(${id}::uuid) AS exists`;
    return row?.exists === true;
  }

  /**
   * Erases a tenant: every row it owns goes with it (foreign keys cascade), its audit trail
   * included. Returns the ids its jobs had (for their Redis streams), or null when there was
   * no such tenant. The tenant row is locked first, so no job can be added while the ids are read.
   */
  erase(admin: PrismaClient, id: string): Promise<string[] | null> {
    return admin.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tenants WHERE id = ${id}::uuid FOR UPDATE`;
      if (locked.length === 0) return null;
      const jobs = await tx.job.findMany({ where: { tenantId: id }, select: { id: true } });
      await tx.tenant.delete({ where: { id } });
      return jobs.map((j) => j.id);
    });
  }

  /** Finds a tenant by its slug or its id. */
  findByRef(admin: PrismaClient, ref: string): Promise<Tenant | null> {
    return admin.tenant.findFirst({ where: UUID.test(ref) ? { OR: [{ id: ref }, { slug: ref }] } : { slug: ref } });
  }
}
