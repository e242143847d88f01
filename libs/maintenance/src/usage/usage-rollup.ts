import { Injectable } from '@nestjs/common';
import { MaintenanceRepository, PrismaService, TenantTransactions, UsageRepository } from '@copilot/persistence';

/** Keeps usage_daily current: yesterday, today and any day missed, recomputed for every tenant each run. */
@Injectable()
export class UsageRollup {
  constructor(
    private readonly prisma: PrismaService,
    private readonly transactions: TenantTransactions,
    private readonly maintenance: MaintenanceRepository,
    private readonly usage: UsageRepository,
  ) {}

  async rollUpOnce(now = new Date()): Promise<{ tenants: number; rows: number }> {
    const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    let rows = 0;
    const tenants = await this.maintenance.tenants(this.prisma.client);
    for (const tenant of tenants) {
      rows += await this.transactions.run(tenant.id, (tx) => this.usage.rollUp(tx, tenant.id, today));
    }
    return { tenants: tenants.length, rows };
  }
}
