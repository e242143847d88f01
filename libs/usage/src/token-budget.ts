import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createFailFastRedis, ensureConnected, REDIS_OPTIONS, type RedisSettings } from '@copilot/queues';
import type { Redis } from 'ioredis';

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
// on any number of replicas never push the reserved total past a limit.
const RESERVE = `
local estimate = tonumber(ARGV[1])
local dayLimit, monthLimit = tonumber(ARGV[2]), tonumber(ARGV[3])
local day = tonumber(redis.call('GET', KEYS[1]) or '0')
local month = tonumber(redis.call('GET', KEYS[2]) or '0')
if dayLimit >= 0 and day + estimate > dayLimit then return 'day' end
if monthLimit >= 0 and month + estimate > monthLimit then return 'month' end
redis.call('INCRBY', KEYS[1], estimate)
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('INCRBY', KEYS[2], estimate)
redis.call('EXPIRE', KEYS[2], ARGV[5])
return 'ok'
`;

const DAY_TTL_S = 2 * 24 * 3600;
const MONTH_TTL_S = 32 * 24 * 3600;

/**
 * Per-tenant token budgets (per UTC day and month): a generation reserves its
 * estimate before it is queued and settles to the real count when it ends, so
 * the budget can be overshot by at most one request's underestimate.
 */
@Injectable()
export class TokenBudget implements OnApplicationShutdown {
  private client?: Redis;

  constructor(@Inject(REDIS_OPTIONS) private readonly redis: RedisSettings) {}

  async reserve(tenantId: string, budgets: Budgets, estimate: number, now = new Date()): Promise<ReserveResult> {
    if (budgets.daily === null && budgets.monthly === null) return { ok: true, reservation: null };
    const reservation: Reservation = { tokens: Math.max(0, Math.ceil(estimate)), ...windowsOf(now) };
    const verdict = await (
      await this.connection()
    ).eval(
      RESERVE,
      2,
      this.key(tenantId, reservation.day),
      this.key(tenantId, reservation.month),
      reservation.tokens,
      budgets.daily ?? -1,
      budgets.monthly ?? -1,
      DAY_TTL_S,
      MONTH_TTL_S,
    );
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
    await (
      await this.connection()
    )
      .multi()
      .incrby(this.key(tenantId, reservation.day), delta)
      .incrby(this.key(tenantId, reservation.month), delta)
      .exec();
  }

  /** Tokens counted (reserved or used) in the current windows. */
  async used(tenantId: string, now = new Date()): Promise<{ day: number; month: number }> {
    const { day, month } = windowsOf(now);
    const [d, m] = await (await this.connection()).mget(this.key(tenantId, day), this.key(tenantId, month));
    return { day: Number(d ?? 0), month: Number(m ?? 0) };
  }

  onApplicationShutdown(): void {
    this.client?.disconnect();
  }

  private key(tenantId: string, window: string): string {
    return `${this.redis.prefix}:budget:${tenantId}:${window}`;
  }

  private async connection(): Promise<Redis> {
    this.client ??= createFailFastRedis(this.redis.url, 'token-budget');
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
