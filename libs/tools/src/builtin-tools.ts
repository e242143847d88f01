import type { ToolSpec } from '@copilot/llm';

/**
 * Tools the platform itself provides, by name: a copilot lists them like a tenant's
 * own tools, and no tenant tool may take their names.
 */
export const BUILTIN_TOOLS = {
  search_knowledge: {
    name: 'search_knowledge',
    description:
      "Searches the copilot's knowledge collections and returns the most relevant passages, numbered for citation.",
    parameters: {
      type: 'object',
      properties: {
        query: { type: 'string', minLength: 1, maxLength: 2000, description: 'What to look for, in plain words.' },
        topK: { type: 'integer', minimum: 1, maximum: 20, description: 'How many passages (default 5).' },
      },
      required: ['query'],
      additionalProperties: false,
    },
  },
  fetch_url: {
    name: 'fetch_url',
    description: 'Fetches a public web page or document by URL and returns its text (size-capped).',
    parameters: {
      type: 'object',
      properties: { url: { type: 'string', maxLength: 2000, description: 'An http(s) URL.' } },
      required: ['url'],
      additionalProperties: false,
    },
  },
  current_time: {
    name: 'current_time',
    description: 'The current date and time, in UTC or in a given IANA time zone.',
    parameters: {
      type: 'object',
      properties: { timeZone: { type: 'string', maxLength: 64, description: 'e.g. Europe/Oslo; default UTC.' } },
      additionalProperties: false,
    },
  },
} as const satisfies Record<string, ToolSpec>;

export type BuiltinToolName = keyof typeof BUILTIN_TOOLS;

export function isBuiltinTool(name: string): name is BuiltinToolName {
  return Object.hasOwn(BUILTIN_TOOLS, name);
}
