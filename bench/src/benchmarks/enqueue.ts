import { closedLoop } from '../lib/closed-loop';
import { fixedRate } from '../lib/fixed-rate';
import { HttpClient } from '../lib/http-client';
import { PlatformEnv } from '../lib/platform-env';
import type { BenchmarkContext, BenchmarkOutcome } from '../lib/benchmark';
import { PlainEnqueue } from './plain-enqueue';

const POOL_SIZE = 10; // the api's DATABASE_POOL_SIZE default, given to the baseline too

/** `POST /v1/conversations/:id/messages` against the same writes and BullMQ add done by a plain script. */
export async function enqueue({ size }: BenchmarkContext): Promise<BenchmarkOutcome> {
  const concurrency = size.smoke ? 4 : 32;
  const durationMs = size.smoke ? 1_000 : 10_000;
  const platform = await PlatformEnv.create('enqueue', { DATABASE_POOL_SIZE: String(POOL_SIZE) });
  try {
    const api = new HttpClient(await platform.start('api'), platform.apiKey, concurrency);
    const conversations = await Promise.all(
      Array.from({ length: 64 }, () => api.json<{ id: string }>('POST', '/v1/conversations', { title: 'bench' })),
    );
    const conversationOf = (i: number) => conversations[i % conversations.length].id;
    const viaApi = (i: number) =>
      api.json('POST', `/v1/conversations/${conversationOf(i)}/messages`, { content: `question ${i}` });
    const plain = new PlainEnqueue(
      platform.database.appUrl,
      platform.redisUrl,
      platform.redisPrefix,
      POOL_SIZE,
      platform.tenantId,
    );
    const direct = (i: number) => plain.post(conversationOf(i), `question ${i}`);
    try {
      // Warm both paths (JIT, pools, prepared plans) before anything is measured.
      await closedLoop(concurrency, durationMs / 5, (c, n) => viaApi(c * 1_000_000 + n));
      await closedLoop(concurrency, durationMs / 5, (c, n) => direct(c * 1_000_000 + n));

      const apiMax = await closedLoop(concurrency, durationMs, (c, n) => viaApi(c * 1_000_000 + n));
      const plainMax = await closedLoop(concurrency, durationMs, (c, n) => direct(c * 1_000_000 + n));
      const halfRate = Math.max(1, apiMax.perSecond / 2);
      const apiHalf = await fixedRate(halfRate, durationMs, viaApi);
      const plainHalf = await fixedRate(halfRate, durationMs, direct);
      const errors = apiMax.errors + plainMax.errors + apiHalf.errors + plainHalf.errors;
      return {
        parameters: { concurrency, seconds: durationMs / 1000, conversations: conversations.length, pool: POOL_SIZE },
        figures: [
          ratioFigure('throughput at saturation', 'req/s', apiMax.perSecond, plainMax.perSecond),
          latencyFigure('p50 at saturation', apiMax.latencyMs.p50, plainMax.latencyMs.p50),
          latencyFigure('p99 at saturation', apiMax.latencyMs.p99, plainMax.latencyMs.p99),
          latencyFigure(
            `p50 at ${Math.round(halfRate)} req/s (half of max)`,
            apiHalf.latencyMs.p50,
            plainHalf.latencyMs.p50,
          ),
          latencyFigure(
            `p99 at ${Math.round(halfRate)} req/s (half of max)`,
            apiHalf.latencyMs.p99,
            plainHalf.latencyMs.p99,
          ),
        ],
        targets: [
          {
            target: '>= 60% of the baseline throughput',
            observed: `${Math.round((100 * apiMax.perSecond) / plainMax.perSecond)}%`,
            met: apiMax.perSecond >= 0.6 * plainMax.perSecond,
          },
          {
            target: 'p99 <= 25 ms at half of the maximum throughput',
            observed: `${apiHalf.latencyMs.p99.toFixed(1)} ms`,
            met: apiHalf.latencyMs.p99 <= 25,
          },
        ],
        notes:
          errors > 0
            ? [`${errors} failed calls; first: ${apiMax.firstError ?? plainMax.firstError ?? apiHalf.firstError}`]
            : [],
        errors,
      };
    } finally {
      await Promise.all([api.close(), plain.close()]);
    }
  } finally {
    await platform.close();
  }
}

const ratioFigure = (metric: string, unit: string, platform: number, baseline: number) => ({
  metric,
  unit,
  platform,
  baseline,
  ratio: platform / baseline,
});
const latencyFigure = (metric: string, platform: number, baseline: number) => ({
  metric,
  unit: 'ms',
  platform,
  baseline,
  ratio: platform / baseline,
});
