import { ApiError, type GenerateContentResponse } from '@google/genai';
import { LlmError, retryAfterMs, type LlmErrorKind } from '../../llm-error';
import { describeError, egressRefusal, safeToken } from '../openai/sdk-attempt';

const PROVIDER = 'gemini';

/** Where the failure happened: before the response began, or while reading it. */
export type FailurePhase = 'request' | 'response';

export interface FailureContext {
  phase: FailurePhase;
  /** The caller's signal: aborted means the caller cancelled (any other abort is the SDK's timeout). */
  signal?: AbortSignal;
  /** The `Retry-After` header of the failed response, if it had one (the SDK's ApiError drops headers). */
  retryAfterHeader?: string | null;
  /** Redacted from every message, should a proxy echo it. */
  apiKey: string;
}

/** Google's error JSON: `{error: {code, message, status, details}}`. */
interface GoogleErrorBody {
  code?: number;
  message?: string;
  status?: string;
  details?: { '@type'?: string; reason?: string; retryDelay?: string }[];
}

/** Finish and block reasons that mean the vendor's safety system refused. */
const REFUSALS = new Set([
  'SAFETY',
  'PROHIBITED_CONTENT',
  'BLOCKLIST',
  'SPII',
  'IMAGE_SAFETY',
  'MODEL_ARMOR',
  'JAILBREAK',
]);

/** Connection-level failures: the provider could not be reached or dropped us before answering. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** Maps anything the SDK (or fetch under it) threw to an LlmError. */
export function toLlmError(error: unknown, context: FailureContext): LlmError {
  if (error instanceof LlmError) return error;
  const fail = (kind: LlmErrorKind, message: string, details: { status?: number; retryAfterMs?: number } = {}) =>
    new LlmError(kind, PROVIDER, redact(message, context.apiKey), { ...details, cause: error });

  // The SDK aborts one controller for both the caller's signal and its own timeout timer.
  if (context.signal?.aborted) return fail('cancelled', 'Gemini request was cancelled');
  if (isAbort(error)) return fail('timeout', 'Gemini did not answer in time');
  if (error instanceof ApiError) return fromApiError(error, context, fail);

  const refused = egressRefusal(error);
  if (refused) return fail(refused.kind, `Gemini: ${refused.detail}`);
  // Named by code or class only: a parse error's message quotes the body it choked on.
  if (context.phase === 'response' || isBrokenBody(error)) {
    return fail('stream_interrupted', `Gemini response broke off (${describeError(error)})`);
  }
  if (isNetworkError(error))
    return fail('provider_unavailable', `Gemini could not be reached (${describeError(error)})`);
  // What is left was thrown by the SDK before sending anything: the request itself is wrong.
  const message = error instanceof Error ? error.message : String(error);
  return fail('invalid_request', `Gemini request rejected by the SDK: ${message}`);
}

/** A response (or stream chunk) that the safety system blocked, as an error; undefined if not blocked. */
export function refusalOf(response: GenerateContentResponse): LlmError | undefined {
  const blocked = response.promptFeedback?.blockReason;
  if (blocked) {
    return new LlmError('content_refused', PROVIDER, `Gemini blocked the prompt (${safeToken(blocked) ?? 'blocked'})`);
  }
  const finish = response.candidates?.[0]?.finishReason;
  if (finish && REFUSALS.has(finish)) {
    return new LlmError('content_refused', PROVIDER, `Gemini stopped the reply (${safeToken(finish)})`);
  }
  return undefined;
}

