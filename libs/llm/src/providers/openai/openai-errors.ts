import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { LlmErrorKind } from '../../llm-error';
import {
  type Classified,
  CONTEXT_TOO_LONG,
  describeError,
  egressRefusal,
  kindForStatus,
  retryAfterFromHeaders,
  safeToken,
} from './sdk-attempt';

/**
 * What an OpenAI SDK failure means in LlmError terms: the one classification of the
 * chat adapter and the embedder (OpenAI and every OpenAI-compatible server).
 * `subject` names what was sent, in the messages: a chat's prompt, an embedding's input.
 */
export function classifyOpenAiError(err: unknown, timeoutMs: number, subject = 'prompt'): Classified {
  if (err instanceof APIUserAbortError) return { kind: 'cancelled', detail: 'the request was cancelled' };
  if (err instanceof APIConnectionTimeoutError) return { kind: 'timeout', detail: `no answer within ${timeoutMs} ms` };
  if (err instanceof APIConnectionError) {
    return (
      egressRefusal(err) ?? { kind: 'provider_unavailable', detail: `cannot reach the server (${describeError(err)})` }
    );
  }
  if (!(err instanceof APIError)) {
    // Not wrapped by the SDK: the connection dropped mid-body (undici's "terminated") or
    // a frame was not JSON (SyntaxError). Either way the reply broke after it began.
    return { kind: 'stream_interrupted', detail: `the response broke off (${describeError(err)})` };
  }
  const status = err.status;
  // The server's own text is read to classify, never repeated: only its code and type
  // (OpenAI's 401 echoes part of the key; a tenant's endpoint may say anything).
  const said = [safeToken(err.code), safeToken(err.type)].filter(Boolean).join(' ');
  if (status === undefined) {
    // An `error` object inside the stream, after the 200.
    const kind: LlmErrorKind = err.type === 'server_error' ? 'provider_unavailable' : 'stream_interrupted';
    return { kind, detail: `error in the stream${said ? ` (${said})` : ''}` };
  }
  const answer = `HTTP ${status}${said ? ` ${said}` : ''}`;
  if (status === 401) return { kind: 'authentication', detail: `the API key was rejected (${answer})`, status };
  if (err.code === 'content_policy_violation' || err.code === 'content_filter') {
    return {
      kind: 'content_refused',
      detail: `the content policy refused the ${subject === 'prompt' ? 'request' : subject} (${answer})`,
      status,
    };
  }
  const tooLong = err.code === 'context_length_exceeded' || CONTEXT_TOO_LONG.test(err.message);
  if ((status === 400 || status === 413) && tooLong) {
    return { kind: 'context_too_long', detail: `the ${subject} does not fit the model (${answer})`, status };
  }
  const kind = kindForStatus(status);
  return { kind, detail: `the server answered ${answer}`, status, retryAfterMs: retryAfterFromHeaders(err.headers) };
}
