/**
 * Wire-level fake of OpenAI's Chat Completions API (`POST /v1/chat/completions`)
 * and Embeddings API (`POST /v1/embeddings`, see fake-openai-embeddings.ts),
 * as OpenAI and the OpenAI-compatible servers send them: JSON bodies, SSE
 * `data: {chunk}` frames ending with `data: [DONE]`, the usage chunk when
 * `stream_options.include_usage` is set, and OpenAI's error JSON
 * (`{ error: { message, type, param, code } }`). Behaviours are scripted per
 * request, see fake-server-script.ts.
 */
import type { ServerResponse } from 'node:http';
import { checkEmbeddingsBody, type EmbeddingsBody, embeddingsResponse } from './fake-openai-embeddings';
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

export { fakeEmbedding } from './fake-openai-embeddings';

export const FAKE_OPENAI_REPLY = 'Hello from the fake OpenAI server.';

interface ChatBody {
  model?: string;
  max_tokens?: number;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  messages?: { role: string; content: unknown }[];
}

type StreamEnd =
  | { kind: 'finish'; reason: 'stop' | 'length' | 'content_filter' }
  | { kind: 'cut'; how: 'destroy' | 'end' }
  | { kind: 'malformed' }
  | { kind: 'error'; status: number };

export class FakeOpenAiServer extends FakeLlmServer {
  protected readonly basePath = '/v1';

  static async start(options: FakeServerOptions = {}): Promise<FakeOpenAiServer> {
    const server = new FakeOpenAiServer(options);
    await server.listen();
    return server;
  }

  protected async handle(request: RecordedRequest, res: ServerResponse): Promise<void> {
    const auth = request.headers.authorization;
    if (auth !== `Bearer ${this.apiKey}`) return sendJson(res, 401, authError(auth));
    if (request.method === 'POST' && request.path.split('?')[0] === '/v1/embeddings') {
      return this.embeddings(request, res);
    }
    if (request.method !== 'POST' || request.path.split('?')[0] !== '/v1/chat/completions') {
      return sendJson(
        res,
        404,
        error(`Invalid URL (${request.method} ${request.path})`, 'invalid_request_error', null),
      );
    }
    const body = (request.body ?? {}) as ChatBody;
    // As OpenAI answers it, before any scripted behaviour (like auth).
    if (body.max_tokens !== undefined && /^(o1|o3|o4|gpt-5)([-.]|$)/.test(body.model ?? '')) {
      const message =
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.";
      return sendJson(res, 400, error(message, 'invalid_request_error', 'unsupported_parameter', 'max_tokens'));
    }
    const b = this.takeBehaviour(request);
    if (b.kind === 'hang') return; // the socket stays open until the client gives up or close()
    await pause('firstByteDelayMs' in b ? b.firstByteDelayMs : undefined, res);

    switch (b.kind) {
      case 'rate_limited': {
        const headers = retryAfterHeaders(b);
        const message = `Rate limit reached for ${body.model} on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${b.retryAfterSeconds ?? 1}s.`;
        return sendJson(res, 429, error(message, 'requests', 'rate_limit_exceeded'), headers);
      }
      case 'context_too_long':
        return sendJson(res, 400, CONTEXT_TOO_LONG_ERROR);
      case 'refusal':
        if (b.via === 'error') return sendJson(res, 400, POLICY_ERROR);
        return this.answer(body, res, b, b.afterChunks ?? 0, { kind: 'finish', reason: 'content_filter' });
      case 'server_error':
        if (b.afterChunks !== undefined && body.stream) {
          return this.answer(body, res, {}, b.afterChunks, { kind: 'error', status: b.status });
        }
        return sendJson(res, b.status, serverErrorBody(b.status));
      case 'cut':
        return this.answer(body, res, b, b.afterChunks, { kind: 'cut', how: b.how ?? 'destroy' });
      case 'malformed':
        return this.answer(body, res, b, b.afterChunks, { kind: 'malformed' });
      case 'reply':
        return this.answer(body, res, b, Infinity, { kind: 'finish', reason: b.finishReason ?? 'stop' });
      case 'tool_calls':
        return this.callTools(body, res, b);
    }
  }

