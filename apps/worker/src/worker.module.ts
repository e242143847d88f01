import { type DynamicModule, Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { SETTINGS } from '@copilot/config';
import { ReplyGenerationService } from '@copilot/conversations';
import { DocumentIngestService } from '@copilot/retrieval';
import { WebhookDeliveryService, webhookRetryDelayMs } from '@copilot/webhooks';
import { ReadinessRegistry } from '@copilot/observability';
import { PlatformModule, productModules } from '@copilot/platform';
import { QUEUE, queueMetricProviders, QueueWorkerHost } from '@copilot/queues';
import { MaintenanceProcessor } from './maintenance.processor';
import type { WorkerSettings } from './worker.settings';

@Module({})
export class WorkerModule implements OnApplicationBootstrap {
  constructor(
    private readonly host: QueueWorkerHost,
    private readonly replies: ReplyGenerationService,
    private readonly ingest: DocumentIngestService,
    private readonly deliveries: WebhookDeliveryService,
    private readonly maintenance: MaintenanceProcessor,
    @Inject(SETTINGS) private readonly settings: WorkerSettings,
    private readonly readiness: ReadinessRegistry,
  ) {}

  static forRoot(settings: WorkerSettings): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot('worker', settings),
        ...productModules(settings, {
          generateReplies: true,
          // One ingest thread per document the worker ingests at once.
          parseThreads: settings.worker.ingestConcurrency,
          webhooks: settings.webhooks,
          maintenance: { maintenance: settings.maintenance, outboxIntervalMs: settings.outbox.intervalMs },
        }),
      ],
      providers: [QueueWorkerHost, ...queueMetricProviders, MaintenanceProcessor],
    };
  }

  onApplicationBootstrap(): void {
    this.host.start(
      QUEUE.chat,
      { 'chat.generate': this.replies },
      { ...this.locks(), concurrency: this.settings.worker.chatConcurrency },
    );
    this.host.start(
      QUEUE.ingest,
      { 'document.ingest': this.ingest },
      { ...this.locks(), concurrency: this.settings.worker.ingestConcurrency },
    );
    this.host.start(
      QUEUE.webhook,
      { 'webhook.deliver': this.deliveries },
      {
        ...this.locks(),
        concurrency: this.settings.webhooks.concurrency,
        // The queue's policy names WEBHOOK_BACKOFF; the schedule's base is a setting.
        backoffDelayMs: (failedAttempts) => webhookRetryDelayMs(this.settings.webhooks.retryDelayMs, failedAttempts),
      },
    );
    this.host.start(QUEUE.maintenance, this.maintenance.handlers(), {
      ...this.locks(),
      concurrency: this.settings.maintenance.concurrency,
    });
    this.readiness.add({ name: 'queue-consumers', ping: () => this.host.ping() });
  }

  private locks() {
    return { lockDurationMs: this.settings.worker.lockDurationMs };
  }
}
