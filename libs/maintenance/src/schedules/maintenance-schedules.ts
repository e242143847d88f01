import { Inject, Injectable } from '@nestjs/common';
import { type MaintenanceJobName, JobProducer, QUEUE } from '@copilot/queues';
import { MAINTENANCE_OPTIONS, type MaintenanceOptions } from '../maintenance-options';

/** A recurring task as operators see it at /v1/admin/schedules. */
export interface ScheduleView {
  name: string;
  /** The queue its runs go to; null for work the scheduler does in-process. */
  queue: string | null;
  everyMs: number | null;
  pattern: string | null;
  nextRunAt: Date | null;
  lastRun: { at: Date; outcome: 'completed' | 'failed'; error: string | null } | null;
  /** False when a queue schedule is missing from Redis (until the scheduler re-registers it). */
  registered: boolean;
}

interface QueueSchedule {
  /** The BullMQ job scheduler id: stable, so every replica upserts the same one. */
  id: string;
  job: MaintenanceJobName;
  everyMs: number;
}

/**
 * The maintenance schedules. The scheduler registers them with BullMQ job
 * schedulers (idempotent by id: N replicas keep one each) and re-registers them
 * periodically, because a Redis restart without persistence loses them.
 */
@Injectable()
export class MaintenanceSchedules {
  constructor(
    private readonly producer: JobProducer,
    @Inject(MAINTENANCE_OPTIONS) private readonly options: MaintenanceOptions,
  ) {}

  private queueSchedules(): QueueSchedule[] {
    const m = this.options.maintenance;
    return [
      { id: 'maintenance:reap', job: 'maintenance.reap', everyMs: m.reaper.intervalMs },
      { id: 'maintenance:retention', job: 'maintenance.retention', everyMs: m.retention.intervalMs },
      { id: 'maintenance:usage-rollup', job: 'maintenance.usage-rollup', everyMs: m.usageRollupIntervalMs },
    ];
  }

  async register(): Promise<void> {
    for (const schedule of this.queueSchedules()) {
      await this.producer.upsertSchedule(schedule.id, schedule.job, { every: schedule.everyMs });
    }
  }

  async list(): Promise<ScheduleView[]> {
    const registered = new Map((await this.producer.schedules(QUEUE.maintenance)).map((s) => [s.key, s]));
    const finished = await this.producer.queue(QUEUE.maintenance).getJobs(['completed', 'failed'], 0, 200);
    const views: ScheduleView[] = this.queueSchedules().map((schedule) => {
      const found = registered.get(schedule.id);
      const last = finished
        .filter((job) => job.repeatJobKey === schedule.id && job.finishedOn)
        .sort((a, b) => b.finishedOn! - a.finishedOn!)[0];
      return {
        name: schedule.id,
        queue: QUEUE.maintenance,
        everyMs: found?.every ?? schedule.everyMs,
        pattern: found?.pattern ?? null,
        nextRunAt: found?.next ? new Date(found.next) : null,
        lastRun: last
          ? {
              at: new Date(last.finishedOn!),
              outcome: last.failedReason ? 'failed' : 'completed',
              error: last.failedReason ?? null,
            }
          : null,
        registered: Boolean(found),
      };
    });
    // In-process in the scheduler: the outbox sweep must work while Redis is down.
    const inProcess = (name: string, everyMs: number): ScheduleView => ({
      name,
      queue: null,
      everyMs,
      pattern: null,
      nextRunAt: null,
      lastRun: null,
      registered: true,
    });
    return [
      ...views,
      inProcess('scheduler:outbox-relay', this.options.outboxIntervalMs),
      inProcess('scheduler:queue-sampling', this.options.maintenance.queueSampleIntervalMs),
    ];
  }
}
