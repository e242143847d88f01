import { Injectable } from '@nestjs/common';
import { JobRepository, TenantTransactions, UsageRepository } from '@copilot/persistence';
import { ensureConnected, RedisConnections } from '@copilot/redis';
import type { Redis } from 'ioredis';
import { BudgetLedger, type BudgetWindow } from './budget-ledger';

export interface Budgets {
  daily: number | null;
  monthly: number | null;
}

/** Tokens set aside for one generation, in the windows (UTC day and month) it was counted in. */
export interface Reservation {
  tokens: number;
  day: string;
  month: string;
}

export type ReserveResult =
  { ok: true; reservation: Reservation | null } | { ok: false; window: 'day' | 'month'; limit: number; resetAt: Date };

// Checks both windows and adds to both in one atomic step, so parallel reservations
// on any number of replicas never push the reserved total past a limit. A missing
// counter (a new window, or Redis lost it) is never taken for zero: the caller rebuilds it.
const RESERVE = `
local estimate = tonumber(ARGV[1])
local dayLimit, monthLimit = tonumber(ARGV[2]), tonumber(ARGV[3])
local day = redis.call('GET', KEYS[1])
local month = redis.call('GET', KEYS[2])
if not day or not month then return 'missing' end
day, month = tonumber(day), tonumber(month)
if dayLimit >= 0 and day + estimate > dayLimit then return 'day' end
if monthLimit >= 0 and month + estimate > monthLimit then return 'month' end
redis.call('INCRBY', KEYS[1], estimate)
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('INCRBY', KEYS[2], estimate)
redis.call('EXPIRE', KEYS[2], ARGV[5])
return 'ok'
`;

// Settles only counters that exist: a missing one is rebuilt from Postgres, which already
// holds this generation's real usage, so adding the difference there would count it twice.
const SETTLE = `
for i = 1, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('INCRBY', KEYS[i], ARGV[1]) end
end
return 'ok'
`;

const DAY_TTL_S = 2 * 24 * 3600;
const MONTH_TTL_S = 32 * 24 * 3600;

/**
 * Per-tenant token budgets (per UTC day and month): a generation reserves its
 * estimate before it is queued and settles to the real count when it ends, so
 * the budget can be overshot by at most one request's underestimate. The counters
 * live in Redis; one that is missing is rebuilt from Postgres (BudgetLedger) before
 * it is used, so losing Redis does not restart spending from zero.
 */
@Injectable()
export class TokenBudget {
  private client?: Redis;
  private readonly ledger: BudgetLedger;
  /** Rebuilds under way in this process, by tenant and windows: a burst shares one. */
  private readonly rebuilding = new Map<string, Promise<void>>();

  constructor(
    private readonly redis: RedisConnections,
    transactions: TenantTransactions,
    usage: UsageRepository,
    jobs: JobRepository,
  ) {
    this.ledger = new BudgetLedger(transactions, usage, jobs);
  }

  async reserve(tenantId: string, budgets: Budgets, estimate: number, now = new Date()): Promise<ReserveResult> {
    if (budgets.daily === null && budgets.monthly === null) return { ok: true, reservation: null };
    const reservation: Reservation = { tokens: Math.max(0, Math.ceil(estimate)), ...windowsOf(now) };
    const keys = [this.key(tenantId, reservation.day), this.key(tenantId, reservation.month)] as const;
    let verdict: unknown = 'missing';
    // A missing counter is rebuilt and the check run again; only another loss in between
    // (a second flush) sends it round once more.
    for (let attempt = 0; verdict === 'missing' && attempt < 3; attempt++) {
      if (attempt > 0) await this.rebuildOnce(tenantId, reservation);
      verdict = await (
        await this.connection()
      ).eval(
        RESERVE,
        2,
        ...keys,
        reservation.tokens,
        budgets.daily ?? -1,
        budgets.monthly ?? -1,
        DAY_TTL_S,
        MONTH_TTL_S,
      );
    }
    if (verdict === 'missing') throw new Error('the token budget counters vanished while being rebuilt');
    if (verdict === 'ok') return { ok: true, reservation };
    const window = verdict === 'day' ? 'day' : 'month';
    return {
      ok: false,
      window,
      limit: (window === 'day' ? budgets.daily : budgets.monthly)!,
      resetAt: resetOf(window, now),
    };
  }

  /** Replaces the estimate by what was really used (0 when the generation produced nothing). */
  async settle(tenantId: string, reservation: Reservation | null | undefined, actualTokens: number): Promise<void> {
    if (!reservation) return;
    const delta = Math.max(0, Math.ceil(actualTokens)) - reservation.tokens;
    if (delta === 0) return;
    const keys = [this.key(tenantId, reservation.day), this.key(tenantId, reservation.month)];
    await (await this.connection()).eval(SETTLE, keys.length, ...keys, delta);
  }

  /** Tokens counted (reserved or used) in the current windows. */
  async used(tenantId: string, now = new Date()): Promise<{ day: number; month: number }> {
    const { day, month } = windowsOf(now);
    const [d, m] = await (await this.connection()).mget(this.key(tenantId, day), this.key(tenantId, month));
    return { day: Number(d ?? 0), month: Number(m ?? 0) };
  }

  /**
   * Callers reserve inside their own transaction and the rebuild reads in another: one
   * rebuild per tenant and windows at a time keeps a burst from taking a pooled
   * connection each.
   */
  private rebuildOnce(tenantId: string, reservation: Reservation): Promise<void> {
    const key = `${tenantId}:${reservation.day}:${reservation.month}`;
    let running = this.rebuilding.get(key);
    if (!running) {
      running = this.rebuild(tenantId, reservation).finally(() => this.rebuilding.delete(key));
      this.rebuilding.set(key, running);
    }
    return running;
  }

  /**
   * Recreates the window counters that are missing from what Postgres records. SET NX makes
   * it atomic across callers and replicas: one value is written, the others are dropped, and
   * every reservation then adds to that one, so concurrent rebuilds never double count.
   */
  private async rebuild(tenantId: string, reservation: Reservation): Promise<void> {
    const windows: [BudgetWindow, number][] = [
      [{ kind: 'day', id: reservation.day }, DAY_TTL_S],
      [{ kind: 'month', id: reservation.month }, MONTH_TTL_S],
    ];
    const redis = await this.connection();
    for (const [window, ttl] of windows) {
      const key = this.key(tenantId, window.id);
      if (await redis.exists(key)) continue;
      const spent = await this.ledger.spentIn(tenantId, window);
      await redis.set(key, spent, 'EX', ttl, 'NX');
    }
  }

  private key(tenantId: string, window: string): string {
    return `${this.redis.prefix}:budget:${tenantId}:${window}`;
  }

  private async connection(): Promise<Redis> {
    this.client ??= this.redis.failFast('token-budget');
    return ensureConnected(this.client);
  }
}

function windowsOf(now: Date): { day: string; month: string } {
  const iso = now.toISOString();
  return { day: iso.slice(0, 10), month: iso.slice(0, 7) };
}

function resetOf(window: 'day' | 'month', now: Date): Date {
  return window === 'day'
    ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1))
    : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}
