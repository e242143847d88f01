import { createHash, randomUUID } from 'node:crypto';
import { ensureConnected } from '@copilot/redis';
import type { Redis } from 'ioredis';
import type { LlmError } from '../llm-error';
import { BREAKER_FAILURES, CircuitOpenError, type Breaker, type BreakerPermit, type BreakerState } from './breaker';

export interface CircuitBreakerOptions {
  /** Namespaces the keys (`${prefix}:llm:breaker:${circuit}`), like every other key of a deployment. */
  prefix: string;
  /** Consecutive health failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit skips calls before one probe is let through. */
  cooldownMs: number;
  /**
   * How long the probe may take before another caller may probe instead (the probing
   * worker may die). It reports success on its first chunk, so this only needs to
   * exceed the attempt timeout. Default 60 s.
   */
  probeLeaseMs?: number;
  /** Idle failure counts and forgotten open states expire after this. Default 1 h. */
  stateTtlMs?: number;
  /** A slower Redis counts as down: the call is let through. Default 500 ms. */
  redisTimeoutMs?: number;
  /** Told about every Redis failure (the breaker itself swallows them); for logs and metrics. */
  onRedisError?: (error: unknown) => void;
}

// Redis' own clock (TIME) decides open/half-open, so workers with skewed clocks agree.
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/** KEYS: state, probe. ARGV: probe token, probe lease ms, cooldown ms. */
const ACQUIRE = `${NOW}
local open_until = tonumber(redis.call('HGET', KEYS[1], 'open_until'))
if not open_until then return {'closed', 0} end
if now < open_until then return {'open', open_until - now} end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {'probe', 0} end
local lease = math.max(redis.call('PTTL', KEYS[2]), 0)
return {'half_open', math.min(lease, tonumber(ARGV[3]))}`;

/** KEYS: state, probe. ARGV: is probe ('1'/'0'). A success while open is a call from before it opened: ignored. */
const SUCCESS = `if ARGV[1] == '1' or redis.call('HEXISTS', KEYS[1], 'open_until') == 0 then
  redis.call('DEL', KEYS[1], KEYS[2])
end
return 1`;

/** KEYS: state, probe. ARGV: is probe, threshold, cooldown ms, state ttl ms. */
const FAILURE = `${NOW}
local cooldown = tonumber(ARGV[3])
local is_open = redis.call('HEXISTS', KEYS[1], 'open_until') == 1
if is_open and ARGV[1] ~= '1' then return 'open' end
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
if ARGV[1] == '1' or failures >= tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'open_until', now + cooldown)
  redis.call('DEL', KEYS[2])
  redis.call('PEXPIRE', KEYS[1], cooldown + tonumber(ARGV[4]))
  return 'open'
end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
return 'closed'`;

/** KEYS: probe. ARGV: token. Frees the lease only if it is still ours. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

/** KEYS: state. */
const STATE = `${NOW}
local open_until = tonumber(redis.call('HGET', KEYS[1], 'open_until'))
if not open_until then return 'closed' end
if now < open_until then return 'open' end
return 'half_open'`;

/** KEYS: state, probe. How long a call would still be skipped: 0 when it would go through (or be the probe). */
const OPEN_FOR = `${NOW}
local open_until = tonumber(redis.call('HGET', KEYS[1], 'open_until'))
if not open_until then return 0 end
if now < open_until then return open_until - now end
return math.max(redis.call('PTTL', KEYS[2]), 0)`;

interface Script {
  source: string;
  sha: string;
}
const script = (source: string): Script => ({ source, sha: createHash('sha1').update(source).digest('hex') });
const SCRIPTS = {
  acquire: script(ACQUIRE),
  success: script(SUCCESS),
  failure: script(FAILURE),
  release: script(RELEASE),
  state: script(STATE),
  openFor: script(OPEN_FOR),
};

/**
 * A circuit breaker per circuit (a provider and one credential and endpoint: see
 * circuitKey), shared by every worker through Redis: each
 * transition is one Lua script, so concurrent workers never both open or both probe.
 * Redis trouble never blocks generation: the breaker then fails open (lets calls
 * through, reports 'closed') and tells `onRedisError`.
 */
