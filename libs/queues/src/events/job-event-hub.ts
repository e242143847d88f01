import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RedisConnections } from '@copilot/redis';
import { jobEventsKey, type JobEvent } from './job-events';
import { StreamReader } from './stream-reader';

/** How many blocking connections an api instance spreads its watched streams over. */
const READERS = 2;

/**
 * The api side of job event streams: any number of SSE clients watch jobs through
 * a fixed, small number of Redis connections, whatever the number of clients.
 */
@Injectable()
export class JobEventHub implements OnApplicationShutdown {
  private readonly logger = new Logger(JobEventHub.name);
  private readonly connections: Redis[] = [];
  private readers?: StreamReader[];
  private command?: Redis;

  constructor(private readonly redis: RedisConnections) {}

  /** Delivers the job's events after `afterId` ('0-0': from the start) until unsubscribed. */
  watch(jobId: string, afterId: string, deliver: (events: JobEvent[]) => void): () => void {
    const key = jobEventsKey(this.redis.prefix, jobId);
    return this.readerFor(key).watch(key, afterId, deliver);
  }

  /** Whether the job's stream is still retained. */
  async exists(jobId: string): Promise<boolean> {
    return (await this.commandClient().exists(jobEventsKey(this.redis.prefix, jobId))) === 1;
  }

  get watchedStreams(): number {
    return (this.readers ?? []).reduce((sum, reader) => sum + reader.watchedStreams, 0);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all((this.readers ?? []).map((reader) => reader.close()));
    for (const connection of this.connections) this.redis.close(connection);
  }

  private commandClient(): Redis {
    if (!this.command) {
      this.command = this.redis.persistent('event-hub');
      this.connections.push(this.command);
    }
    return this.command;
  }

  private readerFor(key: string): StreamReader {
    this.readers ??= Array.from({ length: READERS }, (_, i) => {
      const blocking = this.redis.persistent(`event-hub-reader-${i}`);
      this.connections.push(blocking);
      return new StreamReader(blocking, this.commandClient(), (error) =>
        this.logger.warn({ err: error }, 'job event stream read failed; retrying'),
      );
    });
    let hash = 0;
    for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
    return this.readers[Math.abs(hash) % this.readers.length]!;
  }
}
