import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { AuthContext } from '@copilot/auth';
import { SETTINGS } from '@copilot/config';
import { Problem } from '@copilot/http';
import { ensureConnected, RedisConnections } from '@copilot/redis';
import type { Redis } from 'ioredis';
import type { ApiSettings } from '../api.settings';

/** A held place among a principal's and a tenant's open streams; release it when the stream ends. */
export interface StreamSlot {
  release(): void;
}

// A slot lives this long unless its api instance renews it: an instance that dies
// frees its slots within a lease, not never.
const LEASE_MS = 60_000;
const RENEW_EVERY_MS = LEASE_MS / 3;

/** KEYS: principal set, tenant set. ARGV: member, lease ms, principal limit, tenant limit. 0: taken; 1/2: which is full. */
const ACQUIRE = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 1 end
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) then return 2 end
local expires = now + tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], expires, ARGV[1])
redis.call('ZADD', KEYS[2], expires, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 0`;

/** KEYS: sets, two per member. ARGV: lease ms, then the members in KEYS' order (each twice). */
const RENEW = `local t = redis.call('TIME')
local expires = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, 'XX', expires, ARGV[i + 1])
  redis.call('PEXPIRE', key, ARGV[1])
end
return 1`;

/**
 * Caps the SSE streams (job events, streamed messages, streamed chat completions)
 * one API key or token subject, and one tenant, hold open at once, across every api
 * replica: each open stream is a member of two sorted sets in Redis, scored by when
 * its lease ends. Beyond a cap the request is answered 429 before anything is done.
 * When Redis does not answer, streams are let through (they need Redis to stream
 * anyway, and a limiter outage must not become an api outage).
 */
@Injectable()
export class StreamSlots implements OnApplicationShutdown {
  private readonly logger = new Logger(StreamSlots.name);
  private readonly held = new Map<string, [string, string]>();
  private client?: Redis;
  private renewal?: NodeJS.Timeout;

  constructor(
    @Inject(SETTINGS) private readonly settings: ApiSettings,
    private readonly connections: RedisConnections,
  ) {}

  /** Takes a slot for `auth`, or throws 429 naming the cap that is full. */
  async acquire(auth: AuthContext): Promise<StreamSlot> {
    const { streamsPerPrincipal, streamsPerTenant } = this.settings.connections;
    const keys = this.keysOf(auth);
    const member = randomUUID();
    let verdict: number;
    try {
      const client = await ensureConnected((this.client ??= this.connections.failFast('stream-slots')));
      verdict = Number(await client.eval(ACQUIRE, 2, ...keys, member, LEASE_MS, streamsPerPrincipal, streamsPerTenant));
    } catch (error) {
      this.logger.warn({ err: error }, 'stream limits unavailable; letting the stream open');
      return { release: () => undefined };
    }
    if (verdict !== 0) {
      const whose = verdict === 1 ? 'this API key or token' : 'this tenant';
      const limit = verdict === 1 ? streamsPerPrincipal : streamsPerTenant;
      throw new Problem(
        429,
        {
          type: '/problems/too-many-streams',
          title: 'Too many open streams',
          detail: `${whose} already holds ${limit} open streams; close one (or follow jobs with GET /v1/jobs/{id}) and retry.`,
          limit,
        },
        { 'retry-after': '1' },
      );
    }
    this.held.set(member, keys);
    this.renewal ??= setInterval(() => void this.renew(), RENEW_EVERY_MS).unref();
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.held.delete(member);
        this.client?.zrem(keys[0], member).catch(() => undefined);
        this.client?.zrem(keys[1], member).catch(() => undefined);
      },
    };
  }

  onApplicationShutdown(): void {
    clearInterval(this.renewal);
  }

  private keysOf(auth: AuthContext): [string, string] {
    const prefix = `${this.settings.redis.prefix}:streams`;
    // A token's subject is only unique within its tenant; hashed, so no raw subject lands in Redis.
    const principal = createHash('sha256')
      .update(`${auth.tenantId}\u0000${auth.principalType}\u0000${auth.principalId}`)
      .digest('hex')
      .slice(0, 32);
    return [`${prefix}:principal:${principal}`, `${prefix}:tenant:${auth.tenantId}`];
  }

  /** Pushes every held slot's lease forward (by Redis' clock, as acquire does), in one round trip. */
  private async renew(): Promise<void> {
    if (!this.client || this.held.size === 0) return;
    const keys: string[] = [];
    const members: string[] = [];
    for (const [member, pair] of this.held) {
      keys.push(...pair);
      members.push(member, member);
    }
    await this.client
      .eval(RENEW, keys.length, ...keys, LEASE_MS, ...members)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not renew stream leases'));
  }
}
