import type { ServerResponse } from 'node:http';
import {
  argumentsText,
  countWords,
  FakeLlmServer,
  pause,
  randomId,
  sendJson,
  splitText,
  startEventStream,
  type FakeBehaviour,
  type FakeServerOptions,
  type RecordedRequest,
  type ReplyShape,
  type ScriptedToolCall,
  writeRaw,
} from './fake-server-script';

/**
 * A wire-level stand-in for the Gemini Developer API (generativelanguage.googleapis.com),
 * so the real `@google/genai` SDK is exercised end to end: HTTP, SSE framing, Google's
 * error JSON (`{error: {code, message, status, details}}`).
 *
 * Routes: `POST /v1beta/models/{model}:generateContent` (JSON) and
 * `POST /v1beta/models/{model}:streamGenerateContent?alt=sse` (`data: {GenerateContentResponse}`
 * frames separated by CRLF CRLF as Google sends them, `finishReason` and `usageMetadata` on the
 * last one). The key is checked as Google does: the `x-goog-api-key` header (what the SDK
 * sends) or `?key=`; a missing key gets 403 PERMISSION_DENIED, a wrong one 400 INVALID_ARGUMENT
 * with ErrorInfo `API_KEY_INVALID`.
 *
 * Behaviours (see fake-server-script.ts) on Gemini's wire:
 * - `reply`: text in `chunks` frames (non-streaming: one JSON response).
 * - `rate_limited`: 429 RESOURCE_EXHAUSTED with a QuotaFailure detail. `retryAfterSeconds` sends a
 *   `Retry-After` header (as proxies do); `retryAfterMs` sends Google's own hint, a RetryInfo
 *   detail `retryDelay: "<s>s"` (what the real API sends). Neither given: RetryInfo "7s".
 * - `server_error`: the status with Google's name for it (503 UNAVAILABLE "The model is
 *   overloaded"); with `afterChunks`, a 200 stream that then sends an in-stream error frame.
 * - `refusal`: `via: 'stop_reason'` streams `afterChunks` frames then finishReason SAFETY;
 *   `via: 'error'` refuses up front with `promptFeedback.blockReason: SAFETY` and no candidates
 *   (Gemini answers 200 for a blocked prompt, it has no policy error status).
 * - `context_too_long`: 400 INVALID_ARGUMENT "The input token count (…) exceeds the maximum…".
 * - `tool_calls`: the `text` frames (none unless given), then one frame per call with a whole
 *   `functionCall` part `{name, args, id?}` (Gemini never streams arguments, so `argumentChunks`
 *   is ignored; `id` only when scripted, as older models send none; arguments that are not
 *   valid JSON go as `{}`), the first carrying THOUGHT_SIGNATURE as a thinking model's does;
 *   finishReason STOP and usage on the last frame. `cutAfterChunks` destroys the socket after
 *   that many frames (non-streaming: half the JSON body). Non-streaming: one candidate, all parts.
 * - `cut`, `malformed`, `hang`: as documented on FakeBehaviour.
 *
 * Usage: `const gemini = await FakeGeminiServer.start({ apiKey: 'k' })`, then
 * `new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: gemini.url } })` and
 * `gemini.script(rateLimited(undefined, 2000), reply('Hi'))`. Requests rejected for their key,
 * path or body take no scripted behaviour.
 */
export class FakeGeminiServer extends FakeLlmServer {
  static readonly DEFAULT_TEXT = 'Hello from the fake Gemini server.';
  /** The thoughtSignature (base64, opaque) on the first functionCall part of a `tool_calls` reply. */
  static readonly THOUGHT_SIGNATURE = Buffer.from('fake-gemini-thought-signature').toString('base64');
  // The SDK appends the API version (`/v1beta`) itself: the base URL is the bare origin.
  protected readonly basePath = '';

  static async start(options: FakeServerOptions = {}): Promise<FakeGeminiServer> {
    const server = new FakeGeminiServer(options);
    await server.listen();
    return server;
  }

  protected async handle(request: RecordedRequest, res: ServerResponse): Promise<void> {
    const url = new URL(request.path, 'http://fake');
    const route = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(url.pathname);
    if (request.method !== 'POST' || !route) {
      return sendError(res, 404, `Method not found: ${request.method} ${url.pathname}`);
    }
    const key = request.headers['x-goog-api-key'] ?? url.searchParams.get('key');
    if (!key) {
      const message =
        "Method doesn't allow unregistered callers (callers without established identity). " +
        'Please use API Key or other form of API consumer identity to call this API.';
      return sendError(res, 403, message);
    }
    if (key !== this.apiKey) {
      return sendError(res, 400, 'API key not valid. Please pass a valid API key.', [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
      ]);
    }
    const stream = route[2] === 'streamGenerateContent';
    if (typeof request.body !== 'object' || (stream && url.searchParams.get('alt') !== 'sse')) {
      return sendError(res, 400, stream ? 'This fake streams only with alt=sse.' : 'Invalid JSON payload received.');
    }
    const behaviour = this.takeBehaviour(request);
    const exchange = new Exchange(res, stream, route[1]!, promptWords(request.body));
    await pause(firstByteDelay(behaviour), res);
    if (!res.destroyed) await exchange.play(behaviour);
  }
}

