import { type DynamicModule, Module } from '@nestjs/common';
import { ApiKeyUsage } from '@copilot/auth';
import { PlatformModule } from '@copilot/platform';
import { ApiKeyUsageSchedule } from './api-key-usage.schedule';
import { OutboxRelaySchedule, outboxBacklogMetric } from './outbox-relay.schedule';
import type { SchedulerSettings } from './scheduler.settings';

@Module({})
export class SchedulerModule {
  static forRoot(settings: SchedulerSettings): DynamicModule {
    return {
      module: SchedulerModule,
      imports: [PlatformModule.forRoot('scheduler', settings)],
      providers: [OutboxRelaySchedule, outboxBacklogMetric, ApiKeyUsage, ApiKeyUsageSchedule],
    };
  }
}
