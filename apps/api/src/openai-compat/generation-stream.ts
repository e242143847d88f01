import type { FastifyReply } from 'fastify';
import { failureOf } from './chat-completion-presenter';
import type { GenerationEvent } from './job-generation-reader';
import { OpenAiError } from './openai-error';

/**
 * What the OpenAI-shaped answers (Chat Completions, Responses) share about
 * following a generation job over HTTP: waiting for the first event before the
 * 200, opening the event stream with the headers already set, and the errors a
 * stream can end with.
 */

/** How long a streamed reply's 200 waits for the job's first event (see awaitFirstEvent). */
export const FIRST_EVENT_WAIT_MS = 10_000;

/**
 * The 200 of a streamed answer waits for the job's first event: a failure before
 * any text (the provider's 429, 400 or 500) is then a real HTTP error with its
 * status, which SDKs raise as their typed errors and retry. Past
 * FIRST_EVENT_WAIT_MS the stream opens anyway. Returns the events, the first one
 * included.
 */
export async function awaitFirstEvent(
  events: AsyncGenerator<GenerationEvent>,
  reply: FastifyReply,
): Promise<AsyncGenerator<GenerationEvent>> {
  const first = events.next();
  const early = await Promise.race([first, sleep(FIRST_EVENT_WAIT_MS).then(() => undefined)]);
  if (early && !early.done && early.value.type === 'ended' && early.value.job.status === 'failed') {
    throw failureOf(early.value.job);
  }
  if (early?.done && !reply.raw.destroyed) throw serviceRestarting();
  return resumeWith(first, events);
}

/** Takes the response over as `text/event-stream`; headers set so far (x-request-id, RateLimit-*) go out with it. */
export function openEventStream(reply: FastifyReply) {
  const headers = Object.fromEntries(
    Object.entries(reply.getHeaders()).filter(
      (entry): entry is [string, string | number | string[]] => entry[1] !== undefined,
    ),
  );
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  return raw;
}

/** Marks `state.ended` once the job's ending went by, so a close after it is not a hang-up. */
export async function* noteEnding(
  source: AsyncGenerator<GenerationEvent>,
  state: { ended: boolean },
): AsyncGenerator<GenerationEvent> {
  for await (const event of source) {
    if (event.type === 'ended') state.ended = true;
    yield event;
  }
}

/**
 * The events of several jobs (a request's `n` choices) as they come, each tagged with
 * its source's index; ends when every source has ended. Stopping early leaves the
 * sources to their abort signal (a pending `next()` cannot be interrupted).
 */
export async function* interleave(
  sources: readonly AsyncGenerator<GenerationEvent>[],
): AsyncGenerator<{ index: number; event: GenerationEvent }> {
  const pull = (index: number) => sources[index]!.next().then((result) => ({ index, result }));
  const pending = new Map(sources.map((_, index) => [index, pull(index)] as const));
  while (pending.size > 0) {
    const { index, result } = await Promise.race(pending.values());
    if (result.done) {
      pending.delete(index);
      continue;
    }
    pending.set(index, pull(index));
    yield { index, event: result.value };
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** `rest` again, starting with the result of its `next()` already asked for. */
async function* resumeWith<T>(first: Promise<IteratorResult<T>>, rest: AsyncGenerator<T>): AsyncGenerator<T> {
  const head = await first;
  if (head.done) return;
  yield head.value;
  yield* rest;
}

export function serverError(message: string, code: string | null = null) {
  return { message, type: 'server_error', param: null, code };
}

export function serviceRestarting(): OpenAiError {
  const message = 'The server is shutting down before the reply was complete; retry the request.';
  return new OpenAiError(503, serverError(message, 'server_shutting_down'), { 'retry-after': '5' });
}

export function streamRestarted(): OpenAiError {
  return new OpenAiError(
    502,
    serverError(
      'The provider failed mid-reply and the generation restarted on another attempt; retry the request.',
      'stream_restarted',
    ),
  );
}

export function streamFailed(jobId: string): OpenAiError {
  return new OpenAiError(500, serverError(`The stream failed on our side; quote job ${jobId} to support.`));
}
