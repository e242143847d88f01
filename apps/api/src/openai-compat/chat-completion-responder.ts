import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { AuthContext } from '@copilot/auth';
import { SETTINGS } from '@copilot/config';
import { JobService } from '@copilot/conversations';
import type { Job } from '@copilot/persistence';
import type { FastifyReply } from 'fastify';
import type { ApiSettings } from '../api.settings';
import {
  chatCompletion,
  chatCompletionChunk,
  type ChoiceReply,
  type ChunkChoice,
  failureOf,
  finishReasonOf,
  totalUsage,
} from './chat-completion-presenter';
import type { StartedCompletion } from './chat-completion-starter';
import { type GenerationEvent, JobGenerationReader } from './job-generation-reader';
import {
  awaitFirstEvent,
  interleave,
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

  /**
   * `choices` are the request's `n` generations (one job each, choice 0 first). A choice
   * that fails ends the answer with its error, and the others' jobs are cancelled.
   */
  async respond(auth: AuthContext, choices: readonly StartedCompletion[], reply: FastifyReply): Promise<void> {
    const stop = new AbortController();
    const ended = new Set<number>();
    const followed = choices.map((choice) => this.follow(auth, choice.job.id, reply, stop.signal));
    try {
      return choices[0]!.stream
        ? await this.stream(choices[0]!, followed, ended, reply)
        : await this.complete(choices[0]!, followed, ended, reply);
    } finally {
      stop.abort();
      if (choices.length > 1 && !this.shutdown.signal.aborted) this.cancelUnended(auth, choices, ended);
    }
  }

  /** The job's events until it ends; a client that leaves before then cancels the job. */
  follow(auth: AuthContext, jobId: string, reply: FastifyReply, stop?: AbortSignal): AsyncGenerator<GenerationEvent> {
    const hangUp = new AbortController();
    const state = { ended: false };
    reply.raw.on('close', () => {
      if (reply.raw.writableFinished || state.ended) return;
      hangUp.abort();
      if (this.shutdown.signal.aborted) return;
      this.cancel(auth, jobId, 'after the client left');
    });
    const signals = [hangUp.signal, this.shutdown.signal, ...(stop ? [stop] : [])];
    return noteEnding(this.reader.follow(auth.tenantId, jobId, AbortSignal.any(signals)), state);
  }

  private async complete(
    started: StartedCompletion,
    followed: AsyncGenerator<GenerationEvent>[],
    ended: Set<number>,
    reply: FastifyReply,
  ): Promise<void> {
    // Rejects with the first choice that fails, without waiting for the others.
    const replies = await Promise.all(
      followed.map(async (events, index) => {
        let content = '';
        for await (const event of events) {
          if (event.type === 'token') content += event.text;
          else if (event.type === 'restarted')
            content = ''; // the worker's next attempt starts the reply over
          else {
            ended.add(index);
            if (event.job.status === 'failed') throw failureOf(event.job);
            return { job: event.job, content };
          }
        }
        return null; // shutting down, or the client left
      }),
    );
    if (replies.every((one): one is ChoiceReply => one !== null)) {
      return void (await reply.status(200).send(chatCompletion(started, replies)));
    }
    if (!reply.raw.destroyed) throw serviceRestarting();
  }

  private async stream(
    started: StartedCompletion,
    followed: AsyncGenerator<GenerationEvent>[],
    ended: Set<number>,
    reply: FastifyReply,
  ): Promise<void> {
    const ready = await Promise.all(followed.map((events) => awaitFirstEvent(events, reply)));
    const raw = openEventStream(reply);
    const include = started.includeUsage;
    const send = (data: unknown) => raw.write(`data: ${JSON.stringify(data)}\n\n`);
    const chunk = (index: number, delta: ChunkChoice['delta'], finish: ChunkChoice['finish_reason'] = null) =>
      send(chatCompletionChunk(started, { index, delta, finish_reason: finish }, { include }));
    ready.forEach((_, index) => chunk(index, { role: 'assistant', content: '' }));
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), this.settings.stream.heartbeatMs);
    const sentText = new Set<number>();
    const jobs: Job[] = [];
    try {
      for await (const { index, event } of interleave(ready)) {
        if (event.type === 'token') {
          sentText.add(index);
          chunk(index, { content: event.text });
        } else if (event.type === 'restarted') {
          // Text already sent cannot be taken back: say so instead of appending a second attempt to it.
          if (sentText.has(index)) return void raw.end(errorFrame(streamRestarted()));
        } else {
          ended.add(index);
          if (event.job.status === 'failed') return void raw.end(errorFrame(failureOf(event.job)));
          jobs[index] = event.job;
          chunk(index, {}, finishReasonOf(event.job, started.maxTokens));
        }
      }
      if (ended.size < ready.length) {
        if (!raw.destroyed) raw.end(errorFrame(serviceRestarting()));
        return;
      }
      if (include) send(chatCompletionChunk(started, null, { include, value: totalUsage(jobs) }));
      raw.end('data: [DONE]\n\n');
    } catch (error) {
      this.logger.error({ err: error, job_id: started.job.id }, 'chat completion stream failed');
      if (!raw.destroyed) raw.end(errorFrame(streamFailed(started.job.id)));
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** The other choices of an answer that ended early (a choice failed): their jobs would run for nobody. */
  private cancelUnended(auth: AuthContext, choices: readonly StartedCompletion[], ended: Set<number>): void {
    choices.forEach((choice, index) => {
      if (!ended.has(index)) this.cancel(auth, choice.job.id, 'after another choice ended the answer');
    });
  }

  private cancel(auth: AuthContext, jobId: string, why: string): void {
    this.jobs.cancel(auth.tenantId, jobId).catch((error: unknown) => {
      this.logger.debug({ err: error, job_id: jobId }, `could not cancel ${why}`);
    });
  }

  onModuleDestroy(): void {
    this.shutdown.abort();
  }
}

/** In a stream the status is already sent: OpenAI's SDKs raise an error frame's body as an APIError. */
function errorFrame(error: OpenAiError): string {
  return `data: ${JSON.stringify({ error: error.body })}\n\n`;
}
