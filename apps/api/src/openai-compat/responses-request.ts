import { z } from 'zod';
import type { ChatCompletionRequest } from './chat-completion-request';
import { OpenAiError } from './openai-error';
import { parseOpenAiBody } from './parse-openai-body';

const MAX_REPLY_TOKENS = 200_000; // the bound of chat completions' max_completion_tokens (see chat-completion-request.ts)

/** Text content parts: what a user or system turn sends, and an earlier reply as the SDKs send it back. */
const part = z.discriminatedUnion('type', [
  z.object({ type: z.literal('input_text'), text: z.string() }),
  z.object({ type: z.literal('output_text'), text: z.string() }),
  // An earlier reply that was a refusal is still what the assistant said.
  z.object({ type: z.literal('refusal'), refusal: z.string() }),
]);

/** A message item, with or without `type: 'message'` (OpenAI's EasyInputMessage and Message alike). */
const message = z.object({
  type: z.literal('message'),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), z.array(part).min(1)], {
    error: 'expected a string or text content parts (images, audio and files are not supported)',
  }),
});
type InputMessage = z.output<typeof message>;

/**
 * An earlier output message named by its id (`msg_<job id>`, or the response's
 * `resp_<job id>`): what the Vercel AI SDK sends back for an earlier reply when
 * `store` is on. Resolved against the stored reply (see responses-history.ts).
 */
const reference = z.object({ type: z.literal('item_reference'), id: z.string().min(1).max(200) });
export type InputReference = z.output<typeof reference>;

// A message item may leave out its type: it is given one, so the items are told apart by it.
const item = z.preprocess(
  (value) => (isRecord(value) && value.type === undefined ? { ...value, type: 'message' } : value),
  z.discriminatedUnion('type', [message, reference]),
);

/** The Responses request fields the platform honours or echoes; what asks for more is refused in refuseUnsupported. */
export const responsesRequest = z.object({
  model: z.string().min(1).max(200),
  // A string is one user message. (A union would report a bad item as a bad `input`, not by its path.)
  input: z.preprocess(
    (value) => (typeof value === 'string' ? [{ role: 'user', content: value }] : value),
    z.array(item, { error: 'expected a string or an array of message items' }).min(1, 'expected at least one message'),
  ),
  instructions: z.string().nullish(),
  // The earlier exchange (`resp_<job id>`) whose conversation goes before `input`, as OpenAI does.
  previous_response_id: z.string().min(1).max(200).nullish(),
  max_output_tokens: z.number().int().positive().max(MAX_REPLY_TOKENS).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  user: z.string().max(256).nullish(),
  stream: z.boolean().nullish(),
  store: z.boolean().nullish(),
  // Echoed back, as OpenAI does; 16 pairs of bounded strings is OpenAI's own limit.
  metadata: z
    .record(z.string().max(64), z.string().max(512))
    .refine((value) => Object.keys(value).length <= 16, 'at most 16 pairs')
    .nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  tool_choice: z.enum(['none', 'auto']).nullish(),
  // The platform keeps what fits the model's window, oldest turns left out first (see docs/openai-compatibility.md).
  truncation: z.enum(['auto', 'disabled']).nullish(),
});
export type ResponsesRequest = z.output<typeof responsesRequest>;

/**
 * Fields that ask for what this platform cannot do (tools, stored
 * conversations, background runs, prompt templates): a 400 naming the field when
 * they ask for something, as on chat completions; their neutral values pass.
 */
export const RESPONSES_UNSUPPORTED_FIELDS = [
  'tools',
  'conversation',
  'background',
  'prompt',
  'context_management',
  'top_logprobs',
] as const;

/** Validates a Responses request body, answering the first problem as OpenAI does (a 400 naming the field). */
export function parseResponsesRequest(body: unknown): ResponsesRequest {
  if (isRecord(body)) refuseUnsupported(body);
  const request = parseOpenAiBody(responsesRequest, body, RESPONSES_UNSUPPORTED_FIELDS);
  const last = request.input.at(-1)!;
  if (last.type !== 'message' || last.role !== 'user') {
    const what = last.type === 'message' ? `'${last.role}'` : `an '${last.type}' item`;
    throw OpenAiError.invalidRequest(
      `The last input item must be a message with the role 'user' (it is ${what}): the reply answers it.`,
      `input.${request.input.length - 1}${last.type === 'message' ? '.role' : ''}`,
    );
  }
  return request;
}

/** A turn of the exchange once stored replies are read: what the starter is given. */
export interface ResolvedTurn {
  role: 'user' | 'assistant' | 'system' | 'developer';
  content: string;
}

