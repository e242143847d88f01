import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule } from '@copilot/auth';
import { PlatformModule, productModules } from '@copilot/platform';
import { AdminJobsController } from './admin/admin-jobs.controller';
import { ApiErrorFilter } from './api-error.filter';
import { AdminSchedulesController } from './admin/admin-schedules.controller';
import { ApiKeysController } from './api-keys/api-keys.controller';
import type { ApiSettings } from './api.settings';
import { AuditEventsController } from './audit/audit-events.controller';
import { CopilotsController } from './copilots/copilots.controller';
import { ToolsController } from './tools/tools.controller';
import { McpServersController } from './mcp-servers/mcp-servers.controller';
import { AgentRunsController } from './jobs/agent-runs.controller';
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
import { McpController } from './mcp/mcp.controller';

@Module({})
export class AppModule {
  static forRoot(settings: ApiSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot('api', settings),
        AuthModule.forRoot({ jwt: settings.jwt, rateLimit: settings.edge.rateLimit }),
        ...productModules(settings, {
          webhooks: settings.webhooks,
          maintenance: { maintenance: settings.maintenance, outboxIntervalMs: settings.outbox.intervalMs },
        }),
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
        ToolsController,
        McpServersController,
        AgentRunsController,
        ProviderKeysController,
        UsageController,
        ConversationsController,
        MessagesController,
        JobsController,
        JobEventsController,
        WebhooksController,
        ...OPENAI_COMPAT_CONTROLLERS,
        McpController,
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
