import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { AuthContext } from '@copilot/auth';
import { SETTINGS } from '@copilot/config';
import { JobService } from '@copilot/conversations';
import type { FastifyReply } from 'fastify';
import type { ApiSettings } from '../api.settings';
import { chatCompletion, chatCompletionChunk, failureOf, finishReasonOf, usageOf } from './chat-completion-presenter';
import type { StartedCompletion } from './chat-completion-starter';
import { type GenerationEvent, JobGenerationReader } from './job-generation-reader';
import {
  awaitFirstEvent,
  noteEnding,
  openEventStream,
  serviceRestarting,
  streamFailed,
  streamRestarted,
} from './generation-stream';
import type { OpenAiError } from './openai-error';

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
    const events = this.follow(auth, started.job.id, reply);
    return started.stream ? this.stream(started, events, reply) : this.complete(started, events, reply);
  }

  /** The job's events until it ends; a client that leaves before then cancels the job. */
  follow(auth: AuthContext, jobId: string, reply: FastifyReply): AsyncGenerator<GenerationEvent> {
    const hangUp = new AbortController();
    const state = { ended: false };
    reply.raw.on('close', () => {
      if (reply.raw.writableFinished || state.ended) return;
      hangUp.abort();
      if (this.shutdown.signal.aborted) return;
      this.jobs.cancel(auth.tenantId, jobId).catch((error: unknown) => {
        this.logger.debug({ err: error, job_id: jobId }, 'could not cancel after the client left');
      });
    });
    const events = this.reader.follow(auth.tenantId, jobId, AbortSignal.any([hangUp.signal, this.shutdown.signal]));
    return noteEnding(events, state);
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
    pending: AsyncGenerator<GenerationEvent>,
    reply: FastifyReply,
  ): Promise<void> {
    const events = await awaitFirstEvent(pending, reply);
    const raw = openEventStream(reply);
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
      if (!raw.destroyed) raw.end(errorFrame(streamFailed(started.job.id)));
    } finally {
      clearInterval(heartbeat);
    }
  }

  onModuleDestroy(): void {
    this.shutdown.abort();
  }
}

/** In a stream the status is already sent: OpenAI's SDKs raise an error frame's body as an APIError. */
function errorFrame(error: OpenAiError): string {
  return `data: ${JSON.stringify({ error: error.body })}\n\n`;
}