  /**
   * The model calls tools, the way OpenAI streams them: the text first (when scripted),
   * then per call a delta with its index, id, type and name and empty arguments, then
   * argument pieces keyed by the same index, and finish_reason `tool_calls`.
   */
  private async callTools(
    body: ChatBody,
    res: ServerResponse,
    b: ReplyShape & { calls: ScriptedToolCall[]; argumentChunks?: number; cutAfterChunks?: number },
  ): Promise<void> {
    const calls = b.calls.map((call) => ({ ...call, id: call.id ?? randomId('call_'), text: argumentsText(call) }));
    const textChunks = b.text ? splitText(b.text, b.chunks) : [];
    const usage = {
      prompt_tokens: b.inputTokens ?? promptWords(body),
      completion_tokens: b.outputTokens ?? textChunks.length + calls.length,
      total_tokens: 0,
    };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    const id = randomId('chatcmpl-');
    const created = Math.floor(Date.now() / 1000);
    const model = body.model ?? 'gpt-4o-mini';
    if (!body.stream) {
      const message = {
        role: 'assistant',
        content: b.text ?? null,
        refusal: null,
        annotations: [],
        tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.text } })),
      };
      return sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [{ index: 0, message, logprobs: null, finish_reason: 'tool_calls' }],
        usage,
        system_fingerprint: 'fp_fake',
      });
    }
    const withUsage = body.stream_options?.include_usage === true;
    const frame = (delta: unknown, finish: string | null = null, extra: Record<string, unknown> = {}) => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      system_fingerprint: 'fp_fake',
      choices: delta === undefined ? [] : [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(withUsage ? { usage: null } : {}),
      ...extra,
    });
    const frames: unknown[] = [frame({ role: 'assistant', content: b.text ? '' : null, refusal: null })];
    for (const text of textChunks) frames.push(frame({ content: text }));
    for (const [index, call] of calls.entries()) {
      frames.push(
        frame({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }),
      );
      for (const piece of splitArguments(call.text, b.argumentChunks)) {
        frames.push(frame({ tool_calls: [{ index, function: { arguments: piece } }] }));
      }
    }
    frames.push(frame({}, 'tool_calls'));
    if (withUsage) frames.push(frame(undefined, null, { usage }));
    startEventStream(res, { 'x-request-id': randomId('req_') });
    for (const [i, data] of frames.entries()) {
      if (b.cutAfterChunks !== undefined && i >= b.cutAfterChunks) return void res.socket?.destroy();
      if (i > 0) await pause(b.chunkDelayMs, res);
      await writeEvent(res, data);
    }
    await writeEvent(res, '[DONE]');
    res.end();
  }

  /**
   * Embeddings: validation errors come first (they use no behaviour, like auth), then
   * the scripted behaviour. There is no stream, so `cut`/`malformed` send half a JSON
   * body, a refusal is the policy 400, and `afterChunks` is ignored.
   */
  private async embeddings(request: RecordedRequest, res: ServerResponse): Promise<void> {
    const body = (request.body ?? {}) as EmbeddingsBody;
    const check = checkEmbeddingsBody(body);
    if (!check.ok) return sendJson(res, 400, error(check.message, 'invalid_request_error', null, check.param));
    const b = this.takeBehaviour(request);
    if (b.kind === 'hang') return;
    await pause('firstByteDelayMs' in b ? b.firstByteDelayMs : undefined, res);
    switch (b.kind) {
      case 'rate_limited': {
        const headers = retryAfterHeaders(b);
        const message = `Rate limit reached for ${check.model} on tokens per min (TPM): Limit 1000000, Used 999990, Requested 100. Please try again in ${b.retryAfterSeconds ?? 1}s.`;
        return sendJson(res, 429, error(message, 'tokens', 'rate_limit_exceeded'), headers);
      }
      case 'server_error':
        return sendJson(res, b.status, serverErrorBody(b.status));
      case 'context_too_long':
        return sendJson(res, 400, EMBEDDING_TOO_LONG_ERROR);
      case 'refusal':
        return sendJson(res, 400, POLICY_ERROR);
      case 'tool_calls':
        return sendJson(
          res,
          400,
          error('tools are not supported by the embeddings API', 'invalid_request_error', null),
        );
      case 'cut':
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        await writeRaw(res, '{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.0123,');
        return void (b.kind === 'cut' && b.how === 'destroy' ? res.socket?.destroy() : res.end());
      case 'reply':
        return sendJson(res, 200, embeddingsResponse(check), {
          'openai-model': check.model,
          'x-request-id': randomId('req_'),
        });
    }
  }

  /** Sends up to `limit` chunks of the reply, then ends the way `end` says. */
  private async answer(
    body: ChatBody,
    res: ServerResponse,
    shape: ReplyShape,
    limit: number,
    end: StreamEnd,
  ): Promise<void> {
    const chunks = splitText(shape.text ?? FAKE_OPENAI_REPLY, shape.chunks).slice(0, limit);
    const usage = {
      prompt_tokens: shape.inputTokens ?? promptWords(body),
      completion_tokens: shape.outputTokens ?? chunks.length,
      total_tokens: 0,
    };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    const id = randomId('chatcmpl-');
    const created = Math.floor(Date.now() / 1000);
    const model = body.model ?? 'gpt-4o-mini';

    if (!body.stream) {
      if (end.kind === 'cut' || end.kind === 'malformed') {
        // Half a JSON body, then the connection drops (or closes: the JSON is truncated either way).
        res.writeHead(200, { 'content-type': 'application/json' });
        await writeRaw(
          res,
          `{"id":"${id}","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"`,
        );
        return void (end.kind === 'cut' && end.how === 'end' ? res.end() : res.socket?.destroy());
      }
      const finish = end.kind === 'finish' ? end.reason : 'stop';
      const message = {
        role: 'assistant',
        content: chunks.length ? chunks.join('') : null,
        refusal: null,
        annotations: [],
      };
      return sendJson(
        res,
        200,
        {
          id,
          object: 'chat.completion',
          created,
          model,
          choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
          usage,
          system_fingerprint: 'fp_fake',
        },
        { 'x-request-id': randomId('req_') },
      );
    }

    const withUsage = body.stream_options?.include_usage === true;
    // With include_usage every chunk carries `usage: null` except the last one.
    const frame = (choices: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      system_fingerprint: 'fp_fake',
      choices,
      ...(withUsage ? { usage: null } : {}),
      ...extra,
    });
    startEventStream(res, { 'x-request-id': randomId('req_') });
    await writeEvent(
      res,
      frame([
        { index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null },
      ]),
    );
    for (const [i, text] of chunks.entries()) {
      if (i > 0) await pause(shape.chunkDelayMs, res);
      await writeEvent(res, frame([{ index: 0, delta: { content: text }, logprobs: null, finish_reason: null }]));
    }
    if (res.destroyed) return;
    switch (end.kind) {
      case 'cut':
        return void (end.how === 'destroy' ? res.socket?.destroy() : res.end());
      case 'malformed':
        await writeEvent(
          res,
          `{"id":"${id}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":`,
        );
        await writeEvent(res, '[DONE]');
        return void res.end();
      case 'error':
        // How OpenAI reports a failure after the 200: an `error` object in a data frame.
        await writeEvent(res, serverErrorBody(end.status));
        return void res.end();
      case 'finish':
        await writeEvent(res, frame([{ index: 0, delta: {}, logprobs: null, finish_reason: end.reason }]));
        if (withUsage) await writeEvent(res, frame([], { usage }));
        await writeEvent(res, '[DONE]');
        return void res.end();
    }
  }
}

