import { reply } from '@copilot/llm/testing';
import { Pool } from 'undici';
import type { BenchmarkContext, BenchmarkOutcome } from '../lib/benchmark';
import { ChatTtft } from '../lib/chat-ttft';
import { directCompletion, startFakeOpenAi, viaFakeOpenAi } from '../lib/fake-provider';
import { PlatformEnv } from '../lib/platform-env';
import { summarize } from '../lib/stats';

const REPLY = 'First token then a few more words to stream back';

/**
 * Time to first token through the whole platform (api -> queue -> worker -> fake
 * provider -> event stream -> api -> SSE client), against the same fake provider
 * streamed directly to the same client. One request at a time: this is latency, not load.
 */
export async function ttft({ size }: BenchmarkContext): Promise<BenchmarkOutcome> {
  const samples = size.smoke ? 5 : 300;
  const provider = await startFakeOpenAi(reply(REPLY));
  const platform = await PlatformEnv.create('ttft', {
    ...viaFakeOpenAi(provider),
    LOG_LEVEL: 'error',
  });
  try {
    const apiUrl = await platform.start('api');
    await platform.start('worker');
    const chat = new ChatTtft(apiUrl, platform.apiKey);
    const direct = new Pool(new URL(provider.url).origin, { connections: 2 });
    try {
      const viaPlatform = () => chat.sample();
      const straight = () => directCompletion(direct, 'How quickly does the first token arrive?', '"content":"First');
      for (let i = 0; i < Math.min(20, samples); i++) await Promise.all([viaPlatform(), straight()]); // warm-up
      const platformMs: number[] = [];
      const directMs: number[] = [];
      // Interleaved, so drift on a noisy machine hits both sides alike.
      for (let i = 0; i < samples; i++) {
        platformMs.push(await viaPlatform());
        directMs.push(await straight());
      }
      const p = summarize(platformMs);
      const d = summarize(directMs);
      return {
        parameters: { samples, reply: `${REPLY.split(' ').length} chunks`, provider: 'fake OpenAI, no latency' },
        figures: [
          { metric: 'time to first token p50', unit: 'ms', platform: p.p50, baseline: d.p50, ratio: p.p50 / d.p50 },
          { metric: 'time to first token p99', unit: 'ms', platform: p.p99, baseline: d.p99, ratio: p.p99 / d.p99 },
          { metric: 'added at p50', unit: 'ms', platform: p.p50 - d.p50 },
          { metric: 'added at p99', unit: 'ms', platform: p.p99 - d.p99 },
        ],
        targets: [
          { target: 'adds <= 5 ms at p50', observed: `${(p.p50 - d.p50).toFixed(1)} ms`, met: p.p50 - d.p50 <= 5 },
          { target: 'adds <= 20 ms at p99', observed: `${(p.p99 - d.p99).toFixed(1)} ms`, met: p.p99 - d.p99 <= 20 },
        ],
        notes: [
          'Each platform sample posts to a fresh conversation created before its clock starts; the clock covers the POST that streams.',
        ],
        errors: 0,
      };
    } finally {
      await Promise.all([chat.close(), direct.close()]);
    }
  } finally {
    await platform.close();
    await provider.close();
  }
}
