import { z } from 'zod';
import { component, count, EXAMPLE_TIME, jsonObject, text, time, uuid } from './schema-parts';

const stepExample = {
  id: '5d6e7f80-91a2-4b3c-8d4e-5f6a7b8c9ddd',
  seq: 1,
  kind: 'tool',
  status: 'awaiting_approval',
  provider: null,
  model: null,
  toolCallId: 'call_8f2a',
  toolName: 'refund_order',
  toolKind: 'http',
  arguments: '{"orderId":"A-1042","amount":25}',
  output: null,
  error: null,
  inputTokens: null,
  outputTokens: null,
  decision: null,
  decisionReason: null,
  decidedAt: null,
  startedAt: EXAMPLE_TIME,
  finishedAt: null,
  durationMs: null,
};

export const RunStep = component(
  'RunStep',
  z
    .object({
      id: uuid(),
      seq: count().describe('Order within the run: a model step, then its tool calls, then the next model step.'),
      kind: z.enum(['model', 'tool']),
      status: z.enum([
        'running',
        'succeeded',
        'failed',
        'rejected',
        'timeout',
        'cancelled',
        'awaiting_approval',
        'awaiting_output',
      ]),
      provider: text(200).nullable(),
      model: text(200).nullable(),
      toolCallId: text(200).nullable(),
      toolName: text(64).nullable(),
      toolKind: text(20).nullable().describe('builtin, http or client.'),
      arguments: text(1_000_000).nullable().describe('The arguments as the model wrote them (JSON text).'),
      output: jsonObject()
        .nullable()
        .describe('Model steps: text, toolCalls, finishReason. Tool calls: status, output (size-capped), truncated.'),
      error: jsonObject().nullable(),
      inputTokens: count().nullable(),
      outputTokens: count().nullable(),
      decision: text(20).nullable().describe('approved, rejected or expired; null while undecided.'),
      decisionReason: text(2000).nullable(),
      decidedAt: time().nullable(),
      startedAt: time(),
      finishedAt: time().nullable(),
      durationMs: count().nullable(),
    })
    .strict()
    .meta({ example: stepExample }),
  'One step of an agent run: a model call or a tool call.',
);

export const RunStepList = component(
  'RunStepList',
  z
    .object({ data: z.array(RunStep).max(10_000) })
    .strict()
    .meta({ example: { data: [stepExample] } }),
  "An agent run's steps, in order.",
);