/** Shorthand for `FakeGeminiServer.start(options)`. */
export function startFakeGeminiServer(options?: FakeServerOptions): Promise<FakeGeminiServer> {
  return FakeGeminiServer.start(options);
}

type Candidate = Record<string, unknown>;

/** One request's answer on Gemini's wire. */
class Exchange {
  private readonly responseId = randomId('fake-');

  constructor(
    private readonly res: ServerResponse,
    private readonly stream: boolean,
    private readonly model: string,
    private readonly inputTokens: number,
  ) {}

  async play(behaviour: FakeBehaviour): Promise<void> {
    switch (behaviour.kind) {
      case 'hang':
        return; // The base server's close() drops the connection.
      case 'rate_limited': {
        const { retryAfterSeconds, retryAfterMs } = behaviour;
        const retryDelayMs = retryAfterMs ?? (retryAfterSeconds === undefined ? 7000 : undefined);
        const details: unknown[] = [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests' }],
          },
        ];
        if (retryDelayMs !== undefined) {
          details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryDelayMs / 1000}s` });
        }
        const headers: Record<string, string> =
          retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
        const message = 'You exceeded your current quota, please check your plan and billing details.';
        return sendError(this.res, 429, message, details, headers);
      }
      case 'server_error': {
        const message =
          behaviour.status === 503
            ? 'The model is overloaded. Please try again later.'
            : 'An internal error has occurred.';
        if (behaviour.afterChunks === undefined || !this.stream) return sendError(this.res, behaviour.status, message);
        const pieces = splitText(FakeGeminiServer.DEFAULT_TEXT).slice(0, behaviour.afterChunks);
        const frames: unknown[] = pieces.map((text) => this.frame(textCandidate(text)));
        frames.push(errorBody(behaviour.status, message));
        return this.sse(frames, 0, 'end');
      }
      case 'context_too_long':
        return sendError(
          this.res,
          400,
          'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).',
        );
      case 'refusal':
        if (behaviour.via === 'error') {
          const blocked = {
            promptFeedback: { blockReason: 'SAFETY', safetyRatings: SAFETY_RATINGS },
            usageMetadata: usage(this.inputTokens, 0),
            modelVersion: this.model,
          };
          return this.stream ? this.sse([blocked], 0, 'end') : sendJson(this.res, 200, blocked);
        }
        return this.text(behaviour, 'SAFETY', behaviour.afterChunks ?? 0);
      case 'reply':
        return this.text(behaviour, behaviour.finishReason === 'length' ? 'MAX_TOKENS' : 'STOP');
      case 'tool_calls':
        return this.toolCalls(behaviour, behaviour.calls, behaviour.cutAfterChunks);
      case 'cut':
        return this.text(behaviour, 'STOP', behaviour.afterChunks, behaviour.how ?? 'destroy');
      case 'malformed':
        return this.text(behaviour, 'STOP', behaviour.afterChunks, 'malformed');
    }
  }

  /**
   * A text reply ending with `finishReason`. With `sendOnly`, only that many text frames are
   * sent, then the reply ends `how` says (SAFETY: a final frame with no content).
   */
  private async text(
    shape: ReplyShape,
    finishReason: 'STOP' | 'MAX_TOKENS' | 'SAFETY',
    sendOnly?: number,
    how: 'end' | 'destroy' | 'malformed' = 'end',
  ): Promise<void> {
    const text = shape.text ?? FakeGeminiServer.DEFAULT_TEXT;
    const pieces = splitText(text, shape.chunks);
    const sent = sendOnly === undefined ? pieces : pieces.slice(0, sendOnly);
    const outputTokens = shape.outputTokens ?? sent.length;
    const usageMetadata = usage(shape.inputTokens ?? this.inputTokens, outputTokens);
    const final = (candidate: Candidate): unknown =>
      this.frame(
        { ...candidate, finishReason, ...(finishReason === 'SAFETY' ? { safetyRatings: SAFETY_RATINGS } : {}) },
        usageMetadata,
      );
    if (!this.stream) {
      // A reply stopped by the safety filter carries no content at all.
      const whole = final(finishReason === 'SAFETY' ? { index: 0 } : textCandidate(sent.join('')));
      if (sendOnly === undefined || finishReason === 'SAFETY') return sendJson(this.res, 200, whole);
      const body = JSON.stringify(whole);
      // A broken non-streaming reply: half a JSON body, then a reset or a clean end.
      this.res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      await writeRaw(this.res, body.slice(0, body.length / 2));
      if (how === 'destroy') this.res.destroy();
      else this.res.end();
      return;
    }
    const frames: unknown[] = sent.map((piece) => this.frame(textCandidate(piece)));
    if (finishReason === 'SAFETY') frames.push(final({ index: 0 }));
    else if (sendOnly === undefined) frames[frames.length - 1] = final(textCandidate(sent[sent.length - 1] ?? ''));
    return this.sse(frames, shape.chunkDelayMs, how);
  }

  /** Text frames (if any), then one whole functionCall part per frame; STOP on the last. */
  private async toolCalls(shape: ReplyShape, calls: ScriptedToolCall[], cutAfter?: number): Promise<void> {
    const texts = shape.text ? splitText(shape.text, shape.chunks) : [];
    const parts: unknown[][] = [
      ...texts.map((text) => [{ text }]),
      ...calls.map((call, i) => [callPart(call, i === 0)]),
    ];
    if (!parts.length) parts.push([{ text: '' }]);
    const usageMetadata = usage(shape.inputTokens ?? this.inputTokens, shape.outputTokens ?? parts.length);
    const candidate = (content: unknown[], last: boolean): Candidate => ({
      content: { parts: content, role: 'model' },
      index: 0,
      ...(last ? { finishReason: 'STOP' } : {}),
    });
    if (!this.stream) {
      const whole = this.frame(candidate(parts.flat(), true), usageMetadata);
      if (cutAfter === undefined) return sendJson(this.res, 200, whole);
      const body = JSON.stringify(whole);
      this.res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      await writeRaw(this.res, body.slice(0, body.length / 2));
      this.res.destroy();
      return;
    }
    const frames = parts.map((content, i) => {
      const last = i === parts.length - 1;
      return this.frame(candidate(content, last), last ? usageMetadata : undefined);
    });
    if (cutAfter === undefined) return this.sse(frames, shape.chunkDelayMs, 'end');
    return this.sse(frames.slice(0, cutAfter), shape.chunkDelayMs, 'destroy');
  }

  private async sse(frames: unknown[], gapMs = 0, how: 'end' | 'destroy' | 'malformed'): Promise<void> {
    startEventStream(this.res);
    for (const [index, frame] of frames.entries()) {
      if (index > 0) await pause(gapMs, this.res);
      if (this.res.destroyed) return;
      await writeRaw(this.res, `data: ${JSON.stringify(frame)}\r\n\r\n`);
    }
    if (how === 'malformed') await writeRaw(this.res, 'data: {"candidates": [{"content": {"parts": [{"te\r\n\r\n');
    if (how === 'destroy') this.res.destroy();
    else this.res.end();
  }

  private frame(candidate: Candidate, usageMetadata?: unknown): unknown {
    return {
      candidates: [candidate],
      ...(usageMetadata ? { usageMetadata } : {}),
      modelVersion: this.model,
      responseId: this.responseId,
    };
  }
}

const SAFETY_RATINGS = [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true }];

/** Google's canonical status names for the HTTP codes the fake sends. */
const GOOGLE_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

function textCandidate(text: string): Candidate {
  return { content: { parts: [{ text }], role: 'model' }, index: 0 };
}

/** A scripted call as Gemini's functionCall part; a thinking model signs the first call of a step. */
function callPart(call: ScriptedToolCall, signed: boolean): unknown {
  let args: unknown = {};
  try {
    args = JSON.parse(argumentsText(call));
  } catch {
    // Gemini's args is always a JSON object: arguments scripted as broken text go as `{}`.
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) args = {};
  return {
    functionCall: { ...(call.id !== undefined ? { id: call.id } : {}), name: call.name, args },
    ...(signed ? { thoughtSignature: FakeGeminiServer.THOUGHT_SIGNATURE } : {}),
  };
}

function usage(promptTokenCount: number, candidatesTokenCount: number): Record<string, number> {
  return { promptTokenCount, candidatesTokenCount, totalTokenCount: promptTokenCount + candidatesTokenCount };
}

function errorBody(code: number, message: string, details?: unknown[]): unknown {
  return { error: { code, message, status: GOOGLE_STATUS[code] ?? 'UNKNOWN', ...(details ? { details } : {}) } };
}

function sendError(
  res: ServerResponse,
  code: number,
  message: string,
  details?: unknown[],
  headers: Record<string, string> = {},
): void {
  sendJson(res, code, errorBody(code, message, details), {
    'content-type': 'application/json; charset=UTF-8',
    ...headers,
  });
}

/** Words of every text part of the prompt (contents and system instruction): the default input usage. */
function promptWords(body: unknown): number {
  const { contents = [], systemInstruction } = body as {
    contents?: { parts?: { text?: string }[] }[];
    systemInstruction?: { parts?: { text?: string }[] };
  };
  const parts = [...contents, systemInstruction ?? {}].flatMap((content) => content.parts ?? []);
  return countWords(parts.map((part) => part.text ?? '').join(' '));
}

function firstByteDelay(behaviour: FakeBehaviour): number | undefined {
  return 'firstByteDelayMs' in behaviour ? behaviour.firstByteDelayMs : undefined;
}
