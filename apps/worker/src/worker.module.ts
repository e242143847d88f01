import { type DynamicModule, Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { SETTINGS } from '@copilot/config';
import { ConversationsModule, GroundingService, ReplyGenerationService } from '@copilot/conversations';
import { llmMetricProviders, LlmMetrics, LlmModule } from '@copilot/llm';
import { MaintenanceModule } from '@copilot/maintenance';
import { DocumentIngestService, RetrievalModule } from '@copilot/retrieval';
import { SecretsModule } from '@copilot/secrets';
import { EgressModule } from '@copilot/egress';
import { WebhookDeliveryService, webhookRetryDelayMs, WebhooksModule } from '@copilot/webhooks';
import { resilientGeneratorProviders } from './resilient-generator.provider';
import { ReadinessRegistry } from '@copilot/observability';
import { PlatformModule } from '@copilot/platform';
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
        SecretsModule.forRoot(settings.encryption),
        EgressModule.forRoot(settings.egress),
        LlmModule.forRoot({
          providers: settings.llm.providers,
          timeoutMs: settings.llm.timeoutMs,
          breaker: settings.llm.breaker,
        }),
        ConversationsModule.forRoot(settings.chat),
        RetrievalModule.forRoot({
          ...settings.knowledge,
          timeoutMs: settings.llm.timeoutMs,
          maxRetries: settings.llm.maxRetries,
          // One ingest thread per document the worker ingests at once.
          parseThreads: settings.worker.ingestConcurrency,
        }),
        WebhooksModule.forRoot(settings.webhooks),
        MaintenanceModule.forRoot({ maintenance: settings.maintenance, outboxIntervalMs: settings.outbox.intervalMs }),
      ],
      providers: [
        QueueWorkerHost,
        ...queueMetricProviders,
        ...llmMetricProviders,
        LlmMetrics,
        ...resilientGeneratorProviders,
        GroundingService,
        ReplyGenerationService,
        MaintenanceProcessor,
      ],
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
