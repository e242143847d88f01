/**
 * Vendor-neutral plumbing for the wire-level fake LLM servers: the scripted
 * behaviours, the per-request script queue, and a small HTTP server base that
 * records every request. Each vendor fake (OpenAI, Anthropic, ...) only decides
 * how a behaviour looks on its own wire.
 *
 * Usage: `const fake = await FakeOpenAiServer.start({ apiKey })`, then
 * `fake.script(rateLimited(2), reply('Hi'))`: the next request gets a 429, the
 * one after it "Hi", every later one the default behaviour.
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a reply says and how it is delivered. */
export interface ReplyShape {
  /** The reply text; each fake has its own default. */
  text?: string;
  /** How many streamed chunks the text is split into (at word boundaries). Default: one per word. */
  chunks?: number;
  /** Wait before the status line is sent. */
  firstByteDelayMs?: number;
  /** Wait before each streamed chunk after the first. */
  chunkDelayMs?: number;
  /** Reported usage; defaults: words in the prompt, and one token per chunk. */
  inputTokens?: number;
  outputTokens?: number;
  /**
   * How a `reply` ends: `length` is the vendor's "a token limit cut it" (OpenAI
   * finish_reason `length`, Anthropic stop_reason `max_tokens`, Gemini MAX_TOKENS).
   */
  finishReason?: 'stop' | 'length';
  /** Anthropic's prompt-cache counts, reported beside (not inside) input_tokens. */
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
}

/** A tool call a scripted reply makes. */
export interface ScriptedToolCall {
  /** The vendor's call id; default a fresh one in the vendor's style (Gemini sends none unless given). */
  id?: string;
  name: string;
  /** An object is sent as its JSON; a string is sent as written (to script arguments that are not valid JSON). */
  arguments: Record<string, unknown> | string;
}

/** One scripted answer. Streaming requests get the SSE form, others the JSON form. */
export type FakeBehaviour =
  | ({ kind: 'reply' } & ReplyShape)
  /**
   * The model calls tools: optional text first (`text`, streamed before the calls, as
   * models do when they think aloud), then each call, its arguments streamed in
   * `argumentChunks` pieces (default 3), ending with the vendor's "tool calls" stop
   * (OpenAI finish_reason `tool_calls`, Anthropic stop_reason `tool_use`, Gemini STOP
   * with functionCall parts). With `cutAfterChunks`, the stream is destroyed after that
   * many frames (a connection lost mid-arguments).
   */
  | ({
      kind: 'tool_calls';
      calls: ScriptedToolCall[];
      argumentChunks?: number;
      cutAfterChunks?: number;
    } & ReplyShape)
  /**
   * Streams `afterChunks` chunks, then breaks: `destroy` kills the socket (a
   * dropped connection), `end` closes the response cleanly but without the
   * vendor's terminal event. Non-streaming requests get half a JSON body.
   */
  | ({ kind: 'cut'; afterChunks: number; how?: 'destroy' | 'end' } & ReplyShape)
  /** Streams `afterChunks` chunks, then one frame that is not valid JSON. */
  | ({ kind: 'malformed'; afterChunks: number } & ReplyShape)
  /**
   * The vendor's safety system stops the reply after `afterChunks` chunks
   * (OpenAI finish_reason `content_filter`, Anthropic stop_reason `refusal`).
   * `via: 'error'` instead answers the vendor's 400 policy error where it has one (OpenAI).
   */
  | ({ kind: 'refusal'; afterChunks?: number; via?: 'stop_reason' | 'error' } & ReplyShape)
  /** 429 with `Retry-After: <seconds>` and/or `retry-after-ms`. */
  | { kind: 'rate_limited'; retryAfterSeconds?: number; retryAfterMs?: number; firstByteDelayMs?: number }
  /**
   * An error status (5xx; 529 is Anthropic's "overloaded") in the vendor's JSON.
   * With `afterChunks`, a streaming request instead gets a 200 stream that sends
   * that many chunks and then the vendor's in-stream error frame.
   */
  | { kind: 'server_error'; status: number; afterChunks?: number; firstByteDelayMs?: number }
  /** Reads the request and never answers: the client's timeout (or abort) must end it. */
  | { kind: 'hang' }
  /** 400 saying the prompt does not fit the model, in the vendor's own words and shape. */
  | { kind: 'context_too_long' };