export class CircuitBreaker implements Breaker {
  private readonly probeLeaseMs: number;
  private readonly stateTtlMs: number;
  private readonly redisTimeoutMs: number;
  private connecting: Promise<Redis> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly options: CircuitBreakerOptions,
  ) {
    this.probeLeaseMs = options.probeLeaseMs ?? 60_000;
    this.stateTtlMs = options.stateTtlMs ?? 3_600_000;
    this.redisTimeoutMs = options.redisTimeoutMs ?? 500;
  }

  async acquire(provider: string): Promise<BreakerPermit> {
    const token = randomUUID();
    const reply = await this.run(
      SCRIPTS.acquire,
      this.keys(provider),
      [token, this.probeLeaseMs, this.options.cooldownMs],
      undefined,
    );
    if (!Array.isArray(reply)) return { provider, probe: false, degraded: true };
    const [verdict, waitMs] = reply as [string, number];
    if (verdict === 'open' || verdict === 'half_open') {
      throw new CircuitOpenError(provider, Number(waitMs), verdict === 'half_open');
    }
    return verdict === 'probe' ? { provider, probe: true, token } : { provider, probe: false };
  }

  async onSuccess(permit: BreakerPermit): Promise<void> {
    await this.run(SCRIPTS.success, this.keys(permit.provider), [permit.probe ? '1' : '0'], undefined);
  }

  async onFailure(permit: BreakerPermit, error: LlmError): Promise<void> {
    const keys = this.keys(permit.provider);
    if (!BREAKER_FAILURES.has(error.kind)) {
      // Inconclusive (the request was the problem, or the caller left): free the probe for the next caller.
      if (permit.probe && permit.token) await this.run(SCRIPTS.release, [keys[1]], [permit.token], undefined);
      return;
    }
    const args = [permit.probe ? '1' : '0', this.options.failureThreshold, this.options.cooldownMs, this.stateTtlMs];
    await this.run(SCRIPTS.failure, keys, args, undefined);
  }

  async state(provider: string): Promise<BreakerState> {
    const reply = await this.run(SCRIPTS.state, [this.keys(provider)[0]], [], 'closed');
    return reply === 'open' || reply === 'half_open' ? reply : 'closed';
  }

  async openFor(circuit: string): Promise<number> {
    const reply = await this.run(SCRIPTS.openFor, this.keys(circuit), [], 0);
    return typeof reply === 'number' ? reply : 0;
  }

  /** Forgets a provider's state (operators, tests). */
  async reset(provider: string): Promise<void> {
    const client = await this.ready();
    await client.del(...this.keys(provider));
  }

  private keys(provider: string): [state: string, probe: string] {
    const state = `${this.options.prefix}:llm:breaker:${provider}`;
    return [state, `${state}:probe`];
  }

  /** Runs a script by digest (loading it on NOSCRIPT); on any Redis failure or slowness returns `fallback`. */
  private async run(s: Script, keys: string[], args: Array<string | number>, fallback: unknown): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const work = (async () => {
      const client = await this.ready();
      try {
        return await client.evalsha(s.sha, keys.length, ...keys, ...args);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        return await client.eval(s.source, keys.length, ...keys, ...args);
      }
    })();
    const slow = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`redis slower than ${this.redisTimeoutMs} ms`)), this.redisTimeoutMs);
    });
    try {
      return await Promise.race([work, slow]);
    } catch (error) {
      work.catch(() => undefined);
      this.options.onRedisError?.(error);
      return fallback;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Connects a lazy client once, even when many calls arrive together (a fail-fast client rejects commands while connecting). */
  private async ready(): Promise<Redis> {
    if (this.redis.status === 'wait' && !this.connecting) {
      this.connecting = ensureConnected(this.redis).finally(() => {
        this.connecting = undefined;
      });
    }
    if (this.connecting) await this.connecting;
    return this.redis;
  }
}
