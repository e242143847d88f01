import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext, Scopes } from '@copilot/auth';
import { ConversationDeletion, ConversationService } from '@copilot/conversations';
import { validate } from '@copilot/http';
import type { z } from 'zod';
import { ApiJson, ApiNoContent, ApiProblemResponses, ApiRoute } from '../openapi/api-docs.decorators';
import { Conversation, ConversationPage } from '../openapi/chat.responses';
import { presentConversation, presentPage } from '../presenters';
import { RequestId } from '../request-context';
import { createConversationBody, idParam, pageQuery } from '../request-schemas';

@ApiTags('Conversations')
@Controller('conversations')
export class ConversationsController {
  constructor(
    private readonly conversations: ConversationService,
    private readonly deletion: ConversationDeletion,
  ) {}

  @Post()
  @HttpCode(201)
  @Scopes('chat:write')
  @ApiRoute(
    'createConversation',
    'Start a conversation',
    'Optionally with a copilot whose instructions, model and collections it uses.',
  )
  @ApiJson(201, Conversation, 'The new conversation.')
  async create(
    @Auth() auth: AuthContext,
    @Body(validate(createConversationBody)) body: z.output<typeof createConversationBody>,
  ) {
    const metadata = body.metadata as Record<string, never> | undefined;
    return presentConversation(
      await this.conversations.create(auth.tenantId, {
        title: body.title ?? null,
        metadata,
        copilotId: body.copilotId ?? null,
      }),
    );
  }

  @Get()
  @Scopes('chat:read')
  @ApiRoute('listConversations', 'List conversations, newest first')
  @ApiJson(200, ConversationPage, 'A page of conversations.')
  async list(@Auth() auth: AuthContext, @Query(validate(pageQuery)) page: z.output<typeof pageQuery>) {
    const result = await this.conversations.list(auth.tenantId, page);
    return presentPage(result, presentConversation);
  }

  @Get(':id')
  @Scopes('chat:read')
  @ApiRoute('getConversation', 'Get a conversation')
  @ApiJson(200, Conversation, 'The conversation.')
  @ApiProblemResponses(404)
  async get(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string) {
    return presentConversation(await this.conversations.get(auth.tenantId, id));
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes('chat:write')
  @ApiRoute(
    'deleteConversation',
    'Delete a conversation',
    'With its messages, its reply jobs and their event streams; audited. Refused with 409 while a reply is queued or running: cancel that job first (POST /v1/jobs/{id}/cancel), then delete again.',
  )
  @ApiNoContent('Deleted.')
  @ApiProblemResponses(404, [
    409,
    'A reply is still being generated in this conversation; the problem names its jobId.',
  ])
  async delete(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string, @RequestId() requestId: string) {
    await this.deletion.delete(auth, id, requestId);
  }
}