/**
 * The input's turns, each reference replaced by `read(reference, index)` (the stored
 * reply it names, as an assistant turn), after `previous` (the earlier exchange's
 * conversation, for `previous_response_id`).
 */
export async function resolveInput(
  request: ResponsesRequest,
  previous: ResolvedTurn[],
  read: (reference: InputReference, index: number) => Promise<string>,
): Promise<ResolvedTurn[]> {
  const turns = await Promise.all(
    request.input.map(async (item, index) =>
      item.type === 'message'
        ? { role: item.role, content: textOf(item.content) }
        : { role: 'assistant' as const, content: await read(item, index) },
    ),
  );
  return [...previous, ...turns];
}

/**
 * The same exchange as a Chat Completions request, for ChatCompletionStarter:
 * `instructions` first, then the turns' system and developer messages, become
 * the system prompt; the other turns are the conversation.
 */
export function toChatCompletionRequest(request: ResponsesRequest, turns: ResolvedTurn[]): ChatCompletionRequest {
  return {
    model: request.model,
    messages: [...(request.instructions ? [{ role: 'system' as const, content: request.instructions }] : []), ...turns],
    stream: request.stream,
    max_completion_tokens: request.max_output_tokens,
    temperature: request.temperature,
    top_p: request.top_p,
    user: request.user,
    store: request.store,
  };
}

function textOf(content: InputMessage['content']): string {
  if (typeof content === 'string') return content;
  return content.map((p) => (p.type === 'refusal' ? p.refusal : p.text)).join('');
}

/**
 * Refuses, with a 400 naming the field and code `unsupported_parameter`, what a
 * Responses request can ask for beyond text in and text out. Neutral values
 * (`tool_choice: 'auto'` without tools, `text.format: {type: 'text'}`, an empty
 * `include`, `reasoning` with nothing set, the default service tier) are what
 * clients send by default, and pass.
 */
function refuseUnsupported(body: Record<string, unknown>): void {
  const { tool_choice: toolChoice, reasoning, include, text, service_tier: serviceTier, input } = body;
  if (toolChoice != null && toolChoice !== 'none' && toolChoice !== 'auto') {
    refuse('tool_choice', 'tool calling is not supported yet');
  }
  if (reasoning != null && !(isRecord(reasoning) && Object.values(reasoning).every((v) => v == null))) {
    refuse('reasoning', 'reasoning settings are not supported');
  }
  // No reasoning item is ever returned, so there is no encrypted reasoning to include; the
  // Vercel AI SDK asks for it on its own for reasoning models when `store` is false.
  if (include != null && !(Array.isArray(include) && include.every((v) => v === 'reasoning.encrypted_content'))) {
    refuse('include', 'only text output is returned');
  }
  if (text != null) {
    if (!isRecord(text)) refuse('text', 'expected an object');
    const format = (text as Record<string, unknown>).format;
    if (format != null && !(isRecord(format) && format.type === 'text')) {
      refuse('text.format', 'only plain text output is supported (no JSON mode or structured outputs)');
    }
    if ((text as Record<string, unknown>).verbosity != null) refuse('text.verbosity', 'verbosity is not supported');
  }
  if (serviceTier != null && serviceTier !== 'auto' && serviceTier !== 'default') {
    refuse('service_tier', 'service tiers are not supported');
  }
  if (Array.isArray(input)) input.forEach(refuseUnsupportedItem);
}

function refuseUnsupportedItem(item: unknown, index: number): void {
  if (!isRecord(item)) return; // the schema says what is wrong with it
  if (item.type !== undefined && item.type !== 'message' && item.type !== 'item_reference') {
    const why =
      item.type === 'function_call' || item.type === 'function_call_output'
        ? 'tool calling is not supported yet'
        : 'only message items are supported';
    refuse(`input.${index}`, `'${String(item.type)}' items are not supported: ${why}`);
  }
  if (!Array.isArray(item.content)) return;
  item.content.forEach((p: unknown, i) => {
    const type = isRecord(p) ? p.type : undefined;
    if (type === 'input_image' || type === 'input_file' || type === 'input_audio') {
      refuse(`input.${index}.content.${i}`, `'${type}' content is not supported: images, files and audio are not`);
    }
  });
}

function refuse(param: string, why: string): never {
  throw OpenAiError.invalidRequest(
    `'${param}' is not supported by this server's OpenAI-compatible API (${why}); see docs/openai-compatibility.md.`,
    param,
    'unsupported_parameter',
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
