import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RedisConnections } from '@copilot/redis';
import { TokenBatcher } from './token-batcher';
import { FINAL_EVENT_TYPES, type JobEventData, jobEventsKey, type JobEventType } from './job-events';

export const EVENT_STREAM_OPTIONS = Symbol('EVENT_STREAM_OPTIONS');
export interface EventStreamSettings {
  maxLength: number;
  retentionSeconds: number;
  tokenFlushIntervalMs: number;
}

/** Appends a job's events to its Redis Stream; the api's SSE endpoint reads them back. */
@Injectable()
export class JobEventWriter {
  private client?: Redis;

  constructor(
    private readonly redis: RedisConnections,
    @Inject(EVENT_STREAM_OPTIONS) readonly settings: EventStreamSettings,
  ) {}

  /** Appends one event; its data is checked by the compiler against JOB_STREAM_EVENTS. */
  async append<T extends JobEventType>(jobId: string, type: T, data: JobEventData<T>): Promise<string> {
    this.client ??= this.redis.persistent('event-writer');
    const key = jobEventsKey(this.redis.prefix, jobId);
    // Capped so a runaway job cannot fill Redis; `~` lets Redis trim in whole nodes (cheap).
    const fields = ['MAXLEN', '~', this.settings.maxLength, '*', 'type', type, 'data', JSON.stringify(data)] as const;
    if (!FINAL_EVENT_TYPES.includes(type)) {
      // Most events are tokens: one plain XADD each (a MULTI/EXEC pipeline per token
      // cost three extra commands and much of the worker's garbage while streaming).
      return (await this.client.xadd(key, ...fields)) as string;
    }
    // The stream outlives the job by the retention period, so late clients still replay it.
    const results = await this.client
      .multi()
      .xadd(key, ...fields)
      .expire(key, this.settings.retentionSeconds)
      .exec();
    const [error, id] = results?.[0] ?? [new Error('no reply from redis'), null];
    if (error) throw error;
    return id as string;
  }

  /** Appends an event given as one `{ type, data }` value (an ending's event, for one). */
  appendEvent(jobId: string, event: { [T in JobEventType]: { type: T; data: JobEventData<T> } }[JobEventType]) {
    return this.append(jobId, event.type, event.data as never);
  }

  /** A reply's tokens, coalesced into `token` events at the stream's flush interval. */
  tokenBatcher(jobId: string): TokenBatcher {
    return new TokenBatcher((text) => this.append(jobId, 'token', { text }), this.settings.tokenFlushIntervalMs);
  }

  /** Deletes the event streams of jobs that no longer exist (retention). */
  async discard(jobIds: readonly string[]): Promise<void> {
    if (jobIds.length === 0) return;
    this.client ??= this.redis.persistent('event-writer');
    await this.client.del(...jobIds.map((id) => jobEventsKey(this.redis.prefix, id)));
  }
}
