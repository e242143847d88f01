import { OpenAiError } from './openai-error';
import { parseResponsesRequest, toChatCompletionRequest } from './responses-request';

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
  it('maps a string input and instructions to a system message and one user message', () => {
    const request = parseResponsesRequest({ ...base, instructions: 'Be brief.', max_output_tokens: 40, store: false });
    expect(toChatCompletionRequest(request)).toEqual({
      model: 'openai/gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      max_completion_tokens: 40,
      store: false,
    });
  });

  it('maps message items with and without a type, joining their text parts, in order', () => {
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
    expect(toChatCompletionRequest(request)).toMatchObject({
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
    [{ previous_response_id: 'resp_1' }, 'previous_response_id'],
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
    [{ input: [{ type: 'item_reference', id: 'msg_1' }] }, 'input.0'],
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
