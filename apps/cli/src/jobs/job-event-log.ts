import { type JobEvent, jobEventsKey, toJobEvent } from '@copilot/queues';
import type { Redis } from 'ioredis';

/** Every event of the job's stream still retained in Redis (the SSE stream's source), oldest first. */
export async function readJobEvents(redis: Redis, prefix: string, jobId: string): Promise<JobEvent[] | null> {
  const key = jobEventsKey(prefix, jobId);
  if ((await redis.exists(key)) === 0) return null;
  const entries = (await redis.xrange(key, '-', '+')) as [string, string[]][];
  return entries.map(([id, fields]) => toJobEvent(id, fields));
}
