import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type JobSchedulerJson, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  JOB_CONTRACTS,
  type JobOf,
  isTenantJobName,
  type MaintenanceJobName,
  type TenantJobName,
} from '../contracts/job-contracts';
import { QUEUE_POLICY, type QueueName } from '../contracts/queue-names';
import { RedisConnections } from '@copilot/redis';

export class UnknownJobError extends Error {
  constructor(name: string) {
    super(`no job contract named ${name}`);
    this.name = 'UnknownJobError';
  }
}

const REDIS_DOWN = ['reconnecting', 'close', 'end'];

/** The one place that adds jobs to BullMQ. The BullMQ job id is the job row's id, so a repeat is a no-op. */
@Injectable()
export class JobProducer implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();
  private connection?: Redis;

  constructor(private readonly redis: RedisConnections) {}

  async enqueue<N extends TenantJobName>(name: N, payload: JobOf<N>): Promise<void> {
    const contract = JOB_CONTRACTS[name];
    const data = contract.payload.parse(payload) as JobOf<N>;
    await this.queue(contract.queue).add(name, data, { jobId: data.jobId });
  }

  /**
   * Enqueues a job exactly as its row stored it (the outbox relay's path). When
   * the queue still holds a finished run of the same id (the row was requeued to
   * run again, e.g. an operator's retry), that old entry is removed first:
   * otherwise the id would make the new enqueue a no-op.
   */
  async enqueueStored(job: { name: string; payload: unknown }): Promise<void> {
    if (!isTenantJobName(job.name)) throw new UnknownJobError(job.name);
    const payload = JOB_CONTRACTS[job.name].payload.parse(job.payload);
    const previous = await this.queue(JOB_CONTRACTS[job.name].queue).getJob(payload.jobId);
    if (previous && ((await previous.isCompleted()) || (await previous.isFailed()))) await previous.remove();
    await this.enqueue(job.name, payload);
  }

  /**
   * Creates or updates a BullMQ job scheduler. Idempotent by id, so every scheduler
   * replica may call it, and calling it again restores one a Redis restart lost.
   */
  async upsertSchedule(
    id: string,
    job: MaintenanceJobName,
    repeat: { every: number } | { pattern: string; tz?: string },
  ): Promise<void> {
    await this.queue(JOB_CONTRACTS[job].queue).upsertJobScheduler(id, repeat, { name: job, data: {} });
  }

  /** The job schedulers of a queue, with their next run. */
  schedules(queue: QueueName): Promise<JobSchedulerJson[]> {
    return this.queue(queue).getJobSchedulers(0, -1, true);
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    // A fresh Queue on a connection that is already retrying would wait for Redis to come
    // back instead of failing: during an outage, fail at once (callers fall back to the relay).
    if (!queue && this.connection && REDIS_DOWN.includes(this.connection.status)) {
      throw new Error(`Redis is unavailable (${this.connection.status})`);
    }
    if (!queue) {
      this.connection ??= this.redis.failFast('producer');
      const created = new Queue(name, {
        connection: this.connection,
        prefix: this.redis.prefix,
        defaultJobOptions: QUEUE_POLICY[name],
      });
      // A Queue first used while Redis is down fails its one-time initialisation and
      // keeps failing every call with that error, even once Redis is back: forget it,
      // so the next call builds a fresh one (the shared connection itself reconnects).
      // Connection errors reach the caller of each operation; unheard, BullMQ prints them too.
      created.on('error', () => undefined);
      created.waitUntilReady().catch(() => {
        if (this.queues.get(name) === created) this.queues.delete(name);
        created.close().catch(() => undefined);
      });
      this.queues.set(name, created);
      queue = created;
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    if (this.connection) this.redis.close(this.connection);
  }
}
