/**
 * Wire-level fake of Anthropic's Messages API (`POST /v1/messages`) as Anthropic
 * sends it: API key (`x-api-key` or `Authorization: Bearer`) and `anthropic-version` checks, JSON messages with usage,
 * SSE with named events (`message_start`, `content_block_start`, `ping`,
 * `content_block_delta`, `content_block_stop`, `message_delta`, `message_stop`,
 * and `error` for failures after the 200), tool calls (`tool_use` blocks whose
 * input streams as `input_json_delta`), and Anthropic's error JSON
 * (`{ type: 'error', error: { type, message }, request_id }`). Behaviours are
 * scripted per request, see fake-server-script.ts.
 */
import type { ServerResponse } from 'node:http';
import {
  argumentsText,
  countWords,
  FakeLlmServer,
  type FakeServerOptions,
  pause,
  randomId,
  retryAfterHeaders,
  type RecordedRequest,
  type ReplyShape,
  type ScriptedToolCall,
  sendJson,
  splitArguments,
  splitText,
  startEventStream,
  writeEvent,
  writeRaw,
} from './fake-server-script';

export const FAKE_ANTHROPIC_REPLY = 'Hello from the fake Anthropic server.';

interface MessagesBody {
  model?: string;
  stream?: boolean;
  max_tokens?: number;
  system?: unknown;
  messages?: { role: string; content: unknown }[];
  /** Recorded as sent; the fake only checks that tool results answer the calls before them. */
  tools?: unknown[];
  tool_choice?: unknown;
}

/** One SSE frame: its event name and data. */
type Frame = [event: string, data: Record<string, unknown>];

/** Anthropic's tool_use blocks say who made the call; here always the model itself. */
const DIRECT_CALLER = { type: 'direct' };

type StreamEnd =
  | { kind: 'stop'; reason: 'end_turn' | 'max_tokens' | 'refusal' }
  | { kind: 'cut'; how: 'destroy' | 'end' }
  | { kind: 'malformed' }
  | { kind: 'error'; status: number };

export class FakeAnthropicServer extends FakeLlmServer {
  // The SDK adds `/v1/messages` itself: the base URL is the bare origin.
  protected readonly basePath = '';

  static async start(options: FakeServerOptions = {}): Promise<FakeAnthropicServer> {
    const server = new FakeAnthropicServer(options);
    await server.listen();
    return server;
  }

  protected async handle(request: RecordedRequest, res: ServerResponse): Promise<void> {
    const requestId = randomId('req_');
    const fail = (status: number, type: string, message: string, headers: Record<string, string> = {}): void =>
      sendJson(
        res,
        status,
        { type: 'error', error: { type, message }, request_id: requestId },
        { 'request-id': requestId, ...headers },
      );

    // `x-api-key` is the documented header (curl, older SDKs); the current SDK
    // (1.x, API version 2026-10-21) sends the key as `Authorization: Bearer`.
    const apiKeyHeader = request.headers['x-api-key'];
    const bearer = request.headers.authorization?.replace(/^Bearer\s+/i, '');
    if (!apiKeyHeader && !bearer) return fail(401, 'authentication_error', 'x-api-key header is required');
    if ((apiKeyHeader ?? bearer) !== this.apiKey) {
      const message = apiKeyHeader ? 'invalid x-api-key' : 'invalid authentication credentials';
      return fail(401, 'authentication_error', message);
    }
    // Anthropic answers a missing version with a 400, not a 401.
    if (!request.headers['anthropic-version']) {
      return fail(400, 'invalid_request_error', 'anthropic-version: header is required');
    }
    if (request.method !== 'POST' || request.path.split('?')[0] !== '/v1/messages') {
      return fail(404, 'not_found_error', 'Not Found');
    }
    const body = (request.body ?? {}) as MessagesBody;
    if (typeof body.max_tokens !== 'number') return fail(400, 'invalid_request_error', 'max_tokens: Field required');
    const unpaired = unpairedToolBlocks(body.messages ?? []);
    if (unpaired) return fail(400, 'invalid_request_error', unpaired);

    const b = this.takeBehaviour(request);
    if (b.kind === 'hang') return; // the socket stays open until the client gives up or close()
    await pause('firstByteDelayMs' in b ? b.firstByteDelayMs : undefined, res);

    switch (b.kind) {
      case 'rate_limited': {
        const headers = retryAfterHeaders(b);
        return fail(
          429,
          'rate_limit_error',
          'This request would exceed the rate limit for your organization of 50 requests per minute.',
          headers,
        );
      }
      case 'context_too_long':
        return fail(400, 'invalid_request_error', 'prompt is too long: 213462 tokens > 200000 maximum');
      case 'refusal':
        // Anthropic has no policy 400: refusals always arrive as stop_reason `refusal`.
        return this.answer(body, res, b, b.afterChunks ?? 0, { kind: 'stop', reason: 'refusal' }, requestId);
      case 'server_error':
        if (b.afterChunks !== undefined && body.stream) {
          return this.answer(body, res, {}, b.afterChunks, { kind: 'error', status: b.status }, requestId);
        }
        return fail(b.status, ...serverError(b.status));
      case 'cut':
        return this.answer(body, res, b, b.afterChunks, { kind: 'cut', how: b.how ?? 'destroy' }, requestId);
      case 'malformed':
        return this.answer(body, res, b, b.afterChunks, { kind: 'malformed' }, requestId);
      case 'reply':
        return this.answer(
          body,
          res,
          b,
          Infinity,
          { kind: 'stop', reason: b.finishReason === 'length' ? 'max_tokens' : 'end_turn' },
          requestId,
        );
      case 'tool_calls':
        return this.callTools(body, res, b, requestId);
    }
  }

