import { type DynamicModule, Module } from '@nestjs/common';
import { SettingsModule } from '@copilot/config';
import { ObservabilityModule, READINESS_CHECKS } from '@copilot/observability';
import { PersistenceModule, PrismaService } from '@copilot/persistence';
import { QueuesModule, RedisHealth } from '@copilot/queues';
import { OutboxRelaySchedule, outboxBacklogMetric } from './outbox-relay.schedule';
import type { SchedulerSettings } from './scheduler.settings';

@Module({})
export class SchedulerModule {
  static forRoot(settings: SchedulerSettings): DynamicModule {
    return {
      module: SchedulerModule,
      imports: [
        SettingsModule.forRoot(settings),
        ObservabilityModule.forRoot({
          logging: { service: 'scheduler', version: settings.core.version, level: settings.core.logLevel, format: settings.core.logFormat },
          build: { service: 'scheduler', version: settings.core.version, gitSha: settings.core.gitSha, buildDate: settings.core.buildDate },
          readiness: {
            provide: READINESS_CHECKS,
            useFactory: (prisma: PrismaService, redis: RedisHealth) => [
              { name: 'database', ping: () => prisma.ping() },
              { name: 'redis', ping: () => redis.ping() },
            ],
            inject: [PrismaService, RedisHealth],
          },
        }),
        PersistenceModule.forRoot(settings.database),
        QueuesModule.forRoot({ redis: settings.redis, stream: settings.stream, outbox: settings.outbox }),
      ],
      providers: [OutboxRelaySchedule, outboxBacklogMetric],
    };
  }
}
