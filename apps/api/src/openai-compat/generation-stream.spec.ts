import type { GenerationEvent } from './job-generation-reader';
import { interleave } from './generation-stream';

const token = (text: string): GenerationEvent => ({ type: 'token', text });
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Tokens arriving after the given delays. */
async function* timed(...steps: [number, string][]): AsyncGenerator<GenerationEvent> {
  for (const [ms, text] of steps) {
    await later(ms);
    yield token(text);
  }
}

describe('interleave', () => {
  it("gives each source's events as they arrive, tagged with its index, until every source ended", async () => {
    const seen: string[] = [];
    for await (const { index, event } of interleave([
      timed([0, 'a1'], [120, 'a2']),
      timed([60, 'b1'], [120, 'b2'], [30, 'b3']),
    ])) {
      seen.push(`${index}:${event.type === 'token' ? event.text : event.type}`);
    }
    expect(seen).toEqual(['0:a1', '1:b1', '0:a2', '1:b2', '1:b3']);
  });

  it('keeps the order within a source and ends at once with no sources', async () => {
    const seen: string[] = [];
    for await (const { index, event } of interleave([timed([0, 'x'], [0, 'y'], [0, 'z'])])) {
      seen.push(`${index}:${event.type === 'token' ? event.text : ''}`);
    }
    expect(seen).toEqual(['0:x', '0:y', '0:z']);
    const none = interleave([]);
    await expect(none.next()).resolves.toEqual({ done: true, value: undefined });
  });
});
