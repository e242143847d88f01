import { z } from 'zod';
import {
  chatGenerateFailure,
  chatGenerateResult,
  documentIngestFailure,
  documentIngestResult,
  jobFailure,
} from './job-contracts';

// Bounds are part of the contract: clients size buffers by them (and the OpenAPI
// document states them). Loose objects carry at most this many fields.
const MAX_FIELDS = 100;
const label = () => z.string().max(200);
const looseEvent = <S extends z.ZodRawShape>(shape: S) => z.looseObject(shape).meta({ maxProperties: MAX_FIELDS });

/** Every field a streamed job's result or failure may add to its final event (each optional). */
const endingFields = {
  ...chatGenerateFailure.partial().shape,
  ...documentIngestFailure.partial().shape,
  // After the failures: a succeeded reply's provider and model may be null.
  ...chatGenerateResult.partial().shape,
  ...documentIngestResult.partial().shape,
};
const { reason: _reason, message: _message, stage: _stage, ...resultFields } = endingFields;

/**
 * The events of a job's stream (Redis Stream `<prefix>:job:<id>:events`), as the
 * worker writes them and the api relays them as SSE (the OpenAPI document's
 * `JobStreamEvent`, and the client's types, come from these): one schema per event
 * type. Tool events (agent runs) are added here as they come.
 */
export const JOB_STREAM_EVENTS = {
  /**
   * Progress: `running` (with the run's attempt, or an ingest's stage and progress),
   * `restarted` (drop the tokens shown so far: a provider failed mid-reply, or a run was
   * handed back), `requires_action` (the run is parked until it is resumed).
   */
  status: looseEvent({
    status: z.enum(['running', 'restarted', 'requires_action']),
    attempt: z.number().int().min(1).max(1_000).optional(),
    reason: label().optional(),
    provider: label().optional(),
    model: label().optional(),
    /** Ingest jobs: the document's stage and progress (0-100). */
    stage: label().optional(),
    progress: z.number().min(0).max(100).optional(),
  }),
  /** Text of the reply as it is generated (coalesced: one event may carry several tokens). */
  token: z.strictObject({ text: z.string().max(1_000_000) }),
  /** A passage the reply is grounded in, numbered as the reply cites it ([1], [2]...). */
  citation: z.strictObject({
    index: z.number().int().min(1).max(1_000),
    documentId: z.uuid(),
    chunkId: z.uuid(),
    title: z.string().max(500),
    headingPath: z.array(z.string().max(500)).max(20),
    start: z.number().int().min(0).max(2_147_483_647),
    end: z.number().int().min(0).max(2_147_483_647),
  }),
  /** The tokens the reply used, before its final event. */
  usage: z.strictObject({
    inputTokens: z.number().int().min(0).max(2_147_483_647),
    outputTokens: z.number().int().min(0).max(2_147_483_647),
  }),
  /**
   * Final: succeeded, with the job's result fields (a reply's `messageId`, `finishReason`...,
   * an ingest's `documentId`, `chunks`), or cancelled, with why (`reason`, `message`).
   */
  done: looseEvent({
    status: z.enum(['succeeded', 'cancelled']),
    ...resultFields,
    reason: label().optional(),
    message: z.string().max(10_000).optional(),
    stage: label().optional(),
  }),
  /** Agent runs: a model step started or finished (1-based `step`). */
  step: z.strictObject({
    step: z.number().int().min(1).max(1_000),
    status: z.enum(['started', 'finished']),
    provider: label().optional(),
    model: label().optional(),
    finishReason: label().optional(),
    inputTokens: z.number().int().min(0).max(2_147_483_647).optional(),
    outputTokens: z.number().int().min(0).max(2_147_483_647).optional(),
  }),
  /** Agent runs: a piece of a tool call as the model writes it (for showing calls as they form). */
  'tool_call.delta': z.strictObject({
    step: z.number().int().min(1).max(1_000),
    index: z.number().int().min(0).max(1_000),
    id: label().optional(),
    name: label().optional(),
    argumentsDelta: z.string().max(1_000_000),
  }),
  /** Agent runs: a complete tool call the model made, before it runs. */
  tool_call: z.strictObject({
    step: z.number().int().min(1).max(1_000),
    id: label(),
    name: label(),
    arguments: z.string().max(1_000_000),
  }),
  /**
   * Agent runs: a tool call's result: `ok`, `error` (the tool's error, or arguments that
   * did not match its schema), `rejected` (not approved), `timeout`. `output` is size-capped.
   */
  tool_result: z.strictObject({
    id: label(),
    name: label(),
    status: z.enum(['ok', 'error', 'rejected', 'timeout']),
    durationMs: z.number().int().min(0).max(2_147_483_647),
    output: z.string().max(1_100_000),
    truncated: z.boolean(),
  }),
  /** Agent runs: the run is parked until the calls named are approved or their outputs submitted. */
  requires_action: z.strictObject({
    type: z.enum(['approve_tool_calls', 'submit_tool_outputs']),
    toolCalls: z.array(z.strictObject({ id: label(), name: label(), arguments: z.string().max(1_000_000) })).max(100),
    expiresAt: z.iso.datetime(),
  }),
  /** Final: failed, with the job's failure (reason, message and fields of the job's own). */
  error: looseEvent({
    ...resultFields,
    ...jobFailure.shape,
    status: z.literal('failed'),
    stage: label().optional(),
  }),
} as const;

export type JobEventType = keyof typeof JOB_STREAM_EVENTS;
export const JOB_EVENT_TYPES = Object.keys(JOB_STREAM_EVENTS) as JobEventType[];
export type JobEventData<T extends JobEventType> = z.output<(typeof JOB_STREAM_EVENTS)[T]>;
