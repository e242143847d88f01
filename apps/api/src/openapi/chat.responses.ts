import { z } from 'zod';
import { component, count, EXAMPLE_IDS as IDS, EXAMPLE_TIME, jsonObject, page, text, time, uuid } from './schema-parts';

import { JOB_STATUSES } from '@copilot/persistence';
export { JOB_STATUSES };

const conversationExample = {
  id: IDS.conversation,
  title: 'Refund questions',
  metadata: { customerId: 'c-1042' },
  copilotId: IDS.copilot,
  createdAt: EXAMPLE_TIME,
  updatedAt: EXAMPLE_TIME,
};
export const Conversation = component(
  'Conversation',
  z
    .object({
      id: uuid(),
      title: text(200).nullable(),
      metadata: jsonObject(),
      copilotId: uuid().nullable(),
      createdAt: time(),
      updatedAt: time(),
    })
    .strict()
    .meta({ example: conversationExample }),
);
export const ConversationPage = page('ConversationPage', Conversation, conversationExample);

export const Citation = component(
  'Citation',
  z
    .object({
      documentId: uuid(),
      chunkId: uuid(),
      title: text(500),
      headingPath: z.array(text(500)).max(20),
      start: count(),
      end: count(),
    })
    .strict(),
  'A passage the reply was grounded in, with its character offsets in the document.',
);

const messageExample = {
  id: IDS.message,
  conversationId: IDS.conversation,
  role: 'user',
  content: 'How long do refunds take?',
  jobId: null,
  citations: [],
  createdAt: EXAMPLE_TIME,
};
export const Message = component(
  'Message',
  z
    .object({
      id: uuid(),
      conversationId: uuid(),
      role: z.enum(['user', 'assistant']),
      // A reply is bounded by the model's max tokens (at most 200,000), a user message by 32,000 characters.
      content: text(1_000_000),
      jobId: uuid().nullable().describe('The generation job that wrote this (assistant) message.'),
      citations: z.array(Citation).max(100),
      createdAt: time(),
    })
    .strict()
    .meta({ example: messageExample }),
);
export const MessagePage = page('MessagePage', Message, messageExample);

export const jobExample = {
  id: IDS.job,
  type: 'chat.generate',
  status: 'queued',
  progress: 0,
  attempts: 0,
  result: null,
  error: null,
  requiredAction: null,
  createdAt: EXAMPLE_TIME,
  startedAt: null,
  finishedAt: null,
  links: { self: `/v1/jobs/${IDS.job}`, events: `/v1/jobs/${IDS.job}/events` },
};
// Inline rather than a component: OpenAPI 3.0 cannot make a $ref nullable.
const RequiredAction = z
  .object({
    type: z.enum(['approve_tool_calls', 'submit_tool_outputs']),
    toolCalls: z
      .array(z.object({ id: text(200), name: text(64), arguments: text(1_000_000) }).strict())
      .max(100)
      .describe('The calls waiting, with the arguments the model wrote (JSON text).'),
    expiresAt: time().describe('After this the action can no longer be taken.'),
  })
  .strict()
  .describe('What a parked agent run waits for: approvals of tool calls, or the outputs of client tools.');

export const Job = component(
  'Job',
  z
    .object({
      id: uuid(),
      type: text(100).describe('What the job does, e.g. chat.generate or document.ingest.'),
      status: z.enum(JOB_STATUSES),
      progress: count(100).describe('Percent done.'),
      attempts: count(),
      result: jsonObject().nullable(),
      error: jsonObject().nullable(),
      requiredAction: RequiredAction.nullable().describe(
        'While the job is `requires_action`: what its agent run waits for (POST /v1/jobs/{id}/approvals or /tool-outputs).',
      ),
      createdAt: time(),
      startedAt: time().nullable(),
      finishedAt: time().nullable(),
      links: z.object({ self: text(100), events: text(100) }).strict(),
    })
    .strict()
    .meta({ example: jobExample }),
  'Any async operation of the api. Follow it with GET /v1/jobs/{id} or its event stream.',
);

export const MessageAccepted = component(
  'MessageAccepted',
  z
    .object({ message: Message, job: Job })
    .strict()
    .meta({ example: { message: messageExample, job: jobExample } }),
  'The stored user message and the job generating the reply.',
);
