import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { Auth, type AuthContext, Scopes } from '@copilot/auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { StreamSlots } from '../streams/stream-slots';
import { ChatCompletionStarter } from './chat-completion-starter';
import { OpenAiError, toOpenAiError } from './openai-error';
import { StoredResponses } from './responses-history';
import { parseResponsesRequest, toChatCompletionRequest } from './responses-request';
import { ResponsesResponder } from './responses-responder';

/**
 * POST /openai/v1/responses: OpenAI's Responses API (what current OpenAI SDKs and
 * the Vercel AI SDK call by default), text in and text out, over the same chat
 * path as /openai/v1/chat/completions: the request becomes a Chat Completions
 * request for ChatCompletionStarter, and the job's events are answered as a
 * `response` object or Responses stream events.
 */
@Controller('openai/v1')
export class ResponsesController {
  constructor(
    private readonly starter: ChatCompletionStarter,
    private readonly responder: ResponsesResponder,
    private readonly slots: StreamSlots,
    private readonly stored: StoredResponses,
  ) {}

  @Post('responses')
  @Scopes('chat:write')
  async create(
    @Auth() auth: AuthContext,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const parsed = parseResponsesRequest(body);
    // Stored replies named by the request are read before anything is written, so a bad id stores nothing.
    const turns = await this.stored.resolve(auth.tenantId, parsed);
    // A streamed response holds a stream slot; reserved first, so a refusal writes nothing.
    const slot = parsed.stream ? await this.slots.acquire(auth) : undefined;
    try {
      const started = await this.starter
        .start(auth, toChatCompletionRequest(parsed, turns), String(request.id))
        .catch((error: unknown) => Promise.reject(asInputError(error, String(request.id))));
      try {
        await this.responder.respond(auth, { started, request: parsed }, reply);
      } finally {
        // Not awaited: the answer is out; removal (store: false) waits for the job to end.
        void this.starter.discard(auth, started);
      }
    } finally {
      slot?.release();
    }
  }
}

/**
 * The starter's refusals name Chat Completions' `messages` (a message too long for the
 * model); here those messages are the request's `input`. Other errors go on as they are,
 * for the error filter to log and to answer with their headers.
 */
function asInputError(error: unknown, requestId: string): unknown {
  const answered = toOpenAiError(error, requestId);
  if (!answered.body.param?.startsWith('messages')) return error;
  return new OpenAiError(answered.getStatus(), { ...answered.body, param: 'input' }, answered.headers);
}
