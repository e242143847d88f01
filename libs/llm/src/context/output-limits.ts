/**
 * OpenAI's reasoning models (o1, o3, o4-mini, the gpt-5 family) refuse `max_tokens`
 * and take `max_completion_tokens`, which counts their hidden reasoning too. Every
 * other model, and every OpenAI-compatible server, gets `max_tokens`: the one they all know.
 */
export function takesMaxCompletionTokens(model: string): boolean {
  return /^(o1|o3|o4|gpt-5)([-.]|$)/.test(model);
}

// Anthropic's documented maximum output per model family (prefix match, longest first),
// from the models overview. The Messages API requires `max_tokens`, so a request that
// sets none is sent the model's own maximum: nothing of ours cuts the reply.
const ANTHROPIC_MAX_OUTPUT: [prefix: string, tokens: number][] = [
  ['claude-opus-4-8', 128_000],
  ['claude-opus-4-7', 128_000],
  ['claude-opus-4-6', 128_000],
  ['claude-sonnet-4-6', 128_000],
  ['claude-opus-4-5', 64_000],
  ['claude-opus-4-1', 32_000],
  ['claude-opus-4', 32_000],
  ['claude-sonnet-4', 64_000],
  ['claude-haiku-4', 64_000],
  ['claude-3-7-sonnet', 64_000],
  ['claude-3-5-sonnet', 8_192],
  ['claude-3-5-haiku', 8_192],
  ['claude-3-opus', 4_096],
  ['claude-3-haiku', 4_096],
];
/** A model not in the table (a new one, a proxy's alias): the smallest maximum of the current models. */
const ANTHROPIC_UNKNOWN_MAX_OUTPUT = 4_096;

/** `max_tokens` to send Anthropic when the request sets no limit: the model's documented maximum. */
export function anthropicMaxOutputTokens(model: string): number {
  let best: [string, number] | undefined;
  for (const entry of ANTHROPIC_MAX_OUTPUT)
    if (model.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  return best?.[1] ?? ANTHROPIC_UNKNOWN_MAX_OUTPUT;
}
