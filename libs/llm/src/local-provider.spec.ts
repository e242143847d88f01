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
      else if (chunk.type === 'usage') usage = chunk;
    }
    const reply = tokens.join('');
    expect(tokens.length).toBeGreaterThan(10);
    expect(reply).toContain('No language model is configured');
    expect(reply).toContain('"hello there"');
    expect(usage).toEqual({ type: 'usage', inputTokens: 4, outputTokens: tokens.length });
  });

  it('stops at max_tokens and says the limit cut the reply', async () => {
    const local = new LocalProvider();
    const cut = await local.complete({ model: 'local', messages: [{ role: 'user', content: 'hi' }], maxTokens: 3 });
    expect(cut.text.trim().split(/\s+/)).toHaveLength(3);
    expect(cut).toMatchObject({ finishReason: 'length', usage: { outputTokens: 3 } });
    const whole = await local.complete({ model: 'local', messages: [{ role: 'user', content: 'hi' }] });
    expect(whole.finishReason).toBe('stop');
    expect(whole.usage!.outputTokens).toBeGreaterThan(3);
  });

  it('answers from the passages it is given, citing them by number', async () => {
    const reply = (
      await new LocalProvider().complete({
        model: 'local',
        messages: [{ role: 'user', content: 'who keeps the light?' }],
        passages: [
          { title: 'Lighthouse', text: 'The keeper replaces the lamp.' },
          { title: 'Tower', text: 'Red and white stripes.' },
        ],
      })
    ).text;
    expect(reply).toContain('[1] Lighthouse: The keeper replaces the lamp.');
    expect(reply).toContain('[2] Tower: Red and white stripes.');
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

  describe('tool mode (deterministic, offline)', () => {
    const tools = [
      { name: 'get_weather', description: 'weather', parameters: { type: 'object' } },
      { name: 'current_time', description: 'time', parameters: { type: 'object' } },
    ];

    it('calls the tools the user message names, in parallel, then answers from their results', async () => {
      const local = new LocalProvider();
      const content = 'call get_weather {"city":"Oslo"}; call current_time and call nope {}';
      const step = await local.complete({ model: 'local', messages: [{ role: 'user', content }], tools });
      expect(step.finishReason).toBe('tool_calls');
      expect(step.toolCalls!.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
        { name: 'get_weather', args: '{"city":"Oslo"}' },
        { name: 'current_time', args: '{}' },
      ]);
      expect(new Set(step.toolCalls!.map((c) => c.id)).size).toBe(2);

      const answer = await local.complete({
        model: 'local',
        tools,
        messages: [
          { role: 'user', content },
          { role: 'assistant', content: '', toolCalls: step.toolCalls },
          { role: 'tool', toolCallId: step.toolCalls![0]!.id, name: 'get_weather', content: '{"celsius":4}' },
          { role: 'tool', toolCallId: step.toolCalls![1]!.id, name: 'current_time', content: 'boom', isError: true },
        ],
      });
      expect(answer.toolCalls).toBeUndefined();
      expect(answer.finishReason).toBe('stop');
      expect(answer.text).toContain('get_weather: {"celsius":4}');
      expect(answer.text).toContain('current_time (error): boom');
    });

    it('follows toolChoice and parallelToolCalls', async () => {
      const local = new LocalProvider();
      const ask = (content: string, extra: object) =>
        local.complete({ model: 'local', messages: [{ role: 'user', content }], tools, ...extra });
      expect((await ask('hello', { toolChoice: 'required' })).toolCalls).toMatchObject([{ name: 'get_weather' }]);
      expect((await ask('hello', { toolChoice: { name: 'current_time' } })).toolCalls).toMatchObject([
        { name: 'current_time' },
      ]);
      expect((await ask('call current_time', { toolChoice: 'none' })).toolCalls).toBeUndefined();
      expect((await ask('hello', {})).toolCalls).toBeUndefined();
      const one = await ask('call get_weather {"city":"Lima"} call current_time', { parallelToolCalls: false });
      expect(one.toolCalls).toMatchObject([{ name: 'get_weather', arguments: '{"city":"Lima"}' }]);
    });
  });
});
