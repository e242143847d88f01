import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SETTINGS } from '@copilot/config';
import { QueueSampler } from '@copilot/maintenance';
import { InjectMetric, makeGaugeProvider } from '@willsoto/nestjs-prometheus';
import type { Gauge } from 'prom-client';
import { RepeatingTask } from './repeating-task';
import type { SchedulerSettings } from './scheduler.settings';

// The worker exposes queue_jobs too, read at scrape time; the scheduler's copy keeps
// the numbers available when no worker is up (scale from zero by queue depth).
export const queueSampleMetrics = [
  makeGaugeProvider({
    name: 'queue_jobs',
    help: 'Jobs in each queue by state (sampled by the scheduler every QUEUE_SAMPLE_INTERVAL_MS)',
    labelNames: ['queue', 'state'],
  }),
  makeGaugeProvider({
    name: 'queue_oldest_waiting_seconds',
    help: 'Age of the oldest job waiting in each queue (0 when none waits)',
    labelNames: ['queue'],
  }),
];

/** Samples every queue's depth and oldest waiting age into gauges on /metrics. */
@Injectable()
export class QueueSamplingSchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: RepeatingTask;

  constructor(
    private readonly sampler: QueueSampler,
    @Inject(SETTINGS) settings: SchedulerSettings,
    @InjectMetric('queue_jobs') private readonly depth: Gauge<string>,
    @InjectMetric('queue_oldest_waiting_seconds') private readonly oldest: Gauge<string>,
  ) {
    this.task = new RepeatingTask('queue sampling', settings.maintenance.queueSampleIntervalMs, () =>
      this.sampleOnce(),
    );
  }

  async sampleOnce(): Promise<void> {
    for (const sample of await this.sampler.sample()) {
      for (const [state, count] of Object.entries(sample.counts)) this.depth.set({ queue: sample.queue, state }, count);
      this.oldest.set({ queue: sample.queue }, sample.oldestWaitingSeconds);
    }
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
