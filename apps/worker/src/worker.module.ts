import { type DynamicModule, Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { SETTINGS, SettingsModule } from '@copilot/config';
import { ConversationsModule } from '@copilot/conversations';
import { ObservabilityModule, READINESS_CHECKS } from '@copilot/observability';
import { PersistenceModule, PrismaService } from '@copilot/persistence';
import { QUEUE, queueMetricProviders, QueuesModule, QueueWorkerHost, RedisHealth } from '@copilot/queues';
import { ChatGenerateProcessor } from './chat-generate.processor';
import type { WorkerSettings } from './worker.settings';

@Module({})
export class WorkerModule implements OnApplicationBootstrap {
  constructor(
    private readonly host: QueueWorkerHost,
    private readonly chat: ChatGenerateProcessor,
    @Inject(SETTINGS) private readonly settings: WorkerSettings,
  ) {}

  static forRoot(settings: WorkerSettings): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        SettingsModule.forRoot(settings),
        ObservabilityModule.forRoot({
          logging: { service: 'worker', version: settings.core.version, level: settings.core.logLevel, format: settings.core.logFormat },
          build: { service: 'worker', version: settings.core.version, gitSha: settings.core.gitSha, buildDate: settings.core.buildDate },
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
        ConversationsModule.forRoot(settings.chat),
      ],
      providers: [QueueWorkerHost, ...queueMetricProviders, ChatGenerateProcessor],
    };
  }

  onApplicationBootstrap(): void {
    this.host.start(
      QUEUE.chat,
      { 'chat.generate': (payload, context) => this.chat.handle(payload, context) },
      this.settings.worker.chatConcurrency,
    );
  }
}
