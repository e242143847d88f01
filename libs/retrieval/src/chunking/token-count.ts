import { encode } from 'gpt-tokenizer';

/**
 * Tokens of a text (o200k_base), counted as @copilot/llm's countTokens counts them.
 * Chunking runs in the ingest thread, which must stay small: @copilot/llm's entry
 * point loads NestJS and the provider SDKs (about 2.5 s and 200 MB per thread).
 */
export function countTokens(text: string): number {
  return encode(text).length;
}

/**
 * No o200k token decodes to more than this many UTF-16 code units (checked in the
 * spec), so a span longer than `budget * LONGEST_TOKEN_CHARS` has more than `budget`
 * tokens without being encoded.
 */
export const LONGEST_TOKEN_CHARS = 128;

/** Tokens of [start, end), or `budget + 1` when its length alone shows it is over the budget. */
export function tokensWithin(text: string, start: number, end: number, budget: number): number {
  if (end - start > budget * LONGEST_TOKEN_CHARS) return budget + 1;
  return countTokens(text.slice(start, end));
}
