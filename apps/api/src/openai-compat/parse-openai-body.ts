import type { z } from 'zod';
import { OpenAiError } from './openai-error';

/**
 * Validates a request body with `schema`, answering the first problem as OpenAI
 * does: a 400 whose `param` names the field. `refused` fields get their own 400
 * when they ask for something (a neutral value such as `false`, `0`, `[]`, null,
 * `'none'` or `{ type: 'text' }` is what some clients always send, and is let through).
 */
export function parseOpenAiBody<S extends z.ZodType>(
  schema: S,
  body: unknown,
  refused: readonly string[] = [],
): z.output<S> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw OpenAiError.invalidRequest('The request body must be a JSON object (Content-Type: application/json).');
  }
  for (const field of refused) {
    if (asksForSomething((body as Record<string, unknown>)[field])) {
      throw OpenAiError.invalidRequest(
        `'${field}' is not supported by this server's OpenAI-compatible API; see docs/openai-compatibility.md.`,
        field,
        'unsupported_parameter',
      );
    }
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const param = issue.path.map(String).join('.') || null;
  throw OpenAiError.invalidRequest(param ? `${param}: ${issue.message}` : issue.message, param);
}

function asksForSomething(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0) return false;
  // `tool_choice: 'none'` asks for no tool; `response_format: { type: 'text' }` for plain text, the default.
  if (value === 'none' || isPlainTextFormat(value)) return false;
  return !(Array.isArray(value) && value.length === 0);
}

function isPlainTextFormat(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (value as { type?: unknown }).type === 'text';
}
