import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SETTINGS } from '@copilot/config';
import { OutboxRelay } from '@copilot/queues';
import { InjectMetric, makeGaugeProvider } from '@willsoto/nestjs-prometheus';
import type { Gauge } from 'prom-client';
import { RepeatingTask } from './repeating-task';
import type { SchedulerSettings } from './scheduler.settings';

export const outboxBacklogMetric = makeGaugeProvider({
  name: 'outbox_backlog',
  help: 'Jobs accepted but not yet handed to a queue',
});

/** Runs the outbox relay every OUTBOX_RELAY_INTERVAL_MS. */
@Injectable()
export class OutboxRelaySchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: RepeatingTask;

  constructor(
    private readonly relay: OutboxRelay,
    @Inject(SETTINGS) settings: SchedulerSettings,
    @InjectMetric('outbox_backlog') private readonly backlog: Gauge<string>,
  ) {
    this.task = new RepeatingTask('outbox relay', settings.outbox.intervalMs, () => this.relay.relayOnce());
  }

  onApplicationBootstrap(): void {
    // Counted at scrape time (one indexed count), not on every relay pass.
    (this.backlog as unknown as { collect?: () => Promise<void> }).collect = async () => {
      this.backlog.set(await this.relay.backlog());
    };
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
