import { LlmError } from '../../llm-error';
import type { GenerateChunk, GenerateRequest, ToolSpec } from '../../llm-provider';
import { FakeOpenAiServer, toolCalls } from '../../testing';
import { OpenAiProvider } from './openai.provider';

const API_KEY = 'fake-openai-test-0123456789abcdef';
const weather: ToolSpec = {
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const time: ToolSpec = { name: 'current_time', description: 'The time now', parameters: { type: 'object' } };
const request: GenerateRequest = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Weather in Oslo and Lima, and the time?' }],
  tools: [weather, time],
};

let fake: FakeOpenAiServer;
beforeAll(async () => (fake = await FakeOpenAiServer.start({ apiKey: API_KEY })));
afterEach(() => fake.reset());
afterAll(() => fake.close());

const provider = () => new OpenAiProvider({ apiKey: API_KEY, baseUrl: fake.url, timeoutMs: 2_000 });

async function drain(stream: AsyncIterable<GenerateChunk>): Promise<{ chunks: GenerateChunk[]; error?: unknown }> {
  const chunks: GenerateChunk[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
    return { chunks };
  } catch (error) {
    return { chunks, error };
  }
}
const sent = () => fake.requests.at(-1)!.body as Record<string, unknown>;

describe('OpenAiProvider tool calls against the fake OpenAI server', () => {
  it('streams text, then parallel calls assembled from index-keyed argument pieces, finishing tool_calls', async () => {
    fake.script(
      toolCalls(
        [
          { id: 'call_oslo', name: 'get_weather', arguments: { city: 'Oslo' } },
          { id: 'call_lima', name: 'get_weather', arguments: { city: 'Lima' } },
        ],
        { text: 'Let me check.', argumentChunks: 4 },
      ),
    );
    const { chunks, error } = await drain(provider().generate(request));
    expect(error).toBeUndefined();
    expect(
      chunks
        .filter((c) => c.type === 'token')
        .map((c) => (c as { text: string }).text)
        .join(''),
    ).toBe('Let me check.');
    const deltas = chunks.filter((c) => c.type === 'tool_call_delta');
    expect(deltas.length).toBeGreaterThanOrEqual(8);
    expect(deltas[0]).toMatchObject({ index: 0, id: 'call_oslo', name: 'get_weather' });
    expect(chunks.filter((c) => c.type === 'tool_call').map((c) => (c as { call: unknown }).call)).toEqual([
      { id: 'call_oslo', name: 'get_weather', arguments: '{"city":"Oslo"}' },
      { id: 'call_lima', name: 'get_weather', arguments: '{"city":"Lima"}' },
    ]);
    // The calls come before the finish, and the step ends for them.
    const finishAt = chunks.findIndex((c) => c.type === 'finish');
    expect(chunks[finishAt]).toEqual({ type: 'finish', reason: 'tool_calls' });
    expect(chunks.findLastIndex((c) => c.type === 'tool_call')).toBeLessThan(finishAt);
  });

  it('sends the tools, tool_choice and parallel_tool_calls in OpenAI form', async () => {
    fake.script(toolCalls([{ name: 'current_time', arguments: {} }]));
    await drain(provider().generate({ ...request, toolChoice: { name: 'current_time' }, parallelToolCalls: false }));
    expect(sent()).toMatchObject({
      tools: [
        { type: 'function', function: { name: 'get_weather', parameters: weather.parameters } },
        { type: 'function', function: { name: 'current_time' } },
      ],
      tool_choice: { type: 'function', function: { name: 'current_time' } },
      parallel_tool_calls: false,
    });
    await drain(provider().generate({ ...request, toolChoice: 'required' }));
    expect(sent()).toMatchObject({ tool_choice: 'required' });
    expect(sent()).not.toHaveProperty('parallel_tool_calls');
    await drain(provider().generate({ ...request, tools: [] }));
    expect(sent()).not.toHaveProperty('tools');
    expect(sent()).not.toHaveProperty('tool_choice');
  });

  it('sends the calls and their results back as assistant tool_calls and tool messages', async () => {
    await drain(
      provider().generate({
        ...request,
        messages: [
          { role: 'user', content: 'Weather in Oslo and Lima?' },
          {
            role: 'assistant',
            content: '',
            toolCalls: [
              { id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
              { id: 'call_2', name: 'get_weather', arguments: '{"city":"Lima"}' },
            ],
          },
          { role: 'tool', toolCallId: 'call_1', name: 'get_weather', content: '{"celsius":4}' },
          { role: 'tool', toolCallId: 'call_2', name: 'get_weather', content: 'city not found', isError: true },
        ],
      }),
    );
    expect(sent().messages).toEqual([
      { role: 'user', content: 'Weather in Oslo and Lima?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
          { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lima"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"celsius":4}' },
      { role: 'tool', tool_call_id: 'call_2', content: 'Error: city not found' },
    ]);
  });

  it('fails a stream cut mid-arguments as stream_interrupted, without a half-made call', async () => {
    fake.script(toolCalls([{ name: 'get_weather', arguments: { city: 'Reykjavik' } }], { cutAfterChunks: 3 }));
    const { chunks, error } = await drain(provider().generate(request));
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).kind).toBe('stream_interrupted');
    expect(chunks.some((c) => c.type === 'tool_call_delta')).toBe(true);
    expect(chunks.some((c) => c.type === 'tool_call' || c.type === 'finish')).toBe(false);
  });

  it('returns the calls of a non-streamed step, with finishReason tool_calls', async () => {
    fake.script(toolCalls([{ id: 'call_t', name: 'current_time', arguments: {} }], { text: 'Checking.' }));
    const completion = await provider().complete(request);
    expect(completion).toMatchObject({
      text: 'Checking.',
      finishReason: 'tool_calls',
      toolCalls: [{ id: 'call_t', name: 'current_time', arguments: '{}' }],
    });
  });
});
