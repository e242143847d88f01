import { type DynamicModule, Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { SETTINGS } from '@copilot/config';
import { ConversationsModule } from '@copilot/conversations';
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
      imports: [PlatformModule.forRoot('worker', settings), ConversationsModule.forRoot(settings.chat)],
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
