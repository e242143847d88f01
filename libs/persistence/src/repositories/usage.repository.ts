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

  /** Requests and tokens in [from, to), by model or by UTC day; row level security keeps it to the tenant. */
  async summarize(tx: Tx, range: { from: Date; to: Date; groupBy: 'model' | 'day' }): Promise<UsageRow[]> {
    const rows =
      range.groupBy === 'model'
        ? await tx.$queryRaw<{ key: string; requests: bigint; input: bigint; output: bigint }[]>`
            SELECT provider || '/' || model AS key, count(*) AS requests,
                   sum(input_tokens) AS input, sum(output_tokens) AS output
            FROM usage_records WHERE created_at >= ${range.from} AND created_at < ${range.to}
            GROUP BY 1 ORDER BY 1`
        : await tx.$queryRaw<{ key: string; requests: bigint; input: bigint; output: bigint }[]>`
            SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS key, count(*) AS requests,
                   sum(input_tokens) AS input, sum(output_tokens) AS output
            FROM usage_records WHERE created_at >= ${range.from} AND created_at < ${range.to}
            GROUP BY 1 ORDER BY 1`;
    return rows.map((r) => ({
      key: r.key,
      requests: Number(r.requests),
      inputTokens: Number(r.input),
      outputTokens: Number(r.output),
    }));
  }

  /**
   * Recomputes the tenant's usage_daily rows for the UTC days [fromDay, toDay)
   * from usage_records: idempotent, and late records are picked up on the next run.
   */
  async rollUp(tx: Tx, fromDay: Date, toDay: Date): Promise<number> {
    await tx.$executeRaw`DELETE FROM usage_daily WHERE day >= ${fromDay}::date AND day < ${toDay}::date`;
    return tx.$executeRaw`
      INSERT INTO usage_daily (tenant_id, day, provider, model, requests, input_tokens, output_tokens)
      SELECT tenant_id, (created_at AT TIME ZONE 'UTC')::date, provider, model,
             count(*), sum(input_tokens), sum(output_tokens)
      FROM usage_records WHERE created_at >= ${fromDay} AND created_at < ${toDay}
      GROUP BY 1, 2, 3, 4`;
  }
}
