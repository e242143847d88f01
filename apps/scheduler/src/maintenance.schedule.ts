import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SETTINGS } from '@copilot/config';
import { MaintenanceSchedules } from '@copilot/maintenance';
import { RepeatingTask } from './repeating-task';
import type { SchedulerSettings } from './scheduler.settings';

/**
 * Registers the maintenance job schedulers at boot and again every
 * SCHEDULE_REFRESH_INTERVAL_MS: idempotent by id (N replicas are safe), and it
 * restores schedules a Redis restart lost.
 */
@Injectable()
export class MaintenanceSchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: RepeatingTask;

  constructor(schedules: MaintenanceSchedules, @Inject(SETTINGS) settings: SchedulerSettings) {
    this.task = new RepeatingTask('maintenance schedules', settings.maintenance.scheduleRefreshIntervalMs, () =>
      schedules.register(),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