  /**
   * The model calls tools, the way Anthropic streams them: the text block first (when
   * scripted), then one `tool_use` block per call, its input `{}` at the start and the
   * JSON text in `input_json_delta` pieces, then stop_reason `tool_use`.
   */
  private async callTools(
    body: MessagesBody,
    res: ServerResponse,
    b: ReplyShape & { calls: ScriptedToolCall[]; argumentChunks?: number; cutAfterChunks?: number },
    requestId: string,
  ): Promise<void> {
    const calls = b.calls.map((call) => ({
      id: call.id ?? randomId('toolu_'),
      name: call.name,
      text: argumentsText(call),
    }));
    const textChunks = b.text ? splitText(b.text, b.chunks) : [];
    const inputTokens = b.inputTokens ?? promptWords(body);
    const outputTokens = b.outputTokens ?? textChunks.length + calls.length;
    const id = randomId('msg_');
    const model = body.model ?? 'claude-haiku-4-5';
    const headers = { 'request-id': requestId };

    if (!body.stream) {
      const content = [
        ...(b.text ? [{ type: 'text', text: b.text }] : []),
        ...calls.map((c) => ({
          type: 'tool_use',
          id: c.id,
          name: c.name,
          input: inputOf(c.text),
          caller: DIRECT_CALLER,
        })),
      ];
      return sendJson(
        res,
        200,
        {
          id,
          type: 'message',
          role: 'assistant',
          model,
          content,
          stop_reason: 'tool_use',
          stop_sequence: null,
          usage: usage(inputTokens, outputTokens, b),
        },
        headers,
      );
    }

    const message = {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: usage(inputTokens, 1, b),
    };
    const frames: Frame[] = [['message_start', { type: 'message_start', message }]];
    const blockStart = (index: number, block: Record<string, unknown>): void => {
      frames.push(['content_block_start', { type: 'content_block_start', index, content_block: block }]);
      // Anthropic pings once, after the first block starts.
      if (index === 0) frames.push(['ping', { type: 'ping' }]);
    };
    const delta = (index: number, d: Record<string, unknown>): void => {
      frames.push(['content_block_delta', { type: 'content_block_delta', index, delta: d }]);
    };
    const blockStop = (index: number): void => {
      frames.push(['content_block_stop', { type: 'content_block_stop', index }]);
    };
    let index = 0;
    if (textChunks.length) {
      blockStart(index, { type: 'text', text: '' });
      for (const text of textChunks) delta(index, { type: 'text_delta', text });
      blockStop(index++);
    }
    for (const call of calls) {
      blockStart(index, { type: 'tool_use', id: call.id, name: call.name, input: {}, caller: DIRECT_CALLER });
      for (const piece of splitArguments(call.text, b.argumentChunks)) {
        delta(index, { type: 'input_json_delta', partial_json: piece });
      }
      blockStop(index++);
    }
    frames.push([
      'message_delta',
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: { output_tokens: outputTokens },
      },
    ]);
    frames.push(['message_stop', { type: 'message_stop' }]);

