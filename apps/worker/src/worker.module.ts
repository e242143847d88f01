import { type DynamicModule, Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { SETTINGS } from '@copilot/config';
import { ConversationsModule, ReplyGenerationService } from '@copilot/conversations';
import { llmMetricProviders, LlmMetrics, LlmModule } from '@copilot/llm';
import { SecretsModule } from '@copilot/secrets';
import { resilientGeneratorProviders } from './resilient-generator.provider';
import { PlatformModule } from '@copilot/platform';
import { QUEUE, queueMetricProviders, QueueWorkerHost } from '@copilot/queues';
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
        PlatformModule.forRoot('worker', settings),
        SecretsModule.forRoot(settings.encryption),
        LlmModule.forRoot({ providers: settings.llm.providers, timeoutMs: settings.llm.timeoutMs }),
        ConversationsModule.forRoot(settings.chat),
      ],
      providers: [
        QueueWorkerHost,
        ...queueMetricProviders,
        ...llmMetricProviders,
        LlmMetrics,
        ...resilientGeneratorProviders,
        ReplyGenerationService,
        ChatGenerateProcessor,
      ],
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
