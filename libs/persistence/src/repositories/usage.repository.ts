import { Injectable } from '@nestjs/common';
import type { Tx } from '../lib/tenant-transaction';

export interface NewUsageRecord {
  tenantId: string;
  jobId?: string | null;
  conversationId?: string | null;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  timeToFirstTokenMs?: number | null;
  outcome: string;
}

export interface UsageRow {
  /** The model (`provider/model`) or the UTC day (`2026-11-22`), by the grouping asked for. */
  key: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
}

@Injectable()
export class UsageRepository {
  async record(tx: Tx, usage: NewUsageRecord): Promise<void> {
    await tx.usageRecord.create({ data: usage });
  }

  /**
   * Requests and tokens in [from, to), by model or by UTC day; row level security keeps
   * it to the tenant. Whole days already rolled up are read from usage_daily, the
   * edges and the days not rolled up yet from usage_records: the same numbers, cheaper.
   */
  async summarize(tx: Tx, range: { from: Date; to: Date; groupBy: 'model' | 'day' }): Promise<UsageRow[]> {
    const [state] = await tx.$queryRaw<{ until: Date | null }[]>`
      SELECT usage_rolled_up_until AS until FROM tenants`;
    const rollFrom = ceilToDay(range.from);
    const rollTo = state?.until ? new Date(Math.min(floorToDay(range.to).getTime(), state.until.getTime())) : rollFrom;
    if (rollFrom >= rollTo) return this.fromRecords(tx, range.from, range.to, range.groupBy);
    return merge([
      ...(await this.fromRecords(tx, range.from, rollFrom, range.groupBy)),
      ...(await this.fromRollups(tx, rollFrom, rollTo, range.groupBy)),
      ...(await this.fromRecords(tx, rollTo, range.to, range.groupBy)),
    ]);
  }

  private async fromRecords(tx: Tx, from: Date, to: Date, groupBy: 'model' | 'day'): Promise<UsageRow[]> {
    if (from >= to) return [];
    const rows =
      groupBy === 'model'
        ? await tx.$queryRaw<RawRow[]>`
            SELECT provider || '/' || model AS key, count(*) AS requests,
                   sum(input_tokens) AS input, sum(output_tokens) AS output
            FROM usage_records WHERE created_at >= ${from} AND created_at < ${to}
            GROUP BY 1 ORDER BY 1`
        : await tx.$queryRaw<RawRow[]>`
            SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS key, count(*) AS requests,
                   sum(input_tokens) AS input, sum(output_tokens) AS output
            FROM usage_records WHERE created_at >= ${from} AND created_at < ${to}
            GROUP BY 1 ORDER BY 1`;
    return rows.map(toUsageRow);
  }

  private async fromRollups(tx: Tx, fromDay: Date, toDay: Date, groupBy: 'model' | 'day'): Promise<UsageRow[]> {
    const rows =
      groupBy === 'model'
        ? await tx.$queryRaw<RawRow[]>`
            SELECT provider || '/' || model AS key, sum(requests) AS requests,
                   sum(input_tokens) AS input, sum(output_tokens) AS output
            FROM usage_daily WHERE day >= ${fromDay}::date AND day < ${toDay}::date
            GROUP BY 1 ORDER BY 1`
        : await tx.$queryRaw<RawRow[]>`
            SELECT to_char(day, 'YYYY-MM-DD') AS key, sum(requests) AS requests,
                   sum(input_tokens) AS input, sum(output_tokens) AS output
            FROM usage_daily WHERE day >= ${fromDay}::date AND day < ${toDay}::date
            GROUP BY 1 ORDER BY 1`;
    return rows.map(toUsageRow);
  }

  /**
   * Recomputes the tenant's usage_daily rows from usage_records for yesterday, today
   * and any earlier day not rolled up yet, then marks the days before today complete.
   * Idempotent; records are stamped when written, so a finished day cannot change.
   */
  async rollUp(tx: Tx, tenantId: string, today: Date): Promise<number> {
    const [state] = await tx.$queryRaw<{ until: Date | null; first: Date | null }[]>`
      SELECT t.usage_rolled_up_until AS until,
             (SELECT min(created_at) FROM usage_records) AS first
      FROM tenants t WHERE t.id = ${tenantId}::uuid`;
    const yesterday = new Date(today.getTime() - DAY_MS);
    const backlog = state?.until ?? (state?.first ? floorToDay(state.first) : yesterday);
    const from = backlog < yesterday ? backlog : yesterday;
    const to = new Date(today.getTime() + DAY_MS);
    await tx.$executeRaw`DELETE FROM usage_daily WHERE day >= ${from}::date AND day < ${to}::date`;
    const rows = await tx.$executeRaw`
      INSERT INTO usage_daily (tenant_id, day, provider, model, requests, input_tokens, output_tokens)
      SELECT tenant_id, (created_at AT TIME ZONE 'UTC')::date, provider, model,
             count(*), sum(input_tokens), sum(output_tokens)
      FROM usage_records WHERE created_at >= ${from} AND created_at < ${to}
      GROUP BY 1, 2, 3, 4`;
    await tx.$executeRaw`UPDATE tenants SET usage_rolled_up_until = ${today}::date WHERE id = ${tenantId}::uuid`;
    return rows;
  }
}

const DAY_MS = 24 * 3600 * 1000;
type RawRow = { key: string; requests: bigint; input: bigint; output: bigint };

const toUsageRow = (r: RawRow): UsageRow => ({
  key: r.key,
  requests: Number(r.requests),
  inputTokens: Number(r.input),
  outputTokens: Number(r.output),
});

function floorToDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

function ceilToDay(at: Date): Date {
  return new Date(Math.ceil(at.getTime() / DAY_MS) * DAY_MS);
}

/** Sums rows with the same key (a model seen in both the rollup and the raw edges), sorted by key. */
function merge(rows: UsageRow[]): UsageRow[] {
  const byKey = new Map<string, UsageRow>();
  for (const row of rows) {
    const seen = byKey.get(row.key);
    byKey.set(
      row.key,
      seen
        ? {
            key: row.key,
            requests: seen.requests + row.requests,
            inputTokens: seen.inputTokens + row.inputTokens,
            outputTokens: seen.outputTokens + row.outputTokens,
          }
        : row,
    );
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
