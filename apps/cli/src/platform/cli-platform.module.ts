import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@copilot/auth';
import {
  chatConfig,
  databaseConfig,
  egressConfig,
  encryptionConfig,
  knowledgeConfig,
  llmConfig,
  loadSettings,
  maintenanceConfig,
  outboxConfig,
  redisConfig,
  streamConfig,
} from '@copilot/config';
import { ConversationsModule } from '@copilot/conversations';
import { LlmModule } from '@copilot/llm';
import { PersistenceModule } from '@copilot/persistence';
import { QueuesModule } from '@copilot/queues';
import { RedisModule } from '@copilot/redis';
import { RetrievalModule } from '@copilot/retrieval';
import { SecretsModule } from '@copilot/secrets';
import { EgressModule } from '@copilot/egress';

export const loadCliPlatformSettings = () =>
  loadSettings('cli', [
    databaseConfig,
    redisConfig,
    streamConfig,
    outboxConfig,
    maintenanceConfig,
    chatConfig,
    encryptionConfig,
    llmConfig,
    knowledgeConfig,
    egressConfig,
  ] as const);
export type CliPlatformSettings = ReturnType<typeof loadCliPlatformSettings>;

/**
 * The services the api runs for copilots, collections and documents, wired as the
 * api wires them (app role under row level security, the one job producer, the
 * audit trail), without HTTP, logs to stdout or probes.
 */
@Module({})
export class CliPlatformModule {
  static forRoot(settings: CliPlatformSettings): DynamicModule {
    return {
      module: CliPlatformModule,
      imports: [
        PersistenceModule.forRoot({ url: settings.database.url, poolSize: 2 }),
        RedisModule.forRoot(settings.redis),
        QueuesModule.forRoot({
          stream: settings.stream,
          outbox: settings.outbox,
          heartbeat: { intervalMs: settings.maintenance.heartbeatIntervalMs },
        }),
        AuditModule,
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
      ],
    };
  }
}
