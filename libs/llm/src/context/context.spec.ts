import { buildContext, ContextTooLongError, countTokens } from './context-builder';
import { contextWindow, InvalidModelError, parseModelRef } from './model-catalog';

describe(buildContext.name, () => {
  const turn = (content: string, role: 'user' | 'assistant' = 'user') => ({ role, content });

  it('keeps the newest history that fits after the instructions and the reply reserve', () => {
    const history = Array.from({ length: 50 }, (_, i) => turn(`message number ${i} `.repeat(20)));
    const per = countTokens(history[0]!.content) + 4;
    const built = buildContext({ instructions: 'Be brief.', history, window: per * 10 + 100, replyReserve: 100 });
    expect(built.messages.at(-1)).toBe(history.at(-1));
    expect(built.messages.length).toBeLessThan(10);
    expect(built.dropped).toBe(50 - built.messages.length);
    expect(built.inputTokens).toBeLessThanOrEqual(per * 10);
  });

  it('rejects a newest message that alone does not fit', () => {
    const huge = turn('word '.repeat(5_000));
    expect(() => buildContext({ instructions: '', history: [huge], window: 1_000, replyReserve: 200 })).toThrow(
      ContextTooLongError,
    );
  });

  it('counts tokens with a real tokenizer, not characters', () => {
    expect(countTokens('hello world')).toBe(2);
    expect(countTokens('')).toBe(0);
  });
});

describe(parseModelRef.name, () => {
  it('reads provider/model and the bare local model', () => {
    expect(parseModelRef('anthropic/claude-sonnet-4-5')).toEqual({ provider: 'anthropic', model: 'claude-sonnet-4-5' });
    expect(parseModelRef('openai/llama3.1:8b')).toEqual({ provider: 'openai', model: 'llama3.1:8b' });
    expect(parseModelRef('local')).toEqual({ provider: 'local', model: 'local' });
    expect(() => parseModelRef('gpt-4o')).toThrow(InvalidModelError);
    expect(() => parseModelRef('mistral/large')).toThrow(InvalidModelError);
  });

  it('knows context windows of model families and falls back per vendor', () => {
    expect(contextWindow(parseModelRef('openai/gpt-4o-mini'))).toBe(128_000);
    expect(contextWindow(parseModelRef('anthropic/claude-3-5-haiku'))).toBe(200_000);
    expect(contextWindow(parseModelRef('openai/llama3.1:8b'))).toBe(16_384);
  });
});