function error(message: string, type: string, code: string | null, param: string | null = null): unknown {
  return { error: { message, type, param, code } };
}

const CONTEXT_TOO_LONG_ERROR = error(
  "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. " +
    'Please reduce the length of the messages.',
  'invalid_request_error',
  'context_length_exceeded',
  'messages',
);

const EMBEDDING_TOO_LONG_ERROR = error(
  "This model's maximum context length is 8192 tokens, however you requested 9000 tokens (9000 in your prompt; " +
    '0 for the completion). Please reduce your prompt; or completion length.',
  'invalid_request_error',
  null,
);

const POLICY_ERROR = error(
  'Your request was rejected as a result of our safety system.',
  'invalid_request_error',
  'content_policy_violation',
);

function serverErrorBody(status: number): unknown {
  return status === 503
    ? error('The server is overloaded or not ready yet.', 'server_error', null)
    : error('The server had an error while processing your request. Sorry about that!', 'server_error', null);
}

/** OpenAI's 401s, which echo a masked form of a wrong key. */
function authError(header: string | undefined): unknown {
  const key = header?.replace(/^Bearer\s+/i, '') ?? '';
  if (!key) {
    return error(
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      'invalid_request_error',
      null,
    );
  }
  const masked = `${key.slice(0, 3)}${'*'.repeat(Math.max(0, key.length - 7))}${key.slice(-4)}`;
  return error(
    `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error',
    'invalid_api_key',
  );
}

function promptWords(body: ChatBody): number {
  return (body.messages ?? []).reduce(
    (sum, m) => sum + countWords(typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? '')),
    0,
  );
}
