import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { Auth, type AuthContext, Scopes } from '@copilot/auth';
import { ChatService } from '@copilot/conversations';
import { parseInput, validate } from '@copilot/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { JobEventStreamer } from '../jobs/job-event-streamer';
import { presentJob, presentMessage, presentPage } from '../presenters';
import { idempotencyKeyHeader, idParam, pageQuery, postMessageBody } from '../request-schemas';

@Controller('conversations/:id/messages')
export class MessagesController {
  constructor(
    private readonly chat: ChatService,
    private readonly streamer: JobEventStreamer,
  ) {}

  /**
   * Stores the user message and answers 202 with the generation job to follow; with
   * `Accept: text/event-stream` the same call answers 200 and streams the job's events
   * (after a `message` event with the stored message and job).
   */
  @Post()
  @Scopes('chat:write')
  async post(
    @Auth() auth: AuthContext,
    @Param('id', validate(idParam)) conversationId: string,
    @Body(validate(postMessageBody)) body: z.output<typeof postMessageBody>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const idempotencyKey = parseInput(
      idempotencyKeyHeader,
      request.headers['idempotency-key'],
      'headers.idempotency-key',
    );
    const { message, job, replayed } = await this.chat.postUserMessage(auth.tenantId, conversationId, body.content, {
      idempotencyKey,
      requestId: request.id,
      collectionIds: body.collectionIds,
    });
    const headers: Record<string, string> = { location: `/v1/jobs/${job.id}` };
    if (replayed) headers['idempotent-replayed'] = 'true';
    const accepted = { message: presentMessage(message), job: presentJob(job) };
    if (wantsStream(request)) {
      return this.streamer.stream(reply, job, '0-0', { headers, prelude: [{ type: 'message', data: accepted }] });
    }
    await reply.status(202).headers(headers).send(accepted);
  }

  @Get()
  @Scopes('chat:read')
  async list(
    @Auth() auth: AuthContext,
    @Param('id', validate(idParam)) conversationId: string,
    @Query(validate(pageQuery)) page: z.output<typeof pageQuery>,
  ) {
    const result = await this.chat.listMessages(auth.tenantId, conversationId, page);
    return presentPage(result, presentMessage);
  }
}

/** True when the client prefers an event stream to the JSON answer. */
function wantsStream(request: FastifyRequest): boolean {
  return /\btext\/event-stream\b/i.test(request.headers.accept ?? '');
}
