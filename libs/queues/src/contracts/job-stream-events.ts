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
