import { JOB_STREAM_EVENTS, type JobEventType } from '@copilot/queues';
import { z } from 'zod';
import { MessageAccepted } from './chat.responses';
import { component } from './schema-parts';

/**
 * The event streams' shapes, as the client parses them: `type` is the SSE `event:`
 * field, `data` the JSON of its `data:` lines, `id` its `id:`. Each job event's data
 * is the job contract's own schema (libs/queues job-stream-events.ts), so this
 * document and the worker cannot drift apart.
 */
const streamEvent = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.strictObject({
    type: z.literal(type),
    data,
    id: z
      .string()
      .max(40)
      .optional()
      .describe(
        'The stream id ("ms-seq") to resume after with Last-Event-ID. Absent on the `message` event of a streamed POST, and on the single final event sent for a job whose stream has expired.',
      ),
  });

const EVENT_DOCS: Record<JobEventType, string> = {
  status: 'Progress: `running`, `restarted` (drop the tokens shown so far) or `requires_action` (parked).',
  token: 'Text of the reply as it is generated; one event may carry several tokens.',
  citation: 'A passage the reply is grounded in, numbered as the reply cites it.',
  usage: 'The tokens the reply used, sent before its final event.',
  done: 'Final: the job succeeded (with its result fields) or was cancelled (with why).',
  error: 'Final: the job failed, with its reason and message.',
  step: 'Agent runs: a model step started or finished.',
  'tool_call.delta': 'Agent runs: a piece of a tool call as the model writes it.',
  tool_call: 'Agent runs: a complete tool call, before it runs.',
  tool_result: "Agent runs: a tool call's result (ok, error, rejected or timeout), its output size-capped.",
  requires_action: 'Agent runs: the run is parked until calls are approved or their outputs submitted.',
};

/** `tool_call.delta` -> `ToolCallDelta`. */
const pascal = (type: string) =>
  type
    .split(/[._]/)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');

const jobEvents = (Object.keys(JOB_STREAM_EVENTS) as JobEventType[]).map((type) =>
  component(`JobStream${pascal(type)}Event`, streamEvent(type, JOB_STREAM_EVENTS[type]), EVENT_DOCS[type]),
);

export const JobStreamEvent = component(
  'JobStreamEvent',
  z.discriminatedUnion('type', jobEvents as unknown as [(typeof jobEvents)[number], ...(typeof jobEvents)[number][]]),
  'One event of a job stream (GET /v1/jobs/{id}/events). After `done` or `error` the stream has nothing more.',
);

const MessageEvent = component(
  'MessageStreamMessageEvent',
  streamEvent('message', MessageAccepted),
  'First event of a streamed message POST: the stored message and the job generating the reply.',
);

export const MessageStreamEvent = component(
  'MessageStreamEvent',
  z.discriminatedUnion('type', [MessageEvent, ...jobEvents] as unknown as [
    typeof MessageEvent,
    ...(typeof jobEvents)[number][],
  ]),
  'One event of a streamed message POST: a `message` event, then the job stream events.',
);
