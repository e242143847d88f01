import { LocalProvider } from './local-provider';

describe(LocalProvider.name, () => {
  it('streams a reply that says no model is configured and echoes the question', async () => {
    const tokens: string[] = [];
    let usage;
    for await (const chunk of new LocalProvider().generate({
      model: 'local',
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'reply' },
        { role: 'user', content: 'hello   there' },
      ],
    })) {
      if (chunk.type === 'token') tokens.push(chunk.text);
      else usage = chunk;
    }
    const reply = tokens.join('');
    expect(tokens.length).toBeGreaterThan(10);
    expect(reply).toContain('No language model is configured');
    expect(reply).toContain('"hello there"');
    expect(usage).toEqual({ type: 'usage', inputTokens: 4, outputTokens: tokens.length });
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const run = async () => {
      for await (const chunk of new LocalProvider().generate({
        model: 'local',
        messages: [],
        signal: controller.signal,
      })) {
        if (chunk.type === 'token') seen.push(chunk.text);
        if (seen.length === 2) controller.abort(new Error('cancelled'));
      }
    };
    await expect(run()).rejects.toMatchObject({ kind: 'cancelled' });
    expect(seen).toHaveLength(2);
  });
});
