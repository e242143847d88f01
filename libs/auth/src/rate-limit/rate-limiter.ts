import { Inject, Injectable, Logger } from '@nestjs/common';
import { ensureConnected, RedisConnections } from '@copilot/redis';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export const RATE_LIMIT_OPTIONS = Symbol('RATE_LIMIT_OPTIONS');
export interface RateLimitSettings {
  /** Per API key or token subject, unless the key has its own limit. */
  requests: number;
  windowMs: number;
  /** Per tenant, all its principals together. */
  tenantRequests: number;
  /** Failed authentications per window from one client address with one credential. */
  authFailures: number;
  /** Failed authentications per window from one client address, every credential together. */
  authFailuresPerAddress: number;
}

export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

/**
 * Fixed-window counters in Redis, so every api replica enforces the same limits.
 * When Redis does not answer, requests pass: an outage of the limiter must not
 * become an outage of the api.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly limiters = new Map<number, RateLimiterRedis>();
  private client?: Redis;

  constructor(
    private readonly redis: RedisConnections,
    @Inject(RATE_LIMIT_OPTIONS) readonly settings: RateLimitSettings,
  ) {}

  async consume(key: string, limit: number): Promise<RateLimitVerdict> {
    try {
      const result = await (await this.limiter(limit)).consume(key);
      return { allowed: true, limit, remaining: result.remainingPoints, resetMs: result.msBeforeNext };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        return { allowed: false, limit, remaining: 0, resetMs: rejection.msBeforeNext };
      }
      this.logger.warn({ err: rejection }, 'rate limiter unavailable; letting the request through');
      return { allowed: true, limit, remaining: limit, resetMs: this.settings.windowMs };
    }
  }

  /** Whether `key` has used up `limit` in the current window, without using any of it. */
  async spent(key: string, limit: number): Promise<RateLimitVerdict> {
    try {
      const used = await (await this.limiter(limit)).get(key);
      const consumed = used?.consumedPoints ?? 0;
      return {
        allowed: consumed < limit,
        limit,
        remaining: Math.max(0, limit - consumed),
        resetMs: used?.msBeforeNext ?? this.settings.windowMs,
      };
    } catch (error) {
      this.logger.warn({ err: error }, 'rate limiter unavailable; letting the request through');
      return { allowed: true, limit, remaining: limit, resetMs: this.settings.windowMs };
    }
  }

  private async limiter(points: number): Promise<RateLimiterRedis> {
    this.client ??= this.redis.failFast('rate-limiter');
    await ensureConnected(this.client);
    let limiter = this.limiters.get(points);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: this.client,
        keyPrefix: `${this.redis.prefix}:rate-limit:${points}`,
        points,
        duration: this.settings.windowMs / 1000,
      });
      this.limiters.set(points, limiter);
    }
    return limiter;
  }
}
