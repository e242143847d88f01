import { reply, toolCalls } from '@copilot/llm/testing';
import { Pool } from 'undici';
import type { BenchmarkContext, BenchmarkOutcome } from '../lib/benchmark';
import { directCompletion, startFakeOpenAi, viaFakeOpenAi } from '../lib/fake-provider';
import { timeToMarker } from '../lib/first-chunk';
import { HttpClient } from '../lib/http-client';
import { PlatformEnv } from '../lib/platform-env';
import { summarize } from '../lib/stats';

const REPLY = 'It is half past nine in Oslo';

/**
 * What one tool step costs: a message to a copilot whose model calls a builtin tool
 * once (two model steps, one call, their run_steps rows and events) against the same
 * message to a copilot without tools (one model step), both to `done` through the
 * whole platform. The difference is the tool step; its floor is the extra model
 * round trip itself, the same fake provider called directly.
 */
export async function toolStep({ size }: BenchmarkContext): Promise<BenchmarkOutcome> {
  const samples = size.smoke ? 5 : 200;
  const provider = await startFakeOpenAi(reply(REPLY));
  const platform = await PlatformEnv.create('tool-step', { ...viaFakeOpenAi(provider), LOG_LEVEL: 'error' });
  try {
    const apiUrl = await platform.start('api');
    await platform.start('worker');
    const api = new HttpClient(apiUrl, platform.apiKey, 4);
    const sse = new Pool(apiUrl, { connections: 2 });
    const direct = new Pool(new URL(provider.url).origin, { connections: 2 });
    try {
      const copilot = (tools: { name: string }[]) =>
        api.json<{ id: string }>('POST', '/v1/copilots', { name: `tool-step-${tools.length}`, tools });
      const agent = await copilot([{ name: 'current_time' }]);
      const plain = await copilot([]);
      const toDone = async (copilotId: string, callsTool: boolean) => {
        const { id } = await api.json<{ id: string }>('POST', '/v1/conversations', { copilotId });
        if (callsTool) provider.script(toolCalls([{ name: 'current_time', arguments: { timeZone: 'Europe/Oslo' } }]));
        return timeToMarker(
          sse,
          {
            method: 'POST',
            path: `/v1/conversations/${id}/messages`,
            headers: { 'x-api-key': platform.apiKey, 'content-type': 'application/json', accept: 'text/event-stream' },
            body: JSON.stringify({ content: 'What time is it in Oslo?' }),
          },
          'event: done',
        );
      };
      const roundTrip = () => directCompletion(direct, 'What time is it in Oslo?', '[DONE]');
      for (let i = 0; i < Math.min(10, samples); i++) {
        await toDone(agent.id, true);
        await toDone(plain.id, false);
        await roundTrip();
      }
      const withTool: number[] = [];
      const without: number[] = [];
      const extraCall: number[] = [];
      // Interleaved, so drift on a noisy machine hits all three alike.
      for (let i = 0; i < samples; i++) {
        withTool.push(await toDone(agent.id, true));
        without.push(await toDone(plain.id, false));
        extraCall.push(await roundTrip());
      }
      const a = summarize(withTool);
      const b = summarize(without);
      const floor = summarize(extraCall);
      const added = { p50: a.p50 - b.p50, p99: a.p99 - b.p99 };
      return {
        parameters: { samples, tool: 'current_time (builtin)', provider: 'fake OpenAI, no latency' },
        figures: [
          { metric: 'message to done, one tool step, p50', unit: 'ms', platform: a.p50 },
          { metric: 'message to done, no tools, p50', unit: 'ms', platform: b.p50 },
          {
            metric: 'added by one tool step, p50',
            unit: 'ms',
            platform: added.p50,
            baseline: floor.p50,
            ratio: added.p50 / floor.p50,
          },
          {
            metric: 'added by one tool step, p99',
            unit: 'ms',
            platform: added.p99,
            baseline: floor.p99,
            ratio: added.p99 / floor.p99,
          },
        ],
        targets: [],
        notes: [
          'The baseline is the floor of a tool step: the extra model round trip, the same fake provider streamed directly. The rest of what a step adds is the platform: its run_steps rows (written before and after the model step and the call), the step, tool_call and tool_result events, and the tool itself.',
        ],
        errors: 0,
      };
    } finally {
      await Promise.all([api.close(), sse.close(), direct.close()]);
    }
  } finally {
    await platform.close();
    await provider.close();
  }
}
