import { reply } from '@copilot/llm/testing';
import { nestedHtml, proseDocx, runWithoutWhitespace, zipBombDocx } from '@copilot/retrieval/testing';
import { Pool as PgPool } from 'pg';
import type { BenchmarkContext, BenchmarkOutcome } from '../lib/benchmark';
import { startFakeOpenAi, viaFakeOpenAi } from '../lib/fake-provider';
import { PlatformEnv } from '../lib/platform-env';
import { scrape } from '../lib/prometheus';
import { summarize } from '../lib/stats';
import { ChatTtft } from '../lib/chat-ttft';
import { CpuSpin } from '../lib/cpu-spin';
import { HostileUploads } from '../lib/hostile-uploads';

const REPLY = 'First token then a few more words to stream back';

/**
 * Issue 14: chat time to first token on a worker while its ingest threads chew on
 * pathological documents (a zip bomb, a DOCX that needs gigabytes of heap, text that
 * parses for longer than PARSE_TIMEOUT_MS, 10,000 levels of HTML, a 200 KB run
 * without whitespace), against the same worker idle, measured in the same run.
 */
export async function ingestIsolation({ size }: BenchmarkContext): Promise<BenchmarkOutcome> {
  const samples = size.smoke ? 5 : 200;
  const provider = await startFakeOpenAi(reply(REPLY));
  const platform = await PlatformEnv.create('ingest-isolation', { ...viaFakeOpenAi(provider), LOG_LEVEL: 'error' });
  const admin = new PgPool({ connectionString: platform.database.adminUrl, max: 2 });
  try {
    const apiUrl = await platform.start('api');
    const workerUrl = await platform.start('worker');
    const chat = new ChatTtft(apiUrl, platform.apiKey);
    const uploads = new HostileUploads(apiUrl, platform.apiKey, admin, await hostileDocuments(size.smoke));
    try {
      const eventLoopP99 = async () =>
        ((await scrape(`${workerUrl}/metrics`, 'nodejs_eventloop_lag_p99_seconds')) ?? 0) * 1e3;
      for (let i = 0; i < Math.min(20, samples); i++) await chat.sample(); // warm-up
      await eventLoopP99(); // resets the worker's delay histogram
      const idle = await chat.samples(samples);
      const idleLag = await eventLoopP99();

      // The floor: both cores kept busy in the least intrusive way (see CpuSpin).
      const spin = await CpuSpin.start(2);
      const floor = await chat.samples(samples).finally(() => spin.stop());

      await uploads.start();
      // The ingest threads busy before the first sample: a document is parsing on every one.
      await uploads.untilParsing(2);
      await eventLoopP99();
      const busy = await chat.samples(samples);
      const busyLag = await eventLoopP99();
      const ended = await uploads.stop();
      const workerUp = (await fetch(`${workerUrl}/health`)).status === 200;

      const i = summarize(idle);
      const b = summarize(busy);
      const f = summarize(floor);
      const within = (ratio: number) => ratio <= 2;
      return {
        parameters: {
          samples,
          hostileDocuments: uploads.kinds().join(', '),
          ingestConcurrency: 2,
          provider: 'fake OpenAI, no latency',
        },
        figures: [
          { metric: 'time to first token p50', unit: 'ms', platform: b.p50, baseline: i.p50, ratio: b.p50 / i.p50 },
          { metric: 'time to first token p99', unit: 'ms', platform: b.p99, baseline: i.p99, ratio: b.p99 / i.p99 },
          {
            metric: 'floor: TTFT p50 beside spinning nice-19 threads',
            unit: 'ms',
            platform: f.p50,
            baseline: i.p50,
            ratio: f.p50 / i.p50,
          },
          {
            metric: 'floor: TTFT p99 beside spinning nice-19 threads',
            unit: 'ms',
            platform: f.p99,
            baseline: i.p99,
            ratio: f.p99 / i.p99,
          },
          { metric: 'worker event-loop delay p99', unit: 'ms', platform: busyLag, baseline: idleLag || undefined },
          { metric: 'hostile documents ended during the run', unit: 'documents', platform: ended.total },
        ],
        targets: [
          {
            target: 'TTFT p50 within 2x of idle',
            observed: `${(b.p50 / i.p50).toFixed(2)}x`,
            met: within(b.p50 / i.p50),
          },
          {
            target: 'TTFT p99 within 2x of idle',
            observed: `${(b.p99 / i.p99).toFixed(2)}x`,
            met: within(b.p99 / i.p99),
          },
          { target: 'the worker stays up', observed: workerUp ? 'up' : 'down', met: workerUp },
        ],
        notes: [
          'Baseline: the same worker, idle, in the same run; hostile uploads keep every ingest thread busy during the measured phase.',
          'Floor: the same chat samples while a separate process keeps both cores busy with threads that only spin at nice 19 (no allocation, so no garbage collection).',
          `Documents ended while measured: ${
            Object.entries(ended.byOutcome)
              .map(([outcome, n]) => `${n} ${outcome}`)
              .join(', ') || 'none'
          }.`,
        ],
        errors: workerUp ? 0 : 1,
      };
    } finally {
      await Promise.all([chat.close(), uploads.stop()]);
    }
  } finally {
    await admin.end();
    await platform.close();
    await provider.close();
  }
}

/** The attacker's documents: at full size what the issue reported; smaller in smoke runs, to stay quick. */
async function hostileDocuments(smoke: boolean) {
  const scale = smoke ? 0.05 : 1;
  const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  return [
    { kind: 'zip bomb', filename: 'bomb.docx', type: docx, bytes: await zipBombDocx(200 * 1024 * 1024 * scale) },
    { kind: 'heap-hungry DOCX', filename: 'heap.docx', type: docx, bytes: await proseDocx(300_000 * scale) },
    {
      kind: 'slow text',
      filename: 'slow.txt',
      type: 'text/plain',
      bytes: Buffer.from(`${'A. '.repeat(50)}\n\n`.repeat(40_000 * scale)),
    },
    { kind: 'deep HTML', filename: 'deep.html', type: 'text/html', bytes: Buffer.from(nestedHtml(10_000)) },
    {
      kind: 'run without whitespace',
      filename: 'run.txt',
      type: 'text/plain',
      bytes: Buffer.from(runWithoutWhitespace(200_000 * scale)),
    },
  ];
}
