import type { DynamicModule } from '@nestjs/common';
import type { ProductSettings } from '@copilot/config';
import { ConversationsModule } from '@copilot/conversations';
import { EgressModule } from '@copilot/egress';
import { LlmModule } from '@copilot/llm';
import { MaintenanceModule, type MaintenanceOptions } from '@copilot/maintenance';
import { RetrievalModule } from '@copilot/retrieval';
import { ProviderKeys, SecretsModule } from '@copilot/secrets';
import { ToolsModule } from '@copilot/tools';
import { type WebhookSettings, WebhooksModule } from '@copilot/webhooks';

/** What a process does with the product, beyond serving it: the parts only some processes run. */
export interface ProductRole {
  /** Runs `chat.generate` (the worker): the reply definition, grounding and the resilient generator. */
  generateReplies?: boolean;
  /** Ingest threads (the worker's INGEST_CONCURRENCY); processes that never ingest hold none. */
  parseThreads?: number;
  /** Webhook CRUD and deliveries (api, worker). */
  webhooks?: WebhookSettings;
  /** Housekeeping services: the reaper, retention, rollups, admin job listings (api, worker). */
  maintenance?: MaintenanceOptions;
}

/**
 * The product's domain modules, wired once for every process (api, worker, CLI):
 * each module builds its own services from the options it is given here.
 */
export function productModules(settings: ProductSettings, role: ProductRole = {}): DynamicModule[] {
  const { llm } = settings;
  return [
    SecretsModule.forRoot(settings.encryption, llm.providers),
    EgressModule.forRoot(settings.egress),
    LlmModule.forRoot({ keys: ProviderKeys, timeoutMs: llm.timeoutMs, breaker: llm.breaker }),
    ConversationsModule.forRoot(settings.chat, {
      ...(role.generateReplies ? { generation: { maxRetries: llm.maxRetries, timeoutMs: llm.timeoutMs } } : {}),
    }),
    RetrievalModule.forRoot({
      ...settings.knowledge,
      timeoutMs: llm.timeoutMs,
      maxRetries: llm.maxRetries,
      ...(role.parseThreads ? { parseThreads: role.parseThreads } : {}),
    }),
    { module: ToolsModule },
    ...(role.webhooks ? [WebhooksModule.forRoot(role.webhooks)] : []),
    ...(role.maintenance ? [MaintenanceModule.forRoot(role.maintenance)] : []),
  ];
}
