import { z } from 'zod';
import { type JobEventData, type JobEventType } from '../contracts/job-stream-events';

export { JOB_EVENT_TYPES, type JobEventData, type JobEventType } from '../contracts/job-stream-events';
/** After one of these, nothing more is written to the stream. */
export const FINAL_EVENT_TYPES: readonly JobEventType[] = ['done', 'error'];

/** One event as read back from the stream, typed by its `type`. */
export type JobEvent = {
  [T in JobEventType]: {
    /** The Redis Stream entry id; also the SSE `id:` a client resumes from. */
    id: string;
    type: T;
    data: JobEventData<T>;
  };
}[JobEventType];

export const streamEntryId = z
  .string()
  .max(41)
  .regex(/^\d+-\d+$/, 'expected a stream event id such as 1700000000000-0');

export function jobEventsKey(prefix: string, jobId: string): string {
  return `${prefix}:job:${jobId}:events`;
}

/** Orders two stream ids ("ms-seq"); plain string comparison gets "10-0" vs "9-0" wrong. */
export function compareStreamIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  if (am !== bm) return am! < bm! ? -1 : 1;
  return as === bs ? 0 : as! < bs! ? -1 : 1;
}

export function toJobEvent(id: string, fields: string[]): JobEvent {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) record[fields[i]!] = fields[i + 1]!;
  return { id, type: record.type as JobEventType, data: record.data ? JSON.parse(record.data) : null } as JobEvent;
}
