import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ApiKeyUsage } from '@copilot/auth';
import { SETTINGS } from '@copilot/config';
import { RepeatingTask } from './repeating-task';
import type { SchedulerSettings } from './scheduler.settings';

/** Moves API keys' last-used times from Redis into Postgres every LAST_USED_FLUSH_INTERVAL_MS. */
@Injectable()
export class ApiKeyUsageSchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: RepeatingTask;

  constructor(usage: ApiKeyUsage, @Inject(SETTINGS) settings: SchedulerSettings) {
    this.task = new RepeatingTask('api key usage flush', settings.scheduler.lastUsedFlushIntervalMs, () =>
      usage.flush(),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
