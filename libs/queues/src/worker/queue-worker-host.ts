import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { PinoLogger } from 'nestjs-pino';
import type { Counter, Gauge, Histogram } from 'prom-client';
import {
  JOB_CONTRACTS,
  type JobNamesOf,
  type JobOf,
  isJobName,
  isTenantJobName,
  type TenantJobName,
} from '../contracts/job-contracts';
import type { JobDefinition } from '../lifecycle/job-definition';
import { JobRunner } from '../lifecycle/job-runner';
import type { QueueName } from '../contracts/queue-names';
import { JobProducer } from '../producer/job-producer';
import { runInJobSpan } from './job-span';
import { RedisConnections } from '@copilot/redis';
import { JobHeartbeat, jobIdentity } from './job-heartbeat';
import { JOB_PROCESSING_SECONDS, JOB_WAIT_SECONDS, JOBS_TOTAL, QUEUE_JOBS } from './queue-metrics';

export interface JobContext {
  job: Job;
  /** Aborted when the worker shuts down; handlers pass it to slow calls. */
  signal: AbortSignal;
}
export type JobHandler<P> = (payload: P, context: JobContext) => Promise<unknown>;
/**
 * The handler table: exactly one entry per job name of the queue (a missing or extra
 * one does not compile). A tenant job's entry is its definition, run by JobRunner;
 * housekeeping jobs, which have no row, are plain functions.
 */
export type QueueHandlers<Q extends QueueName> = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [N in JobNamesOf<Q>]: N extends TenantJobName ? JobDefinition<N, any, any> : JobHandler<JobOf<N>>;
};

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized', 'waiting-children'] as const;

/**
 * Runs BullMQ workers and wraps every handler once: payload validation, a log
 * context carrying job_id/request_id/tenant_id, wait and processing histograms,
 * outcome counters, and queue depth gauges.
 */
@Injectable()
export class QueueWorkerHost implements OnModuleInit, OnModuleDestroy {
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];
  private readonly shutdown = new AbortController();

  constructor(
    private readonly redis: RedisConnections,
    private readonly producer: JobProducer,
    private readonly heartbeat: JobHeartbeat,
    private readonly runner: JobRunner,
    private readonly logger: PinoLogger,
    @InjectMetric(JOB_WAIT_SECONDS) private readonly waitSeconds: Histogram<string>,
    @InjectMetric(JOB_PROCESSING_SECONDS) private readonly processingSeconds: Histogram<string>,
    @InjectMetric(JOBS_TOTAL) private readonly jobsTotal: Counter<string>,
    @InjectMetric(QUEUE_JOBS) private readonly queueJobs: Gauge<string>,
  ) {
    this.logger.setContext(QueueWorkerHost.name);
  }

  onModuleInit(): void {
    // Read at scrape time, so the gauge is as fresh as the scrape and costs nothing between.
    (this.queueJobs as unknown as { collect?: () => Promise<void> }).collect = async () => {
      this.queueJobs.reset();
      for (const worker of this.workers) {
        const counts = await this.producer.queue(worker.name as QueueName).getJobCounts(...STATES);
        for (const state of STATES) this.queueJobs.set({ queue: worker.name, state }, counts[state] ?? 0);
      }
    };
  }

  start<Q extends QueueName>(
    queue: Q,
    handlers: QueueHandlers<Q>,
    options: {
      concurrency: number;
      lockDurationMs?: number;
      /** Milliseconds before the next attempt, for jobs whose backoff type is custom. */
      backoffDelayMs?: (attemptsMade: number) => number;
    },
  ): Worker {
    const table: Record<string, JobHandler<unknown>> = {};
    for (const [name, entry] of Object.entries(handlers as Record<string, unknown>)) {
      if (isTenantJobName(name)) {
        this.runner.define(name, entry as JobDefinition<typeof name, unknown, unknown>);
        table[name] = (payload, { job, signal }) => this.runner.run(name, payload as JobOf<typeof name>, job, signal);
      } else table[name] = entry as JobHandler<unknown>;
    }
    const worker = new Worker(queue, (job) => runInJobSpan(queue, job, () => this.process(queue, table, job)), {
      connection: this.connectionFor(queue),
      prefix: this.redis.prefix,
      concurrency: options.concurrency,
      ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
      // One lost-job policy: the reaper alone hands back the jobs of a worker that died
      // (heartbeat silent, lock lapsed), also when Redis lost them; BullMQ's stalled-job
      // check would be a second, differently timed one.
      skipStalledCheck: true,
      ...(options.backoffDelayMs ? { settings: { backoffStrategy: options.backoffDelayMs } } : {}),
      autorun: true,
    });
    worker.on('error', (error) => this.logger.error({ err: error, queue }, 'worker connection error'));
    this.workers.push(worker);
    return worker;
  }

  /**
   * Readiness: every consumer still running and connected. A consumer that lost its
   * connection or stopped makes the worker not-ready, so the orchestrator restarts it.
   */
  async ping(): Promise<void> {
    const stopped = this.workers.filter((worker) => !worker.isRunning()).map((worker) => worker.name);
    if (stopped.length > 0) throw new Error(`queue consumers stopped: ${stopped.join(', ')}`);
    const disconnected = this.connections.filter((connection) => connection.status !== 'ready');
    if (disconnected.length > 0) throw new Error(`${disconnected.length} queue connection(s) not ready`);
  }

  private connectionFor(queue: string): Redis {
    const connection = this.redis.persistent(`worker-${queue}`);
    this.connections.push(connection);
    return connection;
  }

  private async process(queue: string, handlers: Record<string, JobHandler<unknown>>, job: Job): Promise<unknown> {
    const handler = handlers[job.name];
    if (!handler || !isJobName(job.name)) throw new UnrecoverableError(`no handler for job ${job.name} on ${queue}`);
    const parsed = JOB_CONTRACTS[job.name].payload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid payload for ${job.name}: ${parsed.error.message}`);
    const payload = parsed.data;
    const identity = jobIdentity(payload);
    const labels = { queue, name: job.name };
    if (job.attemptsMade === 0 && job.processedOn)
      this.waitSeconds.observe(labels, (job.processedOn - job.timestamp) / 1000);

    return this.logger.runInContext(
      async () => {
        const started = performance.now();
        const finish = (outcome: 'completed' | 'failed') => {
          const seconds = (performance.now() - started) / 1000;
          this.processingSeconds.observe({ ...labels, outcome }, seconds);
          this.jobsTotal.inc({ ...labels, outcome });
          return { duration_ms: Math.round(seconds * 1000), attempt: job.attemptsMade + 1 };
        };
        try {
          const result = await this.heartbeat.around(payload, () =>
            handler(payload, { job, signal: this.shutdown.signal }),
          );
          this.logger.info(finish('completed'), 'job completed');
          return result;
        } catch (error) {
          this.logger.error({ ...finish('failed'), err: error }, 'job attempt failed');
          throw error;
        }
      },
      {
        bindings: {
          job_id: identity.jobId ?? job.id,
          tenant_id: identity.tenantId,
          request_id: identity.requestId,
          queue,
          job_name: job.name,
        },
      },
    );
  }

  /**
   * Shutdown, first phase: stop taking jobs and let in-flight ones finish (BullMQ's
   * close waits for them) while the database and Redis connections, which close in
   * the last phase (onApplicationShutdown), are still open.
   */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.shutdown.abort();
    // BullMQ closes the connections it made, not the one it was given.
    for (const connection of this.connections) this.redis.close(connection);
  }
}
