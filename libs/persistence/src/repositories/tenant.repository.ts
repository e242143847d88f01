import { Injectable } from '@nestjs/common';
import type { PrismaClient, Tenant } from '../generated/prisma/client';
import type { Tx } from '../lib/tenant-transaction';

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

  /** Finds a tenant by its slug or its id. */
  findByRef(admin: PrismaClient, ref: string): Promise<Tenant | null> {
    return admin.tenant.findFirst({ where: UUID.test(ref) ? { OR: [{ id: ref }, { slug: ref }] } : { slug: ref } });
  }
}
