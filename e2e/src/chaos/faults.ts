/**
 * The injections, and a timeline that spreads them over the load: workers killed
 * with SIGKILL (and restarted), the private Redis and Postgres stopped and started
 * on the same port, and bursts of provider failures through the fake vendor's script.
 */
import { cutAfter, type FakeBehaviour, hang, rateLimited, serverError } from '@copilot/llm/testing';
import type { Platform } from './platform';
import type { PrivatePostgres, PrivateRedis } from './services';

export const FAULT_KINDS = [
  'worker-kill',
  'redis-restart',
  'postgres-restart',
  'provider-5xx',
  'provider-429',
  'provider-timeout',
  'provider-cut',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Injection {
  kind: FaultKind;
  /** Milliseconds since the load started. */
  atMs: number;
  /** How many failures this injection amounts to (provider responses scripted, processes killed...). */
  count: number;
  /** Jobs not yet ended when it struck: its recovery time is when the last of them ended. */
  inFlight: string[];
}

export interface FaultTargets {
  platform: Platform;
  redis: PrivateRedis;
  postgres: PrivatePostgres;
  /** Ids of jobs queued or running right now. */
  inFlight: () => Promise<string[]>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const OUTAGE_MS = 2_000;
const BURST = 4;

/** When each kind strikes, as fractions of the run; repeated kinds strike repeatedly. */
const PLAN: [number, FaultKind][] = [
  [0.1, 'provider-5xx'],
  [0.2, 'worker-kill'],
  [0.3, 'provider-429'],
  [0.35, 'redis-restart'],
  [0.45, 'worker-kill'],
  [0.5, 'provider-timeout'],
  [0.6, 'postgres-restart'],
  [0.7, 'provider-cut'],
  [0.75, 'worker-kill'],
  [0.85, 'provider-5xx'],
];

export function planFaults(
  kinds: readonly FaultKind[],
  durationMs: number,
  random: () => number,
): [number, FaultKind][] {
  return PLAN.filter(([, kind]) => kinds.includes(kind)).map(([at, kind]) => [
    Math.round(durationMs * (at + (random() - 0.5) * 0.06)),
    kind,
  ]);
}

export async function runFaults(
  plan: [number, FaultKind][],
  targets: FaultTargets,
  startedAt: number,
  endsAt: number,
): Promise<Injection[]> {
  const injections: Injection[] = [];
  let kills = 0;
  const restarts = new Map<number, Promise<void>>();
  for (const [atMs, kind] of plan) {
    // A slow restart can push the timeline past the load: later injections would hit an idle system.
    if (Date.now() >= endsAt) break;
    await sleep(Math.max(0, startedAt + atMs - Date.now()));
    const inFlight = await targets.inFlight().catch(() => []);
    const injection: Injection = { kind, atMs: Date.now() - startedAt, count: 1, inFlight };
    injections.push(injection);
    switch (kind) {
      case 'worker-kill': {
        const index = kills++ % targets.platform.workers.length;
        await restarts.get(index); // never kill a replacement still booting
        await targets.platform.killWorker(index);
        // Replaced a second later, as an orchestrator would; the timeline goes on meanwhile.
        restarts.set(
          index,
          sleep(1_000).then(() => targets.platform.startWorker(index)),
        );
        break;
      }
      case 'redis-restart':
        await targets.redis.stop();
        await sleep(OUTAGE_MS);
        await targets.redis.start();
        break;
      case 'postgres-restart':
        targets.postgres.stop();
        await sleep(OUTAGE_MS);
        targets.postgres.start();
        break;
      default:
        injection.count = BURST;
        targets.platform.provider.script(...Array.from({ length: BURST }, () => providerFault(kind)));
    }
  }
  await Promise.all(restarts.values());
  return injections;
}

function providerFault(kind: FaultKind): FakeBehaviour {
  switch (kind) {
    case 'provider-5xx':
      return serverError(503);
    case 'provider-429':
      return rateLimited(undefined, 300);
    case 'provider-timeout':
      return hang();
    default:
      return cutAfter(2);
  }
}
