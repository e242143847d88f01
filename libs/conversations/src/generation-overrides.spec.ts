import { applyOverrides, type GenerationDefaults } from './generation-overrides';

const copilot: GenerationDefaults = {
  model: 'anthropic/claude-haiku-4-5',
  fallbackModels: ['openai/gpt-4o-mini'],
  instructions: 'Answer as the support team.',
  temperature: 0.2,
  maxTokens: 300,
  collectionIds: ['c1'],
};

describe(applyOverrides.name, () => {
  it("keeps the copilot's settings when the conversation has none", () => {
    expect(applyOverrides(copilot, null)).toBe(copilot);
    expect(applyOverrides(null, null)).toBeNull();
  });

  it('replaces the model and its fallbacks, adds the system text after the instructions, and keeps the knowledge', () => {
    expect(
      applyOverrides(copilot, { model: 'openai/gpt-4o', system: 'Be terse.', maxTokens: 50, topP: 0.9, stop: ['END'] }),
    ).toEqual({
      model: 'openai/gpt-4o',
      fallbackModels: [],
      instructions: 'Answer as the support team.\n\nBe terse.',
      temperature: 0.2,
      maxTokens: 50,
      collectionIds: ['c1'],
      topP: 0.9,
      stop: ['END'],
    });
  });

  it('applies to a conversation without a copilot', () => {
    expect(applyOverrides(null, { system: 'Be terse.', temperature: 1 })).toMatchObject({
      model: null,
      instructions: 'Be terse.',
      temperature: 1,
      maxTokens: null,
    });
  });

  it('ignores stored JSON that is not a valid set of overrides', () => {
    expect(applyOverrides(copilot, { temperature: 'hot' })).toBe(copilot);
  });
});
