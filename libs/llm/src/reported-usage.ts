import type { TokenUsage } from './llm-provider';

/**
 * The most tokens one call may report, each way. Above any model's context window
 * today (2M), and far below what the usage columns hold (int4), so a number past it
 * is a broken or hostile upstream, not a large request.
 */
export const MAX_REPORTED_TOKENS = 10_000_000;

const plausible = (n: unknown): n is number =>
  Number.isSafeInteger(n) && (n as number) >= 0 && (n as number) <= MAX_REPORTED_TOKENS;

/**
 * A provider's usage report when it can be believed: non-negative integers within
 * MAX_REPORTED_TOKENS. An upstream may be a tenant's own server, so its numbers
 * decide nothing until checked: undefined means "count them ourselves".
 */
export function plausibleUsage(usage: { inputTokens: unknown; outputTokens: unknown }): TokenUsage | undefined {
  return plausible(usage.inputTokens) && plausible(usage.outputTokens)
    ? { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens }
    : undefined;
}
