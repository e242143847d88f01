import { z } from 'zod';

const textPart = z.object({ type: z.literal('text'), text: z.string() });
/** String content, or text parts (joined); images, audio and files are refused. */
const content = z.union([z.string(), z.array(textPart).min(1)], {
  error: 'expected a string or text content parts (images, audio and files are not supported)',
});

const message = z.discriminatedUnion('role', [
  // `developer` is what newer OpenAI models call the system role.
  z.object({ role: z.literal('system'), content, name: z.string().optional() }),
  z.object({ role: z.literal('developer'), content, name: z.string().optional() }),
  z.object({ role: z.literal('user'), content, name: z.string().optional() }),
  z.object({ role: z.literal('assistant'), content, name: z.string().optional() }),
]);

// The same bounds as a copilot's: a model reference of at most 200 characters (echoed
// in errors), a reply allowance of at most 200,000 tokens (2^40 made the context check
// report a negative room for the prompt).
const MAX_REPLY_TOKENS = 200_000;
/** At most this many choices (`n`) per request: each is a generation of its own, with its job and budget reservation. */
export const MAX_CHOICES = 16;

const replyTokens = z.number().int().positive().max(MAX_REPLY_TOKENS).nullish();

/** The Chat Completions request fields the platform honours; see UNSUPPORTED_FIELDS for the refused ones. */
export const chatCompletionRequest = z.object({
  model: z.string().min(1).max(200),
  messages: z.array(message).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: replyTokens,
  max_completion_tokens: replyTokens,
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  stop: z.union([z.string().min(1), z.array(z.string().min(1)).max(4)]).nullish(),
  user: z.string().max(256).nullish(),
  // Forwarded to the providers that have them (OpenAI, Gemini); Anthropic has none and ignores them.
  seed: z.number().int().nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  // Whether the exchange is kept as a conversation; unset: the OPENAI_COMPAT_STORE_CONVERSATIONS default.
  store: z.boolean().nullish(),
  // Choices: one generation each (see ChatCompletionStarter.startChoices).
  n: z.number().int().min(1).max(MAX_CHOICES).nullish(),
});
export type ChatCompletionRequest = z.output<typeof chatCompletionRequest>;

/**
 * Fields of OpenAI's API this platform cannot honour: refused with a 400 naming
 * the field rather than ignored, so a client never gets a silently different answer.
 * Fields not listed here and not in the schema are ignored, as OpenAI does with
 * unknown ones (SDKs add new optional fields over time).
 */
export const UNSUPPORTED_FIELDS = [
  'tools',
  'tool_choice',
  'functions',
  'function_call',
  'parallel_tool_calls',
  'response_format',
  'audio',
  'modalities',
  'prediction',
  'logprobs',
  'top_logprobs',
  'logit_bias',
  'web_search_options',
  'reasoning_effort',
  'verbosity',
] as const;

export function joinContent(value: z.output<typeof content>): string {
  return typeof value === 'string' ? value : value.map((part) => part.text).join('');
}
