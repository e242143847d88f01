import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule } from '@copilot/auth';
import { SettingsModule } from '@copilot/config';
import { ConversationsModule } from '@copilot/conversations';
import { ProblemDetailsFilter } from '@copilot/http';
import { ObservabilityModule, READINESS_CHECKS } from '@copilot/observability';
import { PersistenceModule, PrismaService } from '@copilot/persistence';
import { QueuesModule, RedisHealth } from '@copilot/queues';
import type { ApiSettings } from './api.settings';
import { ConversationsController } from './conversations/conversations.controller';
import { MessagesController } from './conversations/messages.controller';
import { JobEventsController } from './jobs/job-events.controller';
import { JobsController } from './jobs/jobs.controller';

@Module({})
export class AppModule {
  static forRoot(settings: ApiSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SettingsModule.forRoot(settings),
        ObservabilityModule.forRoot({
          logging: { service: 'api', version: settings.core.version, level: settings.core.logLevel, format: settings.core.logFormat },
          build: { service: 'api', version: settings.core.version, gitSha: settings.core.gitSha, buildDate: settings.core.buildDate },
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
        AuthModule,
        ConversationsModule.forRoot(settings.chat),
      ],
      controllers: [ConversationsController, MessagesController, JobsController, JobEventsController],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
