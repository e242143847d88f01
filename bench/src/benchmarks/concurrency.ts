import { reply } from '@copilot/llm/testing';
import { jobEventsKey, toJobEvent } from '@copilot/queues';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import type { BenchmarkContext, BenchmarkOutcome } from '../lib/benchmark';
import { startFakeOpenAi, viaFakeOpenAi } from '../lib/fake-provider';
import { PlatformEnv } from '../lib/platform-env';
import { scrape } from '../lib/prometheus';
import { finishedJobs, seedChatJobs } from '../lib/seed';

/**
 * How many slow streaming generations one worker process holds at once: every job
 * streams a reply for tens of seconds; we sample the worker's memory and event-loop
 * delay while they run, then check every stream arrived whole. Absolute, no baseline.
 */
export async function concurrency({ size }: BenchmarkContext): Promise<BenchmarkOutcome> {
  const streams = size.smoke ? 20 : 2_000;
  const chunks = size.smoke ? 5 : 30;
  const chunkDelayMs = size.smoke ? 100 : 1_000;
  const text = Array.from({ length: chunks }, (_, i) => `w${i}`).join(' ');
  const provider = await startFakeOpenAi(reply(text, { chunks, chunkDelayMs }));
  const platform = await PlatformEnv.create('concurrency', {
    ...viaFakeOpenAi(provider),
    CHAT_CONCURRENCY: String(streams),
    // The slow replies must not be mistaken for hung provider calls.
    TIMEOUT_MS: String(chunks * chunkDelayMs * 3),
    LOG_LEVEL: 'error',
  });
  const admin = new Pool({ connectionString: platform.database.adminUrl, max: 1 });
  try {
    const jobs = await seedChatJobs(platform.database.adminUrl, platform.tenantId, streams);
    const worker = await platform.start('worker');
    const chat = platform.chatQueue();
    await scrape(`${worker}/metrics`, 'nodejs_eventloop_lag_p99_seconds'); // resets the delay histogram
    await chat.addBulk(jobs.map((data) => ({ name: 'chat.generate', data, opts: { jobId: data.jobId } })));
    let peakActive = 0;
    let peakRssBytes = 0;
    let peakLagSeconds = 0;
    while ((await finishedJobs(admin, platform.tenantId)).finished < streams) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      peakActive = Math.max(peakActive, await chat.getActiveCount());
      peakRssBytes = Math.max(peakRssBytes, (await scrape(`${worker}/metrics`, 'process_resident_memory_bytes')) ?? 0);
      peakLagSeconds = Math.max(
        peakLagSeconds,
        (await scrape(`${worker}/metrics`, 'nodejs_eventloop_lag_p99_seconds')) ?? 0,
      );
    }
    await chat.close();
    const { failed } = await finishedJobs(admin, platform.tenantId);
    const dropped = await countIncompleteStreams(
      platform,
      jobs.map((j) => j.jobId),
      text,
    );
    const rssMb = peakRssBytes / 2 ** 20;
    const lagMs = peakLagSeconds * 1000;
    return {
      parameters: { streams, chunks, chunkDelayMs, secondsPerStream: (chunks * chunkDelayMs) / 1000 },
      figures: [
        { metric: 'simultaneous generations (peak active jobs)', unit: 'jobs', platform: peakActive },
        { metric: 'worker RSS at peak', unit: 'MB', platform: rssMb },
        { metric: 'event-loop delay p99 (worst 1 s window)', unit: 'ms', platform: lagMs },
        { metric: 'streams missing or damaged events', unit: 'streams', platform: dropped },
        { metric: 'failed jobs', unit: 'jobs', platform: failed },
      ],
      targets: [
        { target: '>= 2,000 simultaneous streams', observed: String(peakActive), met: peakActive >= 2_000 },
        { target: 'RSS <= 512 MB', observed: `${Math.round(rssMb)} MB`, met: rssMb <= 512 },
        { target: 'event-loop delay p99 <= 50 ms', observed: `${lagMs.toFixed(1)} ms`, met: lagMs <= 50 },
        { target: 'zero dropped events', observed: String(dropped), met: dropped === 0 },
      ],
      notes: [],
      errors: failed,
    };
  } finally {
    await admin.end();
    await platform.close();
    await provider.close();
  }
}

/** Streams whose token events do not add up to the reply, or that lack their `done`. */
async function countIncompleteStreams(platform: PlatformEnv, jobIds: string[], text: string): Promise<number> {
  const redis = new Redis(platform.redisUrl);
  try {
    let incomplete = 0;
    for (const id of jobIds) {
      const events = (await redis.xrange(jobEventsKey(platform.redisPrefix, id), '-', '+')).map(([entry, fields]) =>
        toJobEvent(entry, fields),
      );
      const streamed = events
        .filter((e) => e.type === 'token')
        .map((e) => (e.data as { text: string }).text)
        .join('');
      const done = events.some((e) => e.type === 'done');
      if (!done || streamed !== text) incomplete++;
    }
    return incomplete;
  } finally {
    redis.disconnect();
  }
}
