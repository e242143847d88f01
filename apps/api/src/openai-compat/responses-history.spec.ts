import type { JobRepository, Message, MessageRepository, TenantTransactions } from '@copilot/persistence';
import type { ApiSettings } from '../api.settings';
import { OpenAiError } from './openai-error';
import { jobIdOf, StoredResponses } from './responses-history';
import { parseResponsesRequest } from './responses-request';

const JOB = '11111111-2222-4333-8444-555555555555';
const CONVERSATION = '99999999-2222-4333-8444-555555555555';
const TENANT = 'aaaaaaaa-2222-4333-8444-555555555555';

// A chat job's payload, as ChatService enqueues it.
const chatPayload = { jobId: JOB, tenantId: TENANT, conversationId: CONVERSATION, messageId: JOB };

const message = (id: string, role: string, content: string, jobId: string | null = null) =>
  ({ id, role, content, jobId, conversationId: CONVERSATION }) as Message;

/** StoredResponses over in-memory rows: one stored exchange (two user turns, two replies, the last is JOB's). */
function storedResponses(rows: { messages: Message[]; jobPayload?: object | null }) {
  const byJob = (jobId: string) => rows.messages.find((m) => m.jobId === jobId) ?? null;
  const messages = {
    findByJobId: jest.fn(async (_tx: unknown, jobId: string) => byJob(jobId)),
    latest: jest.fn(async (_tx: unknown, _conversation: string, count: number) => rows.messages.slice(-count)),
  };
  const jobs = {
    findById: jest.fn(async (_tx: unknown, id: string) =>
      id === JOB && rows.jobPayload !== null ? { id, payload: rows.jobPayload } : null,
    ),
  };
  const transactions = { run: jest.fn((_tenant: string, work: (tx: unknown) => unknown) => work({})) };
  const settings = { chat: { maxHistoryMessages: 20 } } as ApiSettings;
  const stored = new StoredResponses(
    transactions as unknown as TenantTransactions,
    jobs as unknown as JobRepository,
    messages as unknown as MessageRepository,
    settings,
  );
  return { stored, transactions, messages };
}

const exchange = [
  message('m1', 'user', 'First question'),
  message('m2', 'assistant', 'First answer', '00000000-2222-4333-8444-555555555555'),
  message('m3', 'user', 'Second question'),
  message('m4', 'assistant', 'Second answer', JOB),
];

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OpenAiError);
  return { status: (error as OpenAiError).getStatus(), ...(error as OpenAiError).body };
}

describe('jobIdOf', () => {
  it('reads the job id after one of the prefixes, and nothing else', () => {
    expect(jobIdOf(`msg_${JOB}`, ['msg_', 'resp_'])).toBe(JOB);
    expect(jobIdOf(`resp_${JOB.toUpperCase()}`, ['resp_'])).toBe(JOB);
    expect(jobIdOf(`msg_${JOB}`, ['resp_'])).toBeNull();
    expect(jobIdOf('msg_1', ['msg_'])).toBeNull();
    expect(jobIdOf(JOB, ['msg_'])).toBeNull();
  });
});

describe('StoredResponses.resolve', () => {
  it("reads a referenced reply in the caller's tenant, as an assistant turn", async () => {
    const { stored, transactions } = storedResponses({
      messages: exchange,
      jobPayload: chatPayload,
    });
    const request = parseResponsesRequest({
      model: 'm',
      input: [
        { role: 'user', content: 'Second question' },
        { type: 'item_reference', id: `msg_${JOB}` },
        { role: 'user', content: 'Third' },
      ],
    });
    await expect(stored.resolve(TENANT, request)).resolves.toEqual([
      { role: 'user', content: 'Second question' },
      { role: 'assistant', content: 'Second answer' },
      { role: 'user', content: 'Third' },
    ]);
    expect(transactions.run).toHaveBeenCalledWith(TENANT, expect.any(Function));
  });

  it('answers a reference to nothing stored with a 400 naming the item, without a query for a malformed id', async () => {
    const { stored, messages } = storedResponses({ messages: [], jobPayload: chatPayload });
    const input = (id: string) => [
      { role: 'user', content: 'Hi' },
      { type: 'item_reference', id },
      { role: 'user', content: 'Go' },
    ];
    const unknown = await refusal(
      stored.resolve(TENANT, parseResponsesRequest({ model: 'm', input: input(`msg_${JOB}`) })),
    );
    expect(unknown).toMatchObject({ status: 400, type: 'invalid_request_error', param: 'input.1' });
    expect(unknown.message).toMatch(/store to false/);
    messages.findByJobId.mockClear();
    const malformed = await refusal(
      stored.resolve(TENANT, parseResponsesRequest({ model: 'm', input: input('msg_1') })),
    );
    expect(malformed).toMatchObject({ param: 'input.1' });
    expect(messages.findByJobId).not.toHaveBeenCalled();
  });

  it("puts the previous response's conversation, up to its reply, before the input", async () => {
    const later = message('m5', 'user', 'Not part of it');
    const { stored } = storedResponses({
      messages: [...exchange, later],
      jobPayload: chatPayload,
    });
    const request = parseResponsesRequest({ model: 'm', input: 'Third', previous_response_id: `resp_${JOB}` });
    await expect(stored.resolve(TENANT, request)).resolves.toEqual([
      { role: 'user', content: 'First question' },
      { role: 'assistant', content: 'First answer' },
      { role: 'user', content: 'Second question' },
      { role: 'assistant', content: 'Second answer' },
      { role: 'user', content: 'Third' },
    ]);
  });

  it.each([
    ['an unknown job', { messages: exchange, jobPayload: null }, `resp_${JOB}`],
    ['a job that is not a chat job', { messages: exchange, jobPayload: { documentId: JOB } }, `resp_${JOB}`],
    ['a reply no longer stored', { messages: [], jobPayload: chatPayload }, `resp_${JOB}`],
    ['a message id', { messages: exchange, jobPayload: chatPayload }, `msg_${JOB}`],
  ])('answers a previous_response_id naming %s with a 400 on previous_response_id', async (_what, rows, id) => {
    const { stored } = storedResponses(rows);
    const request = parseResponsesRequest({ model: 'm', input: 'Third', previous_response_id: id });
    await expect(refusal(stored.resolve(TENANT, request))).resolves.toMatchObject({
      status: 400,
      param: 'previous_response_id',
    });
  });
});