function fromApiError(
  error: ApiError,
  context: FailureContext,
  fail: (kind: LlmErrorKind, message: string, details?: { status?: number; retryAfterMs?: number }) => LlmError,
): LlmError {
  const body = parseErrorBody(error.message);
  const status = error.status || body.code;
  const googleStatus = safeToken(body.status) ?? '';
  // Google's text is read to classify, never repeated (a tenant's endpoint may answer anything).
  const text = body.message ?? error.message;
  const message = `Gemini answered HTTP ${status ?? '?'}${googleStatus ? ` ${googleStatus}` : ''}`;
  const reasons = (body.details ?? []).map((detail) => detail.reason ?? '');
  const details = { status };

  if (status === 429 || googleStatus === 'RESOURCE_EXHAUSTED') {
    const retryInfo = body.details?.find((detail) => detail['@type']?.endsWith('google.rpc.RetryInfo'));
    const wait = retryAfterMs(context.retryAfterHeader) ?? durationMs(retryInfo?.retryDelay);
    return fail('rate_limited', message, { ...details, retryAfterMs: wait });
  }
  if (
    status === 401 ||
    status === 403 ||
    ['UNAUTHENTICATED', 'PERMISSION_DENIED'].includes(googleStatus) ||
    reasons.some((reason) => reason.startsWith('API_KEY_')) ||
    /api key (not valid|expired|invalid)/i.test(text)
  ) {
    return fail('authentication', message, details);
  }
  if (status === 408 || status === 504 || googleStatus === 'DEADLINE_EXCEEDED')
    return fail('timeout', message, details);
  if ((status !== undefined && status >= 500) || ['UNAVAILABLE', 'INTERNAL'].includes(googleStatus)) {
    return fail('provider_unavailable', message, details);
  }
  if (/token count|maximum number of tokens|too long|too large|context (length|window)/i.test(text)) {
    return fail('context_too_long', message, details);
  }
  return fail('invalid_request', message, details);
}

/**
 * The SDK's ApiError message is Google's error JSON, stringified (`{"error":{...}}`), or for
 * an error frame inside a stream `got status: X. {"error":{...}}`. Anything else: no body.
 */
function parseErrorBody(message: string): GoogleErrorBody {
  const start = message.indexOf('{');
  if (start < 0) return {};
  try {
    const parsed = JSON.parse(message.slice(start)) as { error?: GoogleErrorBody };
    return parsed.error && typeof parsed.error === 'object' ? parsed.error : {};
  } catch {
    return {};
  }
}

/** Google's protobuf Duration in JSON: `"7s"`, `"0.500s"`. */
function durationMs(value: string | undefined): number | undefined {
  const match = value ? /^(\d+(?:\.\d+)?)s$/.exec(value.trim()) : null;
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

/**
 * The error and its causes, outermost first. Checked by shape, not `instanceof`: the SDK wraps
 * fetch errors that fail its own `instanceof Error` (another realm, e.g. under Jest) in
 * `exception … sending request`, and undici's errors come from Node's internal realm.
 */
function chain(error: unknown): { name?: unknown; message?: unknown; code?: unknown }[] {
  const links: { name?: unknown; message?: unknown; code?: unknown; cause?: unknown }[] = [];
  for (let e = error; typeof e === 'object' && e !== null && links.length < 5; e = (e as { cause?: unknown }).cause) {
    links.push(e);
  }
  return links;
}

function isAbort(error: unknown): boolean {
  return chain(error).some((e) => e.name === 'AbortError' || e.name === 'TimeoutError');
}

/** The body of a response that had begun could not be read or parsed to the end. */
function isBrokenBody(error: unknown): boolean {
  const broken = /^terminated$|Incomplete JSON segment|exception parsing stream chunk|Response body is empty/;
  return chain(error).some(
    (e) => e.name === 'SyntaxError' || (typeof e.message === 'string' && broken.test(e.message)),
  );
}

function isNetworkError(error: unknown): boolean {
  return chain(error).some(
    (e) =>
      (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) ||
      // Node's fetch reports every transport failure as `TypeError: fetch failed`, the reason in `cause`.
      (e.name === 'TypeError' && e.message === 'fetch failed'),
  );
}

function redact(message: string, apiKey: string): string {
  // Real keys are long; a short test key would only shred ordinary words.
  return apiKey.length >= 8 ? message.split(apiKey).join('[redacted]') : message;
}
