import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AuthContext } from '@copilot/auth';
import { SETTINGS } from '@copilot/config';
import type { FastifyReply } from 'fastify';
import type { ApiSettings } from '../api.settings';
import { failureOf } from './chat-completion-presenter';
import { ChatCompletionResponder } from './chat-completion-responder';
import {
  awaitFirstEvent,
  openEventStream,
  serviceRestarting,
  streamFailed,
  streamRestarted,
} from './generation-stream';
import type { GenerationEvent } from './job-generation-reader';
import type { OpenAiError } from './openai-error';
import { eventFrame, ResponseEvents, responseObject, type StartedResponse } from './responses-presenter';

/**
 * Answers a started Responses request from its job's events, followed as chat
 * completions follow theirs (a client that hangs up cancels the job): one
 * `response` object when the job ends, or OpenAI's Responses stream events as
 * tokens arrive.
 */
@Injectable()
export class ResponsesResponder {
  private readonly logger = new Logger(ResponsesResponder.name);

  constructor(
    private readonly chat: ChatCompletionResponder,
    @Inject(SETTINGS) private readonly settings: ApiSettings,
  ) {}

  async respond(auth: AuthContext, context: StartedResponse, reply: FastifyReply): Promise<void> {
    const events = this.chat.follow(auth, context.started.job.id, reply);
    return context.started.stream ? this.stream(context, events, reply) : this.complete(context, events, reply);
  }

  private async complete(
    context: StartedResponse,
    events: AsyncGenerator<GenerationEvent>,
    reply: FastifyReply,
  ): Promise<void> {
    let text = '';
    for await (const event of events) {
      if (event.type === 'token') text += event.text;
      else if (event.type === 'restarted')
        text = ''; // the worker's next attempt starts the reply over
      else if (event.job.status === 'failed') throw failureOf(event.job);
      else
        return void (await reply.status(200).send(responseObject(context, { status: 'ended', text, job: event.job })));
    }
    if (!reply.raw.destroyed) throw serviceRestarting();
  }

  private async stream(
    context: StartedResponse,
    pending: AsyncGenerator<GenerationEvent>,
    reply: FastifyReply,
  ): Promise<void> {
    const events = await awaitFirstEvent(pending, reply);
    const raw = openEventStream(reply);
    const frames = new ResponseEvents(context);
    let text = '';
    const send = (...list: { type: string }[]) => raw.write(list.map(eventFrame).join(''));
    const fail = (error: OpenAiError) => void raw.end(frames.failure(error, text).map(eventFrame).join(''));
    send(...frames.opening());
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), this.settings.stream.heartbeatMs);
    try {
      for await (const event of events) {
        if (event.type === 'token') {
          text += event.text;
          send(frames.delta(event.text));
        } else if (event.type === 'restarted') {
          // Text already sent cannot be taken back: say so instead of appending a second attempt to it.
          if (text) return fail(streamRestarted());
        } else if (event.job.status === 'failed') {
          return fail(failureOf(event.job));
        } else {
          return void raw.end(frames.closing(event.job, text).map(eventFrame).join(''));
        }
      }
      if (!raw.destroyed) fail(serviceRestarting());
    } catch (error) {
      this.logger.error({ err: error, job_id: context.started.job.id }, 'response stream failed');
      if (!raw.destroyed) fail(streamFailed(context.started.job.id));
    } finally {
      clearInterval(heartbeat);
    }
  }
}
