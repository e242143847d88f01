import { z } from 'zod';
import { jobFailure } from './job-contracts';

/**
 * The events of a job's stream (Redis Stream `<prefix>:job:<id>:events`), as the
 * worker writes them and the api relays them as SSE: one schema per event type.
 * Loose objects where a job adds fields of its own (an ingest stage, a result's
 * fields on `done`). Tool events (agent runs) are added here as they come.
 */
export const JOB_STREAM_EVENTS = {
  /** Progress: `running` (with the run's attempt), `restarted` (drop the tokens so far), `requires_action` (parked). */
  status: z.looseObject({
    status: z.enum(['running', 'restarted', 'requires_action']),
    attempt: z.number().int().min(1).optional(),
    reason: z.string().optional(),
    provider: z.string().optional(),
    model: z.string().optional(),
    /** Ingest jobs: the document's stage and progress (0-100). */
    stage: z.string().optional(),
    progress: z.number().min(0).max(100).optional(),
  }),
  /** Text of the reply as it is generated (coalesced: one event may carry several tokens). */
  token: z.object({ text: z.string() }),
  /** A passage the reply is grounded in, numbered as the reply cites it ([1], [2]...). */
  citation: z.object({
    index: z.number().int().min(1),
    documentId: z.uuid(),
    chunkId: z.uuid(),
    title: z.string(),
    headingPath: z.array(z.string()),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
  }),
  /** The tokens the reply used, before its final event. */
  usage: z.object({ inputTokens: z.number().int().min(0), outputTokens: z.number().int().min(0) }),
  /** Final: succeeded (with the job's result fields) or cancelled (with why). */
  done: z.looseObject({ status: z.enum(['succeeded', 'cancelled']) }),
  /** Final: failed, with the job's failure (reason, message and fields of the job's own). */
  error: jobFailure.extend({ status: z.literal('failed') }),
} as const;

export type JobEventType = keyof typeof JOB_STREAM_EVENTS;
export const JOB_EVENT_TYPES = Object.keys(JOB_STREAM_EVENTS) as JobEventType[];
export type JobEventData<T extends JobEventType> = z.output<(typeof JOB_STREAM_EVENTS)[T]>;
