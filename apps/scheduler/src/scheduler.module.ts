import { type DynamicModule, Module } from '@nestjs/common';
import { ApiKeyUsage } from '@copilot/auth';
import { MaintenanceModule } from '@copilot/maintenance';
import { PlatformModule } from '@copilot/platform';
import { ApiKeyUsageSchedule } from './api-key-usage.schedule';
import { MaintenanceSchedule } from './maintenance.schedule';
import { OutboxRelaySchedule, outboxBacklogMetric } from './outbox-relay.schedule';
import { QueueSamplingSchedule, queueSampleMetrics } from './queue-sampling.schedule';
import type { SchedulerSettings } from './scheduler.settings';

@Module({})
export class SchedulerModule {
  static forRoot(settings: SchedulerSettings): DynamicModule {
    return {
      module: SchedulerModule,
      imports: [
        PlatformModule.forRoot('scheduler', settings),
        MaintenanceModule.forRoot({ maintenance: settings.maintenance, outboxIntervalMs: settings.outbox.intervalMs }),
      ],
      providers: [
        OutboxRelaySchedule,
        outboxBacklogMetric,
        ApiKeyUsage,
        ApiKeyUsageSchedule,
        MaintenanceSchedule,
        QueueSamplingSchedule,
        ...queueSampleMetrics,
      ],
    };
  }
}
