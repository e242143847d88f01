import { anthropicMaxOutputTokens, takesMaxCompletionTokens } from './output-limits';

describe('output limits', () => {
  it.each(['o1', 'o1-mini', 'o3', 'o3-mini', 'o4-mini', 'gpt-5', 'gpt-5.1', 'gpt-5-nano'])(
    'sends max_completion_tokens to the reasoning model %s',
    (model) => expect(takesMaxCompletionTokens(model)).toBe(true),
  );

  it.each(['gpt-4o-mini', 'gpt-4.1', 'llama3.1:8b', 'omni-moderation-latest', 'o10-custom'])(
    'sends max_tokens to %s, as every OpenAI-compatible server knows it',
    (model) => expect(takesMaxCompletionTokens(model)).toBe(false),
  );

  it.each([
    ['claude-sonnet-4-6', 128_000],
    ['claude-opus-4-5-20251101', 64_000],
    ['claude-opus-4-1', 32_000],
    ['claude-haiku-4-5', 64_000],
    ['claude-3-5-haiku-latest', 8_192],
    ['claude-someday-9', 4_096],
  ])("gives Anthropic's %s its documented maximum output, %i", (model, tokens) =>
    expect(anthropicMaxOutputTokens(model)).toBe(tokens),
  );
});
