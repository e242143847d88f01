import type { components } from './generated/schema';

type Schemas = components['schemas'];

/**
 * The events of GET /v1/jobs/:id/events, and of a streamed message POST (which starts
 * with a `message` event), as the OpenAPI document states them (`MessageStreamEvent`,
 * generated from the worker's own event contract). `id` is the stream id to resume
 * after; it is absent on the `message` event and on the single final event sent for a
 * job whose stream has expired.
 */
export type JobStreamEvent = Schemas['MessageStreamEvent'];

export type JobStreamEventType = JobStreamEvent['type'];

/** The data of one event type: `JobEventData<'token'>` is `{ text: string }`. */
export type JobEventData<T extends JobStreamEventType> = Extract<JobStreamEvent, { type: T }>['data'];

/** `running`, `restarted` (drop the tokens shown so far) or `requires_action`; an ingest's stage and progress (0-100). */
export type JobStatusData = JobEventData<'status'>;
/** Succeeded (a reply's `messageId`, `finishReason`...; an ingest's `documentId`, `chunks`) or cancelled. */
export type JobDoneData = JobEventData<'done'>;
/** Failed: `reason`, `message` and the job's own fields. */
export type JobErrorData = JobEventData<'error'>;

// Every type of the generated union, once: a type the document gains fails to compile here until it is listed.
const KNOWN: Record<JobStreamEventType, true> = {
  message: true,
  status: true,
  token: true,
  citation: true,
  usage: true,
  done: true,
  error: true,
  step: true,
  tool_call: true,
  'tool_call.delta': true,
  tool_result: true,
  requires_action: true,
};
const KNOWN_TYPES: readonly string[] = Object.keys(KNOWN);
const FINAL_TYPES: readonly string[] = ['done', 'error'];

export function isKnownEventType(type: string): type is JobStreamEventType {
  return KNOWN_TYPES.includes(type);
}

/** After `done` or `error` the job's stream has nothing more. */
export function isFinalEvent(event: JobStreamEvent): boolean {
  return FINAL_TYPES.includes(event.type);
}

/** Orders two stream ids ("ms-seq") numerically; string comparison gets "10-0" vs "9-0" wrong. */
export function compareEventIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  if (am !== bm) return am! < bm! ? -1 : 1;
  return as === bs ? 0 : as! < bs! ? -1 : 1;
}
