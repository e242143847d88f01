import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@copilot/platform';
import { OutboxRelaySchedule, outboxBacklogMetric } from './outbox-relay.schedule';
import type { SchedulerSettings } from './scheduler.settings';

@Module({})
export class SchedulerModule {
  static forRoot(settings: SchedulerSettings): DynamicModule {
    return {
      module: SchedulerModule,
      imports: [PlatformModule.forRoot('scheduler', settings)],
      providers: [OutboxRelaySchedule, outboxBacklogMetric],
    };
  }
}
