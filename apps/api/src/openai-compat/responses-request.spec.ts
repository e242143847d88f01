import { OpenAiError } from './openai-error';
import {
  parseResponsesRequest,
  resolveInput,
  type ResponsesRequest,
  type ResolvedTurn,
  toChatCompletionRequest,
} from './responses-request';

const noReferences = () => Promise.reject(new Error('no item_reference expected'));

/** The Chat Completions request a Responses request becomes, `previous` before its input. */
async function mapped(request: ResponsesRequest, previous: ResolvedTurn[] = []) {
  return toChatCompletionRequest(request, await resolveInput(request, previous, noReferences));
}

/** The 400 a body gets, as `{ param, code }`, or 'accepted'. */
function refusal(body: unknown): { param: string | null; code: string | null } | 'accepted' {
  try {
    parseResponsesRequest(body);
    return 'accepted';
  } catch (error) {
    if (!(error instanceof OpenAiError)) throw error;
    expect(error.getStatus()).toBe(400);
    return { param: error.body.param, code: error.body.code };
  }
}

const base = { model: 'openai/gpt-4o-mini', input: 'Hi' };

describe('parseResponsesRequest', () => {
  it('maps a string input and instructions to a system message and one user message', async () => {
    const request = parseResponsesRequest({ ...base, instructions: 'Be brief.', max_output_tokens: 40, store: false });
    expect(await mapped(request)).toEqual({
      model: 'openai/gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      max_completion_tokens: 40,
      store: false,
    });
  });

  it('maps message items with and without a type, joining their text parts, in order', async () => {
    const request = parseResponsesRequest({
      model: 'support-bot',
      input: [
        { role: 'developer', content: 'Answer in French.' },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello' }] },
        // An earlier reply as the openai SDK returns it, fed back as input.
        {
          type: 'message',
          id: 'msg_1',
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'Bonjour', annotations: [] }],
        },
        { role: 'assistant', content: [{ type: 'refusal', refusal: 'Non.' }] },
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'Ça ' },
            { type: 'input_text', text: 'va ?' },
          ],
        },
      ],
      temperature: 0.2,
      top_p: 0.5,
      user: 'u-1',
      stream: true,
    });
    expect(await mapped(request)).toMatchObject({
      messages: [
        { role: 'developer', content: 'Answer in French.' },
        { role: 'user', content: 'Hello' },
        { role: 'assistant', content: 'Bonjour' },
        { role: 'assistant', content: 'Non.' },
        { role: 'user', content: 'Ça va ?' },
      ],
      temperature: 0.2,
      top_p: 0.5,
      user: 'u-1',
      stream: true,
    });
  });

  it('replaces each item_reference by the reply it names, as an assistant turn in its place', async () => {
    const request = parseResponsesRequest({
      ...base,
      input: [
        { role: 'user', content: 'Hello' },
        { type: 'item_reference', id: 'msg_a' },
        { role: 'user', content: 'And then?' },
        { type: 'item_reference', id: 'resp_b' },
        { role: 'user', content: 'Thanks' },
      ],
    });
    const read = jest.fn(async (reference: { id: string }, index: number) => `${reference.id} at ${index}`);
    const turns = await resolveInput(request, [], read);
    expect(turns).toEqual([
      { role: 'user', content: 'Hello' },
      { role: 'assistant', content: 'msg_a at 1' },
      { role: 'user', content: 'And then?' },
      { role: 'assistant', content: 'resp_b at 3' },
      { role: 'user', content: 'Thanks' },
    ]);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it("puts the previous response's turns before the input, and echoes previous_response_id", async () => {
    const request = parseResponsesRequest({ ...base, instructions: 'Be brief.', previous_response_id: 'resp_x' });
    expect(request.previous_response_id).toBe('resp_x');
    const previous: ResolvedTurn[] = [
      { role: 'user', content: 'Earlier' },
      { role: 'assistant', content: 'Reply' },
    ];
    expect((await mapped(request, previous)).messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Earlier' },
      { role: 'assistant', content: 'Reply' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('accepts the neutral values SDKs send by default', () => {
    expect(
      refusal({
        ...base,
        tools: [],
        tool_choice: 'auto',
        parallel_tool_calls: true,
        include: [],
        reasoning: { effort: null, summary: null },
        text: { format: { type: 'text' } },
        truncation: 'disabled',
        service_tier: 'auto',
        background: false,
        previous_response_id: null,
        top_logprobs: 0,
        metadata: { team: 'support' },
      }),
    ).toBe('accepted');
    expect(refusal({ ...base, include: ['reasoning.encrypted_content'], reasoning: {} })).toBe('accepted');
  });

  it.each([
    [{ tools: [{ type: 'function', name: 'lookup', parameters: {} }] }, 'tools'],
    [{ tool_choice: 'required' }, 'tool_choice'],
    [{ tool_choice: { type: 'function', name: 'lookup' } }, 'tool_choice'],
    [{ conversation: 'conv_1' }, 'conversation'],
    [{ background: true }, 'background'],
    [{ prompt: { id: 'pmpt_1' } }, 'prompt'],
    [{ reasoning: { effort: 'high' } }, 'reasoning'],
    [{ include: ['message.output_text.logprobs'] }, 'include'],
    [{ text: { format: { type: 'json_object' } } }, 'text.format'],
    [{ text: { format: { type: 'json_schema', name: 'x', schema: {} } } }, 'text.format'],
    [{ text: { verbosity: 'low' } }, 'text.verbosity'],
    [{ service_tier: 'flex' }, 'service_tier'],
    [{ input: [{ type: 'function_call_output', call_id: 'c', output: '1' }] }, 'input.0'],
    [
      { input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'https://example.com/a.png' }] }] },
      'input.0.content.0',
    ],
  ])('refuses %j, naming %s', (fields, param) => {
    expect(refusal({ ...base, ...fields })).toEqual({ param, code: 'unsupported_parameter' });
  });

  it.each([
    [{ input: [] }, 'input'],
    [{ input: undefined }, 'input'],
    [
      {
        input: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
        ],
      },
      'input.1.role',
    ],
    [{ input: [{ role: 'bot', content: 'Hi' }] }, 'input.0.role'],
    // A reference is an earlier reply: the reply has to answer a user message.
    [
      {
        input: [
          { role: 'user', content: 'Hi' },
          { type: 'item_reference', id: 'msg_1' },
        ],
      },
      'input.1',
    ],
    [{ input: [{ type: 'item_reference' }, { role: 'user', content: 'Hi' }] }, 'input.0.id'],
    [{ previous_response_id: '' }, 'previous_response_id'],
    [{ input: [{ role: 'user', content: [{ type: 'input_text', text: 5 }] }] }, 'input.0.content'],
    [{ max_output_tokens: 2 ** 40 }, 'max_output_tokens'],
    [{ temperature: 3 }, 'temperature'],
    [{ truncation: 'sometimes' }, 'truncation'],
    [{ model: '' }, 'model'],
  ])('answers the invalid %j with a 400 on %s', (fields, param) => {
    expect(refusal({ ...base, ...fields })).toMatchObject({ param });
  });

  it('refuses a body that is not a JSON object', () => {
    expect(refusal('hello')).toEqual({ param: null, code: null });
  });
});
