import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule } from '@copilot/auth';
import { ConversationsModule } from '@copilot/conversations';
import { LlmModule } from '@copilot/llm';
import { MaintenanceModule } from '@copilot/maintenance';
import { PlatformModule } from '@copilot/platform';
import { RetrievalModule } from '@copilot/retrieval';
import { SecretsModule } from '@copilot/secrets';
import { EgressModule } from '@copilot/egress';
import { WebhooksModule } from '@copilot/webhooks';
import { AdminJobsController } from './admin/admin-jobs.controller';
import { ApiErrorFilter } from './api-error.filter';
import { AdminSchedulesController } from './admin/admin-schedules.controller';
import { ApiKeysController } from './api-keys/api-keys.controller';
import type { ApiSettings } from './api.settings';
import { AuditEventsController } from './audit/audit-events.controller';
import { CopilotsController } from './copilots/copilots.controller';
import { CollectionsController } from './knowledge/collections.controller';
import { DocumentsController } from './knowledge/documents.controller';
import { SearchController } from './knowledge/search.controller';
import { ProviderKeysController } from './provider-keys/provider-keys.controller';
import { UsageController } from './usage/usage.controller';
import { ConversationsController } from './conversations/conversations.controller';
import { MessagesController } from './conversations/messages.controller';
import { JobEventStreamer } from './jobs/job-event-streamer';
import { StreamSlots } from './streams/stream-slots';
import { JobEventsController } from './jobs/job-events.controller';
import { JobsController } from './jobs/jobs.controller';
import { OPENAI_COMPAT_CONTROLLERS, OPENAI_COMPAT_PROVIDERS } from './openai-compat';
import { WebhooksController } from './webhooks/webhooks.controller';

@Module({})
export class AppModule {
  static forRoot(settings: ApiSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot('api', settings),
        AuthModule.forRoot({ jwt: settings.jwt, rateLimit: settings.edge.rateLimit }),
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
        }),
        WebhooksModule.forRoot(settings.webhooks),
        MaintenanceModule.forRoot({ maintenance: settings.maintenance, outboxIntervalMs: settings.outbox.intervalMs }),
      ],
      controllers: [
        AdminJobsController,
        AdminSchedulesController,
        ApiKeysController,
        AuditEventsController,
        CollectionsController,
        DocumentsController,
        SearchController,
        CopilotsController,
        ProviderKeysController,
        UsageController,
        ConversationsController,
        MessagesController,
        JobsController,
        JobEventsController,
        WebhooksController,
        ...OPENAI_COMPAT_CONTROLLERS,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ApiErrorFilter },
        JobEventStreamer,
        StreamSlots,
        ...OPENAI_COMPAT_PROVIDERS,
      ],
    };
  }
}
