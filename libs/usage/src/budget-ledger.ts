import { JobRepository, TenantTransactions, UsageRepository } from '@copilot/persistence';

export type BudgetWindow = { kind: 'day'; id: string } | { kind: 'month'; id: string };

/**
 * What Postgres says a tenant has spent in one budget window: the tokens its finished
 * generations used (usage_records, or usage_daily for rolled-up days) plus the estimates
 * still reserved by generations accepted and not yet ended (the jobs' payloads). The
 * source a lost Redis counter is rebuilt from.
 */
export class BudgetLedger {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly usage: UsageRepository,
    private readonly jobs: JobRepository,
  ) {}

  spentIn(tenantId: string, window: BudgetWindow): Promise<number> {
    const { from, to } = rangeOf(window);
    return this.transactions.run(tenantId, async (tx) => {
      const rows = await this.usage.summarize(tx, { from, to, groupBy: 'day' });
      const used = rows.reduce((sum, row) => sum + row.inputTokens + row.outputTokens, 0);
      return used + (await this.jobs.openReservedTokens(tx, window.kind, window.id));
    });
  }
}

function rangeOf(window: BudgetWindow): { from: Date; to: Date } {
  const [y, m, d] = window.id.split('-').map(Number) as [number, number, number?];
  return window.kind === 'day'
    ? { from: new Date(Date.UTC(y, m - 1, d)), to: new Date(Date.UTC(y, m - 1, d! + 1)) }
    : { from: new Date(Date.UTC(y, m - 1, 1)), to: new Date(Date.UTC(y, m, 1)) };
}
