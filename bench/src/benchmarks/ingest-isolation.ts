import { reply } from '@copilot/llm/testing';
import { nestedHtml, proseDocx, runWithoutWhitespace, zipBombDocx } from '@copilot/retrieval/testing';
import { Pool as PgPool } from 'pg';
import type { BenchmarkContext, BenchmarkOutcome } from '../lib/benchmark';
import { startFakeOpenAi, viaFakeOpenAi } from '../lib/fake-provider';
import { PlatformEnv } from '../lib/platform-env';
import { scrape } from '../lib/prometheus';
import { summarize } from '../lib/stats';
import { ChatTtft } from '../lib/chat-ttft';
import { CpuSpin, type SpinWork } from '../lib/cpu-spin';
import { HostileUploads } from '../lib/hostile-uploads';

const REPLY = 'First token then a few more words to stream back';
/** The worker's INGEST_CONCURRENCY, as .env.example has it: one ingest thread per document at once. */
const INGEST_CONCURRENCY = 2;

/**
 * Issue 14: chat time to first token on a worker while its ingest threads chew on
 * pathological documents (a zip bomb, a DOCX that needs gigabytes of heap, text that
 * parses for longer than PARSE_TIMEOUT_MS, 10,000 levels of HTML, a 200 KB run
 * without whitespace): one at a time, as the issue states its target, and then as
 * many as the worker takes at once. Both against the same worker idle, and beside two
 * floors, measured in the same run.
 */
export async function ingestIsolation({ size }: BenchmarkContext): Promise<BenchmarkOutcome> {
  const samples = size.smoke ? 5 : 200;
  const provider = await startFakeOpenAi(reply(REPLY));
  const platform = await PlatformEnv.create('ingest-isolation', {
    ...viaFakeOpenAi(provider),
    LOG_LEVEL: 'error',
    INGEST_CONCURRENCY: String(INGEST_CONCURRENCY),
  });
  const admin = new PgPool({ connectionString: platform.database.adminUrl, max: 2 });
  try {
    const apiUrl = await platform.start('api');
    const workerUrl = await platform.start('worker');
    const chat = new ChatTtft(apiUrl, platform.apiKey);
    const documents = await hostileDocuments(size.smoke);
    // One document at a time (the case), then as many as the worker takes at once.
    const one = new HostileUploads(apiUrl, platform.apiKey, admin, documents, 1);
    const many = new HostileUploads(apiUrl, platform.apiKey, admin, documents, INGEST_CONCURRENCY + 1);
    try {
      const eventLoopP99 = async () =>
        ((await scrape(`${workerUrl}/metrics`, 'nodejs_eventloop_lag_p99_seconds')) ?? 0) * 1e3;
      for (let i = 0; i < Math.min(20, samples); i++) await chat.sample(); // warm-up
      await eventLoopP99(); // resets the worker's delay histogram
      const idle = summarize(await chat.samples(samples));
      const idleLag = await eventLoopP99();

      // The floors: both cores kept busy in the least intrusive ways (see CpuSpin).
      const beside = async (work: SpinWork) => {
        const spin = await CpuSpin.start(INGEST_CONCURRENCY, work);
        return summarize(await chat.samples(samples).finally(() => spin.stop()));
      };
      const spinFloor = await beside('spin');
      const allocateFloor = await beside('allocate');

      const whileIngesting = async (uploads: HostileUploads, parsing: number) => {
        await uploads.start();
        // Busy before the first sample: `parsing` documents are being parsed or chunked.
        await uploads.untilParsing(parsing);
        await eventLoopP99();
        const ttft = summarize(await chat.samples(samples));
        const lag = await eventLoopP99();
        return { ttft, lag, ended: await uploads.stop() };
      };
      const single = await whileIngesting(one, 1);
      const saturated = await whileIngesting(many, INGEST_CONCURRENCY);
      const workerUp = (await fetch(`${workerUrl}/health`)).status === 200;

      const ratio = (busy: number, quiet: number) => ({ platform: busy, baseline: quiet, ratio: busy / quiet });
      const ttftRows = (label: string, summary: { p50: number; p99: number }) => [
        { metric: `TTFT p50 ${label}`, unit: 'ms', ...ratio(summary.p50, idle.p50) },
        { metric: `TTFT p99 ${label}`, unit: 'ms', ...ratio(summary.p99, idle.p99) },
      ];
      const within = (busy: number, quiet: number, target: string) => ({
        target,
        observed: `${(busy / quiet).toFixed(2)}x`,
        met: busy / quiet <= 2,
      });
      const outcomes = (ended: { byOutcome: Record<string, number> }) =>
        Object.entries(ended.byOutcome)
          .map(([outcome, n]) => `${n} ${outcome}`)
          .join(', ') || 'none';
      return {
        parameters: {
          samples,
          hostileDocuments: one.kinds().join(', '),
          ingestConcurrency: INGEST_CONCURRENCY,
          provider: 'fake OpenAI, no latency',
        },
        figures: [
          ...ttftRows('while one hostile document is ingested', single.ttft),
          ...ttftRows('while every ingest thread parses one', saturated.ttft),
          ...ttftRows('floor: beside spinning nice-19 threads', spinFloor),
          ...ttftRows('floor: beside allocating nice-19 threads', allocateFloor),
          {
            metric: 'worker event-loop delay p99, one document',
            unit: 'ms',
            platform: single.lag,
            baseline: idleLag || undefined,
          },
          {
            metric: 'worker event-loop delay p99, every thread busy',
            unit: 'ms',
            platform: saturated.lag,
            baseline: idleLag || undefined,
          },
          {
            metric: 'hostile documents ended during the runs',
            unit: 'documents',
            platform: single.ended.total + saturated.ended.total,
          },
        ],
        targets: [
          within(single.ttft.p50, idle.p50, 'TTFT p50 within 2x of idle while one hostile document is ingested'),
          within(single.ttft.p99, idle.p99, 'TTFT p99 within 2x of idle while one hostile document is ingested'),
          within(saturated.ttft.p50, idle.p50, 'TTFT p50 within 2x of idle while every ingest thread parses one'),
          within(saturated.ttft.p99, idle.p99, 'TTFT p99 within 2x of idle while every ingest thread parses one'),
          { target: 'the worker stays up', observed: workerUp ? 'up' : 'down', met: workerUp },
        ],
        notes: [
          'Baseline: the same worker, idle, in the same run. "One hostile document": uploads one at a time, the next when the last has ended. "Every ingest thread": one more upload outstanding than there are ingest threads.',
          'Floors: the same chat samples while a separate process, all of it at nice 19, keeps both cores busy with threads that only spin, or that spin allocating objects (as a parser does: caches, memory bandwidth and garbage collection are shared with chat).',
          `Documents ended while measured, one at a time: ${outcomes(single.ended)}; every thread busy: ${outcomes(saturated.ended)}.`,
        ],
        errors: workerUp ? 0 : 1,
      };
    } finally {
      await Promise.all([chat.close(), one.stop(), many.stop()]);
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
