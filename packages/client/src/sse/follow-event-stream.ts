import { CopilotApiError } from '../copilot-api-error';
import { compareEventIds, isFinalEvent, isKnownEventType, type JobStreamEvent } from '../job-stream-events';
import { createSseParser, type SseMessage } from './sse-parser';

export interface StreamRetryOptions {
  /** Reconnections in a row, without an event in between, before giving up (default 5). */
  maxRetries?: number;
  /** First reconnection delay, doubled on each further failure (default 250 ms)... */
  initialDelayMs?: number;
  /** ...up to this (default 5 s). A `retry:` field from the server replaces this backoff. */
  maxDelayMs?: number;
}

export interface FollowOptions {
  /** Resume after this event id (the `id` of the last event already handled). */
  lastEventId?: string;
  signal?: AbortSignal;
  retry?: StreamRetryOptions;
}

/** Opens one connection that streams the events after `lastEventId` (undefined: from the start). */
export type ConnectStream = (
  lastEventId: string | undefined,
  signal?: AbortSignal,
) => Promise<ReadableStream<Uint8Array>>;

/** The stream could not be followed to its final event within the retry budget. */
export class CopilotStreamError extends Error {
  override readonly name = 'CopilotStreamError';
  constructor(
    message: string,
    /** Where a later attempt can resume from. */
    readonly lastEventId: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Yields a job's events until `done` or `error`, reconnecting with the last event id
 * after a dropped connection or a stream that ended early, so every event arrives
 * once and in order. Failures that a retry cannot fix (4xx problems) are thrown as they are.
 */
export async function* followEventStream(
  connect: ConnectStream,
  options: FollowOptions = {},
): AsyncGenerator<JobStreamEvent, void, undefined> {
  const { signal } = options;
  const maxRetries = options.retry?.maxRetries ?? 5;
  const initialDelayMs = options.retry?.initialDelayMs ?? 250;
  const maxDelayMs = options.retry?.maxDelayMs ?? 5_000;
  let lastEventId = options.lastEventId || undefined;
  let serverDelayMs: number | undefined;
  let failures = 0;
  let sawMessage = false;

  for (;;) {
    signal?.throwIfAborted();
    let failure: unknown;
    try {
      const body = await connect(lastEventId, signal);
      const pending: SseMessage[] = [];
      const parser = createSseParser({
        onEvent: (message) => pending.push(message),
        onRetry: (delayMs) => (serverDelayMs = delayMs),
      });
      const decoder = new TextDecoder();
      const reader = body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.feed(decoder.decode(value, { stream: true }));
          for (const message of pending.splice(0)) {
            const event = toEvent(message);
            if (!event) continue;
            if (event.id) {
              // The server resumes after lastEventId; this only guards against a misbehaving proxy.
              if (lastEventId && isStreamId(lastEventId) && isStreamId(event.id)) {
                if (compareEventIds(event.id, lastEventId) <= 0) continue;
              }
              lastEventId = event.id;
            } else if (event.type === 'message') {
              // A replayed POST (same Idempotency-Key) sends its `message` event again.
              if (sawMessage) continue;
              sawMessage = true;
            }
            failures = 0;
            yield event;
            if (isFinalEvent(event)) return;
          }
        }
      } finally {
        // Releases the connection when the stream ends, fails, or the caller stops iterating.
        reader.cancel().catch(() => undefined);
      }
      failure = new Error('the connection closed before the final event');
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (!isRetryable(error)) throw error;
      failure = error;
    }
    failures++;
    if (failures > maxRetries) {
      throw new CopilotStreamError(
        `the event stream failed ${failures} times in a row: ${(failure as Error).message}`,
        lastEventId,
        { cause: failure },
      );
    }
    const retryAfterMs =
      failure instanceof CopilotApiError && failure.retryAfterSeconds ? failure.retryAfterSeconds * 1000 : 0;
    const backoffMs = serverDelayMs ?? Math.min(initialDelayMs * 2 ** (failures - 1), maxDelayMs);
    await sleep(Math.max(retryAfterMs, backoffMs), signal);
  }
}

const isStreamId = (id: string) => /^\d+-\d+$/.test(id);

function toEvent(message: SseMessage): JobStreamEvent | undefined {
  // Types a newer api may add are skipped, so the union stays exhaustive for callers.
  if (!isKnownEventType(message.event)) return undefined;
  const event = { type: message.event, data: JSON.parse(message.data) } as JobStreamEvent;
  if (message.hasId) event.id = message.lastEventId;
  return event;
}

/** Network failures and overload answers can pass; a 4xx problem will not change on retry. */
function isRetryable(error: unknown): boolean {
  if (error instanceof CopilotApiError) return error.status >= 500 || error.status === 429 || error.status === 408;
  return !(error instanceof SyntaxError); // a JSON error is a protocol bug, not a dropped connection
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }
    function aborted() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener('abort', aborted, { once: true });
  });
}
