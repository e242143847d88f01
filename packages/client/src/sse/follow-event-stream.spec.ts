import { CopilotApiError } from '../copilot-api-error';
import type { JobStreamEvent } from '../job-stream-events';
import { CopilotStreamError, followEventStream, type ConnectStream } from './follow-event-stream';

/** A response body that sends `text`, then ends, or fails as a dropped connection does. */
function body(text: string, end: 'close' | 'drop' = 'close'): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    // Erroring in the same call would discard the queued text, so the failure comes on the next read.
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(new TextEncoder().encode(text));
      } else if (end === 'close') controller.close();
      else controller.error(new TypeError('terminated'));
    },
  });
}

const event = (id: string, type: string, data: unknown) =>
  `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;

/** Serves one scripted connection per call and records the Last-Event-ID each asked for. */
function scripted(...connections: (() => ReadableStream<Uint8Array>)[]) {
  const asked: (string | undefined)[] = [];
  const connect: ConnectStream = async (lastEventId) => {
    asked.push(lastEventId);
    const next = connections.shift();
    if (!next) throw new Error('no more connections scripted');
    return next();
  };
  return { connect, asked };
}

async function collect(stream: AsyncIterable<JobStreamEvent>): Promise<JobStreamEvent[]> {
  const events: JobStreamEvent[] = [];
  for await (const e of stream) events.push(e);
  return events;
}

const fast = { initialDelayMs: 1, maxDelayMs: 5 };

describe(followEventStream.name, () => {
  it('resumes after a dropped connection from the last event id, and stops at the final event', async () => {
    const { connect, asked } = scripted(
      () =>
        body(
          event('1-0', 'status', { status: 'running' }) +
            event('2-0', 'token', { text: 'Hel' }) +
            'id: 3-0\nevent: tok',
          'drop',
        ),
      () =>
        body(
          event('3-0', 'token', { text: 'lo' }) +
            event('4-0', 'done', { status: 'succeeded' }) +
            event('5-0', 'token', { text: '!' }),
        ),
    );
    const events = await collect(followEventStream(connect, { retry: fast }));
    expect(events.map((e) => e.id)).toEqual(['1-0', '2-0', '3-0', '4-0']);
    expect(events[1]).toEqual({ id: '2-0', type: 'token', data: { text: 'Hel' } });
    expect(asked).toEqual([undefined, '2-0']);
  });

  it('reconnects when the server closes the stream before a final event, skipping ids it already yielded', async () => {
    const { connect, asked } = scripted(
      () => body(event('1-0', 'token', { text: 'a' })),
      () => body(event('1-0', 'token', { text: 'a' }) + event('2-0', 'error', { status: 'failed', reason: 'x' })),
    );
    const events = await collect(followEventStream(connect, { lastEventId: '0-5', retry: fast }));
    expect(events.map((e) => `${e.id} ${e.type}`)).toEqual(['1-0 token', '2-0 error']);
    expect(asked).toEqual(['0-5', '1-0']);
  });

  it('waits as long as the server’s retry field asks before reconnecting', async () => {
    const at: number[] = [];
    const { connect } = scripted(
      () => body('retry: 150\n\n' + event('1-0', 'token', { text: 'a' }), 'drop'),
      () => body(event('2-0', 'done', { status: 'succeeded' })),
    );
    const timed: ConnectStream = (id, signal) => (at.push(Date.now()), connect(id, signal));
    await collect(followEventStream(timed, { retry: fast }));
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(140);
  });

  it('gives up after the configured number of failures in a row, saying where to resume', async () => {
    const drop = () => body(event('9-0', 'token', { text: 'a' }), 'drop');
    const { connect, asked } = scripted(drop, ...Array(5).fill(() => body('', 'drop')));
    const stream = followEventStream(connect, { retry: { ...fast, maxRetries: 3 } });
    const error = await collect(stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CopilotStreamError);
    expect(error).toMatchObject({ lastEventId: '9-0', message: expect.stringContaining('4 times in a row') });
    expect(asked).toHaveLength(4); // the first connection, then three retries
  });

  it('does not retry a problem that a retry cannot fix', async () => {
    const notFound = new CopilotApiError(
      { type: '/problems/not-found', title: 'Not found', status: 404 },
      { method: 'GET', url: 'http://api.test/v1/jobs/x/events' },
    );
    let calls = 0;
    const stream = followEventStream(async () => {
      calls++;
      throw notFound;
    });
    await expect(collect(stream)).rejects.toBe(notFound);
    expect(calls).toBe(1);
  });

  it('stops waiting when the caller aborts', async () => {
    const controller = new AbortController();
    const { connect } = scripted(() => body('retry: 10000\n\n', 'drop'));
    const stream = followEventStream(connect, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user gave up')), 20);
    await expect(collect(stream)).rejects.toThrow('user gave up');
  });
});