// Shorthands for the behaviours above.
export function reply(text?: string, shape: Omit<ReplyShape, 'text'> = {}): FakeBehaviour {
  return { kind: 'reply', text, ...shape };
}
export function toolCalls(
  calls: ScriptedToolCall[],
  shape: ReplyShape & { argumentChunks?: number; cutAfterChunks?: number } = {},
): FakeBehaviour {
  return { kind: 'tool_calls', calls, ...shape };
}
/** The JSON text a scripted call sends as its arguments. */
export function argumentsText(call: ScriptedToolCall): string {
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
}
/** Splits a call's argument text into `count` pieces (at least one, possibly empty), never losing characters. */
export function splitArguments(text: string, count = 3): string[] {
  if (!text) return [''];
  const n = Math.max(1, Math.min(count, text.length));
  return Array.from({ length: n }, (_, i) =>
    text.slice(Math.floor((i * text.length) / n), Math.floor(((i + 1) * text.length) / n)),
  );
}
export function cutAfter(
  afterChunks: number,
  how: 'destroy' | 'end' = 'destroy',
  shape: ReplyShape = {},
): FakeBehaviour {
  return { kind: 'cut', afterChunks, how, ...shape };
}
export function malformedAfter(afterChunks: number, shape: ReplyShape = {}): FakeBehaviour {
  return { kind: 'malformed', afterChunks, ...shape };
}
export function refusal(
  afterChunks = 0,
  via: 'stop_reason' | 'error' = 'stop_reason',
  shape: ReplyShape = {},
): FakeBehaviour {
  return { kind: 'refusal', afterChunks, via, ...shape };
}
export function rateLimited(retryAfterSeconds?: number, retryAfterMs?: number): FakeBehaviour {
  return { kind: 'rate_limited', retryAfterSeconds, retryAfterMs };
}
export function serverError(status = 500, afterChunks?: number): FakeBehaviour {
  return { kind: 'server_error', status, afterChunks };
}
export const hang = (): FakeBehaviour => ({ kind: 'hang' });

/** The headers a scripted 429 carries: `Retry-After` (seconds) and/or OpenAI-style `retry-after-ms`. */
export function retryAfterHeaders(b: { retryAfterSeconds?: number; retryAfterMs?: number }): Record<string, string> {
  return {
    ...(b.retryAfterSeconds !== undefined ? { 'retry-after': String(b.retryAfterSeconds) } : {}),
    ...(b.retryAfterMs !== undefined ? { 'retry-after-ms': String(b.retryAfterMs) } : {}),
  };
}
export const contextTooLong = (): FakeBehaviour => ({ kind: 'context_too_long' });

/** A queue of behaviours for the next requests, in order, then a default for every later one. */
export class FakeScript {
  private queue: FakeBehaviour[] = [];
  private fallback: FakeBehaviour;

  constructor(private readonly initialDefault: FakeBehaviour = { kind: 'reply' }) {
    this.fallback = initialDefault;
  }

  push(...behaviours: FakeBehaviour[]): void {
    this.queue.push(...behaviours);
  }

  setDefault(behaviour: FakeBehaviour): void {
    this.fallback = behaviour;
  }

  next(): FakeBehaviour {
    return this.queue.shift() ?? this.fallback;
  }

  reset(): void {
    this.queue = [];
    this.fallback = this.initialDefault;
  }
}

/** What the fake received, so tests can assert what the SDK sent. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (the raw text when it is not JSON). */
  body: unknown;
  /** The behaviour that answered it; unset for requests rejected before (auth, path, validation), which use none. */
  behaviour?: FakeBehaviour;
  /** True once the client went away before the response was complete (abort, timeout). */
  clientDisconnected: boolean;
}

export interface FakeServerOptions {
  /** The only key the fake accepts. Default `test-key`. */
  apiKey?: string;
  /** What a request gets when nothing is scripted. Default: a plain reply. */
  defaultBehaviour?: FakeBehaviour;
}