    startEventStream(res, headers);
    for (const [i, [event, data]] of frames.entries()) {
      if (b.cutAfterChunks !== undefined && i >= b.cutAfterChunks) return void res.socket?.destroy();
      if (i > 0) await pause(b.chunkDelayMs, res);
      await writeEvent(res, data, event);
    }
    res.end();
  }

  /** Sends up to `limit` chunks of the reply, then ends the way `end` says. */
  private async answer(
    body: MessagesBody,
    res: ServerResponse,
    shape: ReplyShape,
    limit: number,
    end: StreamEnd,
    requestId: string,
  ): Promise<void> {
    const chunks = splitText(shape.text ?? FAKE_ANTHROPIC_REPLY, shape.chunks).slice(0, limit);
    const inputTokens = shape.inputTokens ?? promptWords(body);
    const outputTokens = shape.outputTokens ?? chunks.length;
    const id = randomId('msg_');
    const model = body.model ?? 'claude-haiku-4-5';
    const headers = { 'request-id': requestId };

    if (!body.stream) {
      if (end.kind === 'cut' || end.kind === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json', ...headers });
        await writeRaw(res, `{"id":"${id}","type":"message","role":"assistant","content":[{"type":"text","text":"`);
        return void (end.kind === 'cut' && end.how === 'end' ? res.end() : res.socket?.destroy());
      }
      const stopReason = end.kind === 'stop' ? end.reason : 'end_turn';
      return sendJson(
        res,
        200,
        {
          id,
          type: 'message',
          role: 'assistant',
          model,
          content: chunks.length ? [{ type: 'text', text: chunks.join('') }] : [],
          stop_reason: stopReason,
          stop_sequence: null,
          usage: usage(inputTokens, outputTokens, shape),
        },
        headers,
      );
    }

    startEventStream(res, headers);
    const message = {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: usage(inputTokens, 1, shape),
    };
    await writeEvent(res, { type: 'message_start', message }, 'message_start');
    await writeEvent(
      res,
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      'content_block_start',
    );
    await writeEvent(res, { type: 'ping' }, 'ping');
    for (const [i, text] of chunks.entries()) {
      if (i > 0) await pause(shape.chunkDelayMs, res);
      await writeEvent(
        res,
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } },
        'content_block_delta',
      );
    }
    if (res.destroyed) return;
    switch (end.kind) {
      case 'cut':
        return void (end.how === 'destroy' ? res.socket?.destroy() : res.end());
      case 'malformed':
        await writeEvent(
          res,
          '{"type":"content_block_delta","index":0,"delta":{"type":"text_de',
          'content_block_delta',
        );
        return void res.end();
      case 'error': {
        const [type, text] = serverError(end.status);
        await writeEvent(res, { type: 'error', error: { type, message: text }, request_id: requestId }, 'error');
        return void res.end();
      }
      case 'stop':
        await writeEvent(res, { type: 'content_block_stop', index: 0 }, 'content_block_stop');
        await writeEvent(
          res,
          {
            type: 'message_delta',
            delta: { stop_reason: end.reason, stop_sequence: null },
            usage: { output_tokens: outputTokens },
          },
          'message_delta',
        );
        await writeEvent(res, { type: 'message_stop' }, 'message_stop');
        return void res.end();
    }
  }
}

function serverError(status: number): [type: string, message: string] {
  if (status === 529) return ['overloaded_error', 'Overloaded'];
  if (status === 504) return ['timeout_error', 'Request timed out'];
  return ['api_error', 'Internal server error'];
}

function usage(inputTokens: number, outputTokens: number, shape: ReplyShape): Record<string, unknown> {
  return {
    input_tokens: inputTokens,
    cache_creation_input_tokens: shape.cacheWriteTokens ?? 0,
    cache_read_input_tokens: shape.cacheReadTokens ?? 0,
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

/** A call's input as the JSON message carries it: the parsed arguments, or `{}` for text that is not a JSON object. */
function inputOf(text: string): unknown {
  try {
    const input: unknown = JSON.parse(text);
    return input !== null && typeof input === 'object' && !Array.isArray(input) ? input : {};
  } catch {
    return {};
  }
}

/**
 * Anthropic's check that tool results answer calls: every tool_use of an assistant
 * message needs its tool_result in the very next message, and every tool_result a
 * tool_use in the message before. Returns Anthropic's 400 message, or undefined.
 */
function unpairedToolBlocks(messages: { role: string; content: unknown }[]): string | undefined {
  const blocks = (m: { content: unknown } | undefined): { type?: string; id?: string; tool_use_id?: string }[] =>
    Array.isArray(m?.content) ? (m.content as { type?: string }[]) : [];
  for (const [i, message] of messages.entries()) {
    const results = blocks(messages[i + 1]).flatMap((b) => (b.type === 'tool_result' ? [b.tool_use_id] : []));
    const missing = blocks(message).flatMap((b) => (b.type === 'tool_use' && !results.includes(b.id) ? [b.id] : []));
    // The last message may be the model's own calls, not yet answered (none follows).
    if (missing.length && i + 1 < messages.length) {
      return `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
    }
    const calls = blocks(messages[i - 1]).flatMap((b) => (b.type === 'tool_use' ? [b.id] : []));
    for (const [j, block] of blocks(message).entries()) {
      if (block.type === 'tool_result' && !calls.includes(block.tool_use_id)) {
        return `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${block.tool_use_id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
      }
    }
  }
  return undefined;
}

function promptWords(body: MessagesBody): number {
  const text = (content: unknown): string => (typeof content === 'string' ? content : JSON.stringify(content ?? ''));
  return (
    countWords(text(body.system ?? '')) + (body.messages ?? []).reduce((sum, m) => sum + countWords(text(m.content)), 0)
  );
}
