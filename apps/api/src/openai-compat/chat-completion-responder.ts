import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { AuthContext } from '@copilot/auth';
import { SETTINGS } from '@copilot/config';
import { JobService } from '@copilot/conversations';
import type { FastifyReply } from 'fastify';
import type { ApiSettings } from '../api.settings';
import { chatCompletion, chatCompletionChunk, failureOf, finishReasonOf, usageOf } from './chat-completion-presenter';
import type { StartedCompletion } from './chat-completion-starter';
import { type GenerationEvent, JobGenerationReader } from './job-generation-reader';
import { OpenAiError } from './openai-error';

/**
 * Answers a started chat completion from its job's events: one `chat.completion`
 * when the job ends, or `chat.completion.chunk` events as tokens arrive. A client
 * that hangs up before the end cancels the job (as closing an OpenAI request stops
 * generation); at shutdown the open responses end and their jobs carry on.
 */
@Injectable()
export class ChatCompletionResponder implements OnModuleDestroy {
  private readonly logger = new Logger(ChatCompletionResponder.name);
  private readonly shutdown = new AbortController();

  constructor(
    private readonly reader: JobGenerationReader,
    private readonly jobs: JobService,
    @Inject(SETTINGS) private readonly settings: ApiSettings,
  ) {}

  async respond(auth: AuthContext, started: StartedCompletion, reply: FastifyReply): Promise<void> {
    const hangUp = new AbortController();
    let ended = false;
    reply.raw.on('close', () => {
      if (reply.raw.writableFinished || ended) return;
      hangUp.abort();
      if (this.shutdown.signal.aborted) return;
      this.jobs.cancel(auth.tenantId, started.job.id).catch((error: unknown) => {
        this.logger.debug({ err: error, job_id: started.job.id }, 'could not cancel after the client left');
      });
    });
    const events = this.reader.follow(
      auth.tenantId,
      started.job.id,
      AbortSignal.any([hangUp.signal, this.shutdown.signal]),
    );
    const markEnded = async function* (source: AsyncGenerator<GenerationEvent>) {
      for await (const event of source) {
        if (event.type === 'ended') ended = true;
        yield event;
      }
    };
    return started.stream
      ? this.stream(started, markEnded(events), reply)
      : this.complete(started, markEnded(events), reply);
  }

  private async complete(
    started: StartedCompletion,
    events: AsyncGenerator<GenerationEvent>,
    reply: FastifyReply,
  ): Promise<void> {
    let content = '';
    for await (const event of events) {
      if (event.type === 'token') content += event.text;
      else if (event.type === 'restarted')
        content = ''; // the worker's next attempt starts the reply over
      else if (event.job.status === 'failed') throw failureOf(event.job);
      else return void (await reply.status(200).send(chatCompletion(started, event.job, content)));
    }
    if (!reply.raw.destroyed) throw serviceRestarting();
  }

  private async stream(
    started: StartedCompletion,
    events: AsyncGenerator<GenerationEvent>,
    reply: FastifyReply,
  ): Promise<void> {
    // The 200 waits for the job's first event: a failure before any text (the provider's
    // 429, 400 or 500) is then a real HTTP error with its status, which SDKs raise as their
    // typed errors and retry. Past FIRST_EVENT_WAIT_MS the stream opens anyway.
    const first = events.next();
    const early = await Promise.race([first, sleep(FIRST_EVENT_WAIT_MS).then(() => undefined)]);
    if (early && !early.done && early.value.type === 'ended' && early.value.job.status === 'failed') {
      throw failureOf(early.value.job);
    }
    if (early?.done && !reply.raw.destroyed) throw serviceRestarting();
    events = resumeWith(first, events);
    // Headers set so far (x-request-id, RateLimit-*) go out with the stream's.
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
    const include = started.includeUsage;
    const send = (data: unknown) => raw.write(`data: ${JSON.stringify(data)}\n\n`);
    send(chatCompletionChunk(started, { delta: { role: 'assistant', content: '' }, finish_reason: null }, { include }));
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), this.settings.stream.heartbeatMs);
    let sentText = false;
    try {
      for await (const event of events) {
        if (event.type === 'token') {
          sentText = true;
          send(chatCompletionChunk(started, { delta: { content: event.text }, finish_reason: null }, { include }));
        } else if (event.type === 'restarted') {
          // Text already sent cannot be taken back: say so instead of appending a second attempt to it.
          if (sentText) return void raw.end(errorFrame(streamRestarted()));
        } else if (event.job.status === 'failed') {
          return void raw.end(errorFrame(failureOf(event.job)));
        } else {
          const finish = finishReasonOf(event.job, started.maxTokens);
          send(chatCompletionChunk(started, { delta: {}, finish_reason: finish }, { include }));
          if (include) send(chatCompletionChunk(started, null, { include, value: usageOf(event.job) }));
          return void raw.end('data: [DONE]\n\n');
        }
      }
      if (!raw.destroyed) raw.end(errorFrame(serviceRestarting()));
    } catch (error) {
      this.logger.error({ err: error, job_id: started.job.id }, 'chat completion stream failed');
      const failed = serverError(`The stream failed on our side; quote job ${started.job.id} to support.`);
      if (!raw.destroyed) raw.end(errorFrame(new OpenAiError(500, failed)));
    } finally {
      clearInterval(heartbeat);
    }
  }

  onModuleDestroy(): void {
    this.shutdown.abort();
  }
}

/** How long a streamed reply's 200 waits for the job's first event (see stream()). */
const FIRST_EVENT_WAIT_MS = 10_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** `rest` again, starting with the result of its `next()` already asked for. */
async function* resumeWith<T>(first: Promise<IteratorResult<T>>, rest: AsyncGenerator<T>): AsyncGenerator<T> {
  const head = await first;
  if (head.done) return;
  yield head.value;
  yield* rest;
}

/** In a stream the status is already sent: OpenAI's SDKs raise an error frame's body as an APIError. */
function errorFrame(error: OpenAiError): string {
  return `data: ${JSON.stringify({ error: error.body })}\n\n`;
}

function serverError(message: string, code: string | null = null) {
  return { message, type: 'server_error', param: null, code };
}

function serviceRestarting(): OpenAiError {
  const message = 'The server is shutting down before the reply was complete; retry the request.';
  return new OpenAiError(503, serverError(message, 'server_shutting_down'), { 'retry-after': '5' });
}

function streamRestarted(): OpenAiError {
  return new OpenAiError(
    502,
    serverError(
      'The provider failed mid-reply and the generation restarted on another attempt; retry the request.',
      'stream_restarted',
    ),
  );
}