/** HTTP server on 127.0.0.1 (random port) that answers each request with the next scripted behaviour. */
export abstract class FakeLlmServer {
  readonly requests: RecordedRequest[] = [];
  protected readonly apiKey: string;
  private readonly queue: FakeScript;
  private readonly server: Server;
  private baseUrl: string | undefined;

  /** Path prefix that belongs in the SDK's base URL (`/v1` for OpenAI, none for Anthropic). */
  protected abstract readonly basePath: string;

  protected constructor(options: FakeServerOptions) {
    this.apiKey = options.apiKey ?? 'test-key';
    this.queue = new FakeScript(options.defaultBehaviour);
    this.server = createServer((req, res) => {
      // A fake that breaks must not take the test runner down; the client sees a reset.
      this.dispatch(req, res).catch((err: unknown) => res.destroy(err instanceof Error ? err : new Error(String(err))));
    });
  }

  /** Base URL to give the SDK. */
  get url(): string {
    if (!this.baseUrl) throw new Error('fake server not started');
    return this.baseUrl;
  }

  /** Queues behaviours for the next requests, in order. */
  script(...behaviours: FakeBehaviour[]): this {
    this.queue.push(...behaviours);
    return this;
  }

  /** What every request gets once the queue is empty. */
  setDefault(behaviour: FakeBehaviour): this {
    this.queue.setDefault(behaviour);
    return this;
  }

  /** Forgets queued behaviours, the default and recorded requests. */
  reset(): void {
    this.queue.reset();
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    // Hanging and streaming responses keep sockets open; close() alone would wait for them.
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
  }

  protected async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}${this.basePath}`;
  }

  /** Takes the next scripted (or default) behaviour for a request that passed the vendor's checks. */
  protected takeBehaviour(request: RecordedRequest): FakeBehaviour {
    request.behaviour = this.queue.next();
    return request.behaviour;
  }

  /** Answers one request: check auth and route, then play `takeBehaviour(request)`. */
  protected abstract handle(request: RecordedRequest, res: ServerResponse): Promise<void>;

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body: parseJson(raw),
      clientDisconnected: false,
    };
    this.requests.push(request);
    res.on('close', () => {
      if (!res.writableFinished) request.clientDisconnected = true;
    });
    await this.handle(request, res);
  }
}

/** Resolves after `ms`, or as soon as the response is closed (client gone), so handlers stop early. */
export function pause(ms: number | undefined, res: ServerResponse): Promise<void> {
  if (!ms || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.on('close', done);
  });
}

/** Splits text into `count` chunks at word boundaries (one per word by default); never loses characters. */
export function splitText(text: string, count?: number): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
  const n = Math.max(1, Math.min(count ?? words.length, words.length));
  const chunks: string[] = [];
  for (let i = 0; i < n; i++) {
    const start = Math.floor((i * words.length) / n);
    const end = Math.floor(((i + 1) * words.length) / n);
    chunks.push(words.slice(start, end).join(''));
  }
  return chunks.filter((chunk) => chunk.length > 0);
}

export function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Starts an SSE response as the vendors do. */
export function startEventStream(res: ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...headers,
  });
  // Headers go out now, as a real server's do, not with the first chunk.
  res.flushHeaders();
}

/**
 * Writes one SSE frame: `event:` line when given, then `data:` (objects as JSON,
 * strings verbatim). Resolves once the bytes are handed to the socket, so a
 * following destroy() (a scripted cut) cannot drop them.
 */
export function writeEvent(res: ServerResponse, data: unknown, event?: string): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return new Promise((resolve) =>
    res.write(`${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`, () => resolve()),
  );
}

/** Writes raw bytes; resolves once they are handed to the socket (see writeEvent). */
export function writeRaw(res: ServerResponse, text: string): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return new Promise((resolve) => res.write(text, () => resolve()));
}

export function randomId(prefix: string): string {
  return `${prefix}${Math.random().toString(36).slice(2, 14)}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(raw: string): unknown {
  try {
    return raw ? (JSON.parse(raw) as unknown) : undefined;
  } catch {
    return raw;
  }
}
