import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { Auth, type AuthContext, Scopes } from '@copilot/auth';
import { StreamSlots } from '../streams/stream-slots';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { chatCompletionRequest, UNSUPPORTED_FIELDS } from './chat-completion-request';
import { ChatCompletionResponder } from './chat-completion-responder';
import { ChatCompletionStarter } from './chat-completion-starter';
import { parseOpenAiBody } from './parse-openai-body';

/**
 * POST /openai/v1/chat/completions: OpenAI's Chat Completions over the platform's
 * chat path (the generation runs in the workers), streamed or not.
 */
@Controller('openai/v1/chat')
export class ChatCompletionsController {
  constructor(
    private readonly starter: ChatCompletionStarter,
    private readonly responder: ChatCompletionResponder,
    private readonly slots: StreamSlots,
  ) {}

  @Post('completions')
  @Scopes('chat:write')
  async create(
    @Auth() auth: AuthContext,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const completion = parseOpenAiBody(chatCompletionRequest, body, UNSUPPORTED_FIELDS);
    // A streamed completion holds a stream slot; reserved first, so a refusal writes nothing.
    const slot = completion.stream ? await this.slots.acquire(auth) : undefined;
    try {
      const choices = await this.starter.startChoices(auth, completion, String(request.id));
      try {
        await this.responder.respond(auth, choices, reply);
      } finally {
        // Not awaited: the answer is out; removal (store: false, extra choices) waits for the job to end.
        for (const choice of choices) void this.starter.discard(auth, choice);
      }
    } finally {
      slot?.release();
    }
  }
}
