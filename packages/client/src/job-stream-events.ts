import type { components } from './generated/schema';

type Schemas = components['schemas'];

/**
 * The events of GET /v1/jobs/:id/events (and of a streamed message POST), as the
 * worker writes them (libs/queues job events). The OpenAPI document types the stream
 * only as text, so these are written by hand; `data` fields not listed here may appear.
 */
export type JobStreamEvent =
  | StreamEvent<'message', Schemas['MessageAccepted']>
  | StreamEvent<'status', JobStatusData>
  | StreamEvent<'token', { text: string }>
  | StreamEvent<'citation', Schemas['Citation'] & { index: number }>
  | StreamEvent<'usage', { inputTokens?: number; outputTokens?: number }>
  | StreamEvent<'done', JobDoneData>
  | StreamEvent<'error', JobErrorData>;

export type JobStreamEventType = JobStreamEvent['type'];

interface StreamEvent<Type extends string, Data> {
  type: Type;
  data: Data;
  /**
   * The stream id to resume after. Absent on the `message` event of a streamed POST,
   * and on the single `done`/`error` sent for a job whose stream has expired.
   */
  id?: string;
}

export interface JobStatusData {
  /** `restarted`: a provider failed mid-reply and another is retrying; drop the tokens shown so far. */
  status: 'running' | 'restarted';
  attempt?: number;
  /** Ingest jobs: the document's stage and progress (0 to 1). */
  stage?: string;
  progress?: number;
  provider?: string;
  model?: string;
  reason?: string;
}

export interface JobDoneData {
  status: 'succeeded' | 'cancelled';
  /** Replies: the stored assistant message (null when nothing was generated). */
  messageId?: string | null;
  /** Replies: why the provider ended the reply (`stop`, or `length` when it hit a token limit). */
  finishReason?: 'stop' | 'length';
  /** Ingest jobs. */
  stage?: string;
  documentId?: string;
  chunks?: number;
}

export interface JobErrorData {
  status: 'failed';
  reason?: string;
  message?: string;
  stage?: string;
}

const KNOWN_TYPES: readonly string[] = ['message', 'status', 'token', 'citation', 'usage', 'done', 'error'];
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
