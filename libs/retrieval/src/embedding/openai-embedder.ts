/**
 * Embeddings through OpenAI's API (or any OpenAI-compatible server: vLLM, Ollama,
 * LM Studio) with the official SDK. Retries go through the platform's
 * `withRetries`, like generation, so backoff, Retry-After and cancellation behave
 * the same everywhere; the SDK's own retries are off.
 */
import { classifyOpenAiError, DEFAULT_RETRY_POLICY, LlmError, type Sleep, withRetries } from '@copilot/llm';
import type { FetchFunction } from '@copilot/egress';
import OpenAI from 'openai';
import type { Embedder } from '../retrieval-types';

const PROVIDER = 'openai';
const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
// The SDK refuses to start without a key; local compatible servers need none.
const NO_KEY = 'no-key';
const DEFAULT_BATCH_SIZE = 64;
// OpenAI's limit on inputs per request.
const MAX_BATCH_SIZE = 2048;

export interface OpenAiEmbedderOptions {
  apiKey: string;
  baseUrl?: string;
  /** e.g. `text-embedding-3-small`. */
  model: string;
  /** Size of the vectors; every returned vector is checked against it. */
  dimensions: number;
  /**
   * Whether to send `dimensions` to the server (text-embedding-3 models shorten
   * their vectors to it). Default: only for the models that take it (see
   * takesDimensions); ada-002 and most local servers reject the parameter.
   */
  sendDimensions?: boolean;
  /** Inputs per request; default 64, at most 2048. */
  batchSize?: number;
  /** Per attempt (one request of one batch). */
  timeoutMs: number;
  /** Retries after the first attempt, per batch. */
  maxRetries: number;
  /** For tests: how backoff waits (default: real timers). */
  sleep?: Sleep;
  /** How to reach the server: the egress-checked fetch for endpoints a tenant chose; default the global fetch. */
  fetch?: FetchFunction;
}

/** OpenAI's text-embedding-3 models shorten their vectors to `dimensions`; the others have one size. */
export function takesDimensions(model: string): boolean {
  return model.startsWith('text-embedding-3-');
}

export class OpenAiEmbedder implements Embedder {
  readonly model: string;
  readonly dimensions: number;
  private readonly client: OpenAI;
  private readonly options: OpenAiEmbedderOptions;
  private readonly batchSize: number;

  constructor(options: OpenAiEmbedderOptions) {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new RangeError(`batchSize must be an integer from 1 to ${MAX_BATCH_SIZE}, got ${batchSize}`);
    }
    if (!Number.isInteger(options.dimensions) || options.dimensions < 1) {
      throw new RangeError(`dimensions must be a positive integer, got ${options.dimensions}`);
    }
    this.options = options;
    this.model = options.model;
    this.dimensions = options.dimensions;
    this.batchSize = batchSize;
    this.client = new OpenAI({
      apiKey: options.apiKey || NO_KEY,
      // Explicit values so the SDK never falls back to OPENAI_* environment variables.
      baseURL: options.baseUrl ?? DEFAULT_BASE_URL,
      organization: null,
      project: null,
      adminAPIKey: null,
      // A backstop only: withRetries' per-attempt deadline (same length) aborts first.
      timeout: options.timeoutMs,
      maxRetries: 0,
      logLevel: 'off',
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<number[][]> {
    const vectors: number[][] = [];
    // One batch at a time: ingest is not latency-critical, and parallel batches would
    // only run into the account's rate limit together.
    for (let start = 0; start < texts.length; start += this.batchSize) {
      const batch = texts.slice(start, start + this.batchSize);
      vectors.push(...(await this.embedBatch(batch, signal)));
    }
    return vectors;
  }

  private embedBatch(batch: string[], signal: AbortSignal | undefined): Promise<number[][]> {
    return withRetries(
      async ({ signal: attemptSignal }) => {
        try {
          const response = await this.client.embeddings.create(
            {
              model: this.model,
              input: batch,
              // Explicit: without it the SDK asks for base64, which compatible servers often lack.
              encoding_format: 'float',
              ...((this.options.sendDimensions ?? takesDimensions(this.model)) ? { dimensions: this.dimensions } : {}),
            },
            { signal: attemptSignal },
          );
          return this.vectorsOf(response, batch.length);
        } catch (err) {
          throw this.toLlmError(err);
        }
      },
      {
        // The same policy as generation, with this embedder's retry budget.
        policy: { ...DEFAULT_RETRY_POLICY, maxRetries: this.options.maxRetries },
        provider: PROVIDER,
        signal,
        timeoutMs: this.options.timeoutMs,
        ...(this.options.sleep ? { sleep: this.options.sleep } : {}),
      },
    );
  }

  /** Puts vectors in input order (by `index`, which the API does not promise to sort) and normalises them. */
  private vectorsOf(response: OpenAI.CreateEmbeddingResponse, count: number): number[][] {
    const vectors = new Array<number[] | undefined>(count);
    for (const item of response.data ?? []) {
      if (!Number.isInteger(item.index) || item.index < 0 || item.index >= count || vectors[item.index]) {
        throw malformed(`an embedding has a missing, duplicate or out-of-range index (${item.index})`);
      }
      const embedding: unknown = item.embedding;
      if (!Array.isArray(embedding) || !embedding.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        throw malformed(`embedding ${item.index} is not an array of numbers`);
      }
      if (embedding.length !== this.dimensions) {
        // A configuration mistake (wrong model or dimensions), not a passing fault: do not retry.
        throw new LlmError(
          'invalid_request',
          PROVIDER,
          `${PROVIDER}: ${this.model} returned ${embedding.length} dimensions, expected ${this.dimensions}`,
        );
      }
      vectors[item.index] = normalise(embedding as number[]);
    }
    const missing = vectors.findIndex((v) => v === undefined);
    if (missing !== -1 || vectors.length !== count) throw malformed(`no embedding for input ${missing}`);
    return vectors as number[][];
  }

  private toLlmError(err: unknown): LlmError {
    if (err instanceof LlmError) return err;
    const { kind, detail, status, retryAfterMs } = classifyOpenAiError(err, this.options.timeoutMs, 'input');
    // Error texts from servers or proxies can echo the key.
    const key = this.options.apiKey;
    const message = key.length >= 4 ? `${PROVIDER}: ${detail}`.split(key).join('[redacted]') : `${PROVIDER}: ${detail}`;
    return new LlmError(kind, PROVIDER, message, { status, retryAfterMs, cause: err });
  }
}

/**
 * Unit length, so cosine distance is 1 - dot product. OpenAI's vectors already are
 * (to float precision); compatible servers' often are not. A zero vector stays zero.
 */
function normalise(vector: number[]): number[] {
  const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
  return norm > 0 ? vector.map((x) => x / norm) : vector.slice();
}

/** A 200 whose body does not fit the input: treated like a reply that broke off (retryable). */
function malformed(detail: string): LlmError {
  return new LlmError('stream_interrupted', PROVIDER, `${PROVIDER}: malformed embeddings response: ${detail}`);
}
