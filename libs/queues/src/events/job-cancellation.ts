import { Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RedisConnections } from '@copilot/redis';

/**
 * Cancellation across processes: the api publishes a job id; whichever worker is
 * running that job aborts it. One subscriber connection per worker, whatever the
 * number of jobs. A job not running anywhere is cancelled through its row instead.
 */
@Injectable()
export class JobCancellation {
  private readonly logger = new Logger(JobCancellation.name);
  private readonly running = new Map<string, AbortController>();
  private publisher?: Redis;
  private subscriber?: Promise<Redis>;

  constructor(private readonly redis: RedisConnections) {}

  private get channel(): string {
    return `${this.redis.prefix}:job-cancel`;
  }

  async request(jobId: string): Promise<void> {
    this.publisher ??= this.redis.persistent('job-cancel-publisher');
    await this.publisher.publish(this.channel, jobId);
  }

  /** Watches for a cancel of this job while it runs here; returns the signal and a release function. */
  async watch(jobId: string): Promise<{ signal: AbortSignal; release: () => void }> {
    await this.subscribe();
    const controller = new AbortController();
    this.running.set(jobId, controller);
    return { signal: controller.signal, release: () => this.running.delete(jobId) };
  }

  private subscribe(): Promise<Redis> {
    this.subscriber ??= (async () => {
      const client = this.redis.persistent('job-cancel-subscriber');
      client.on('message', (_channel: string, jobId: string) => {
        const controller = this.running.get(jobId);
        if (!controller) return;
        this.logger.log({ job_id: jobId }, 'cancel requested; aborting');
        controller.abort();
      });
      await client.subscribe(this.channel);
      return client;
    })();
    return this.subscriber;
  }
}
