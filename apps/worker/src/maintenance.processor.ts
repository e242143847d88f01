import { Injectable } from '@nestjs/common';
import { JobReaper, RetentionPurge, UsageRollup } from '@copilot/maintenance';
import type { QueueHandlers } from '@copilot/queues';

/** The `maintenance` queue: each scheduled run calls one housekeeping service. */
@Injectable()
export class MaintenanceProcessor {
  constructor(
    private readonly reaper: JobReaper,
    private readonly retention: RetentionPurge,
    private readonly rollup: UsageRollup,
  ) {}

  handlers(): QueueHandlers<'maintenance'> {
    return {
      'maintenance.reap': () => this.reaper.reapOnce(),
      'maintenance.retention': () => this.retention.purgeOnce(),
      'maintenance.usage-rollup': () => this.rollup.rollUpOnce(),
    };
  }
}
