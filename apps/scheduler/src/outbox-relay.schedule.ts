import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SETTINGS } from '@copilot/config';
import { OutboxRelay } from '@copilot/queues';
import { InjectMetric, makeGaugeProvider } from '@willsoto/nestjs-prometheus';
import type { Gauge } from 'prom-client';
import type { SchedulerSettings } from './scheduler.settings';

export const outboxBacklogMetric = makeGaugeProvider({
  name: 'outbox_backlog',
  help: 'Jobs accepted but not yet handed to a queue',
});

/** Runs the outbox relay every interval; one pass at a time, so a slow pass never overlaps the next. */
@Injectable()
export class OutboxRelaySchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelaySchedule.name);
  private timer?: NodeJS.Timeout;
  private current?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly relay: OutboxRelay,
    @Inject(SETTINGS) private readonly settings: SchedulerSettings,
    @InjectMetric('outbox_backlog') private readonly backlog: Gauge<string>,
  ) {}

  onApplicationBootstrap(): void {
    // Counted at scrape time (one indexed count), not on every relay pass.
    (this.backlog as unknown as { collect?: () => Promise<void> }).collect = async () => {
      this.backlog.set(await this.relay.backlog());
    };
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.relay
        .relayOnce()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error({ err: error }, 'outbox relay pass failed'))
        .finally(() => this.schedule(this.settings.outbox.intervalMs));
    }, delayMs);
  }
}
