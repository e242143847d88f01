import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { Auth, type AuthContext, Scopes } from '@copilot/auth';
import { ChatService } from '@copilot/conversations';
import { parseInput, validate } from '@copilot/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { presentJob, presentMessage } from '../presenters';
import { idempotencyKeyHeader, idParam, pageQuery, postMessageBody } from '../request-schemas';

@Controller('conversations/:id/messages')
export class MessagesController {
  constructor(private readonly chat: ChatService) {}

  /** Stores the user message and answers 202 with the generation job to follow. */
  @Post()
  @HttpCode(202)
  @Scopes('chat:write')
  async post(
    @Auth() auth: AuthContext,
    @Param('id', validate(idParam)) conversationId: string,
    @Body(validate(postMessageBody)) body: z.output<typeof postMessageBody>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
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
    void reply.header('location', `/v1/jobs/${job.id}`);
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return { message: presentMessage(message), job: presentJob(job) };
  }

  @Get()
  @Scopes('chat:read')
  async list(
    @Auth() auth: AuthContext,
    @Param('id', validate(idParam)) conversationId: string,
    @Query(validate(pageQuery)) page: z.output<typeof pageQuery>,
  ) {
    const result = await this.chat.listMessages(auth.tenantId, conversationId, page);
    return { data: result.data.map(presentMessage), nextCursor: result.nextCursor };
  }
}
