/**
 * The `POST /v1/embeddings` half of the fake OpenAI server: request validation,
 * deterministic vectors and the response body, in OpenAI's shapes. The scripted
 * failure behaviours are played by FakeOpenAiServer, as for chat.
 */
import { createHash } from 'node:crypto';
import { countWords } from './fake-server-script';

export interface EmbeddingsBody {
  model?: unknown;
  input?: unknown;
  dimensions?: unknown;
  encoding_format?: unknown;
}

/** Native sizes of OpenAI's embedding models; other (compatible-server) names get 1536. */
const MODEL_DIMENSIONS: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};
const DEFAULT_DIMENSIONS = 1536;
const MAX_INPUTS = 2048;

/**
 * The fake's vector for one input: unit length (as OpenAI's are), stable across
 * runs, different per model, text and size. Tests compute the expected vectors with it.
 */
export function fakeEmbedding(text: string, dimensions: number, model = 'text-embedding-3-small'): number[] {
  const vector: number[] = [];
  for (let block = 0; vector.length < dimensions; block++) {
    const digest = createHash('sha256').update(`${model}\0${dimensions}\0${block}\0${text}`).digest();
    for (let i = 0; i + 4 <= digest.length && vector.length < dimensions; i += 4) {
      vector.push(digest.readUInt32BE(i) / 0x8000_0000 - 1);
    }
  }
  const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0)) || 1;
  // Float32 precision, which is what OpenAI stores and sends.
  return vector.map((x) => Math.fround(x / norm));
}

export type EmbeddingsCheck =
  | { ok: true; inputs: string[]; dimensions: number; base64: boolean; model: string }
  | {
      ok: false;
      message: string;
      param: string | null;
    };

/** Validates a request body the way OpenAI does (the messages are OpenAI's, abridged). */
export function checkEmbeddingsBody(body: EmbeddingsBody): EmbeddingsCheck {
  const invalid = (message: string, param: string | null = null): EmbeddingsCheck => ({ ok: false, message, param });
  if (typeof body.model !== 'string' || !body.model) {
    return invalid('you must provide a model parameter', null);
  }
  const inputs = toInputs(body.input);
  if (!inputs || inputs.length === 0 || inputs.length > MAX_INPUTS || inputs.some((t) => t.length === 0)) {
    return invalid(
      "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
      'input',
    );
  }
  const native = MODEL_DIMENSIONS[body.model] ?? DEFAULT_DIMENSIONS;
  let dimensions = native;
  if (body.dimensions !== undefined && body.dimensions !== null) {
    if (body.model === 'text-embedding-ada-002') return invalid('This model does not support specifying dimensions.');
    if (typeof body.dimensions !== 'number' || !Number.isInteger(body.dimensions) || body.dimensions < 1) {
      return invalid(`Invalid value for 'dimensions' = ${String(body.dimensions)}. Must be at least 1.`, 'dimensions');
    }
    if (body.dimensions > native) {
      return invalid(
        `Invalid value for 'dimensions' = ${body.dimensions}. Must be less than or equal to ${native}.`,
        'dimensions',
      );
    }
    dimensions = body.dimensions;
  }
  const format = body.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64') {
    return invalid(
      `Invalid value: '${String(format)}'. Supported values are: 'float' and 'base64'.`,
      'encoding_format',
    );
  }
  return { ok: true, inputs, dimensions, base64: format === 'base64', model: body.model };
}

/** The 200 body: `data` in input order, `usage` with prompt tokens counted as words. */
export function embeddingsResponse(check: Extract<EmbeddingsCheck, { ok: true }>): unknown {
  const data = check.inputs.map((text, index) => {
    const vector = fakeEmbedding(text, check.dimensions, check.model);
    // base64 carries little-endian float32s, as OpenAI's does (the SDK's default format).
    const embedding = check.base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
    return { object: 'embedding', index, embedding };
  });
  const tokens = check.inputs.reduce((sum, text) => sum + Math.max(1, countWords(text)), 0);
  return { object: 'list', data, model: check.model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}

/** Strings, or token arrays (numbers) which the fake embeds by their JSON text. */
function toInputs(input: unknown): string[] | undefined {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input)) return undefined;
  if (input.length > 0 && input.every((x) => typeof x === 'number')) return [JSON.stringify(input)];
  const out: string[] = [];
  for (const item of input) {
    if (typeof item === 'string') out.push(item);
    else if (Array.isArray(item) && item.length > 0 && item.every((x) => typeof x === 'number')) {
      out.push(JSON.stringify(item));
    } else return undefined;
  }
  return out;
}
