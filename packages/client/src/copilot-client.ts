import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { CopilotApiError } from './copilot-api-error';
import type { JobStreamEvent } from './job-stream-events';
import type { paths } from './generated/schema';
import { followEventStream, type FollowOptions, type StreamRetryOptions } from './sse/follow-event-stream';
import type { ApiClient } from './typed-methods';

export type CopilotClientOptions = {
  /** The api's origin, e.g. https://copilots.example.com (paths start with /v1). */
  baseUrl: string;
  /** Defaults to the global fetch; pass one to add tracing, a proxy agent or test doubles. */
  fetch?: (input: Request) => Promise<Response>;
  /** Sent with every request (e.g. a tracing header). */
  headers?: Record<string, string>;
  /** Reconnection policy of streamJob and streamReply (per call options override it). */
  retry?: StreamRetryOptions;
} & ({ apiKey: string; token?: never } | { token: string; apiKey?: never });

export type StreamJobOptions = FollowOptions;

export interface StreamReplyOptions {
  collectionIds?: string[];
  /** Makes the POST safe to repeat; one is generated when absent, so a reconnect never posts twice. */
  idempotencyKey?: string;
  signal?: AbortSignal;
  retry?: StreamRetryOptions;
}

export type CopilotClient = ApiClient & {
  /** Follows GET /v1/jobs/:id/events to its `done` or `error` event, resuming after drops. */
  streamJob(jobId: string, options?: StreamJobOptions): AsyncGenerator<JobStreamEvent, void, undefined>;
  /**
   * Posts a user message and streams its reply in the same call: a `message` event (the
   * stored message and its job), then the job's events up to `done` or `error`.
   */
  streamReply(
    conversationId: string,
    content: string,
    options?: StreamReplyOptions,
  ): AsyncGenerator<JobStreamEvent, void, undefined>;
};

/**
 * The typed client for the platform's /v1 api: openapi-fetch over the committed
 * OpenAPI document, with the credential on every request and error statuses thrown
 * as CopilotApiError.
 */
export function createCopilotClient(options: CopilotClientOptions): CopilotClient {
  const credential: Record<string, string> = options.apiKey
    ? { 'x-api-key': options.apiKey }
    : options.token
      ? { authorization: `Bearer ${options.token}` }
      : {};
  if (!credential['x-api-key'] && !credential.authorization)
    throw new TypeError('createCopilotClient needs an apiKey or a token');

  const raw = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { ...options.headers, ...credential },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  raw.use(throwProblems);

  const openJobEvents = async (jobId: string, lastEventId: string | undefined, signal?: AbortSignal) => {
    const { data } = await raw.GET('/v1/jobs/{id}/events', {
      params: { path: { id: jobId }, header: lastEventId ? { 'Last-Event-ID': lastEventId } : {} },
      headers: { accept: 'text/event-stream' },
      parseAs: 'stream',
      signal,
    });
    return bodyOf(data);
  };

  const streamJob: CopilotClient['streamJob'] = (jobId, streamOptions = {}) =>
    followEventStream((lastEventId, signal) => openJobEvents(jobId, lastEventId, signal), {
      ...streamOptions,
      retry: streamOptions.retry ?? options.retry,
    });

  const streamReply: CopilotClient['streamReply'] = (conversationId, content, replyOptions = {}) => {
    const idempotencyKey = replyOptions.idempotencyKey ?? globalThis.crypto.randomUUID();
    let jobId: string | undefined;
    return followEventStream(
      async (lastEventId, signal) => {
        // Once the POST has answered, its job is followed on GET /v1/jobs/:id/events.
        if (jobId) return openJobEvents(jobId, lastEventId, signal);
        const { data, response } = await raw.POST('/v1/conversations/{id}/messages', {
          params: { path: { id: conversationId }, header: { 'Idempotency-Key': idempotencyKey } },
          body: { content, ...(replyOptions.collectionIds ? { collectionIds: replyOptions.collectionIds } : {}) },
          headers: { accept: 'text/event-stream' },
          parseAs: 'stream',
          signal,
        });
        jobId = /\/v1\/jobs\/([^/?]+)$/.exec(response.headers.get('location') ?? '')?.[1];
        return bodyOf(data);
      },
      { signal: replyOptions.signal, retry: replyOptions.retry ?? options.retry },
    );
  };

  return Object.assign(raw as Client<paths> as ApiClient, { streamJob, streamReply });
}

/** Every error status becomes a thrown CopilotApiError, so callers only handle `data`. */
const throwProblems: Middleware = {
  async onResponse({ request, response }) {
    if (!response.ok) throw await CopilotApiError.fromResponse(request, response);
    return undefined;
  },
};

function bodyOf(body: ReadableStream<Uint8Array> | null | undefined): ReadableStream<Uint8Array> {
  if (!body) throw new Error('the event stream response has no body');
  return body;
}
