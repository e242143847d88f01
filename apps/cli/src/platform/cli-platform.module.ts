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
import { PersistenceModule } from '@copilot/persistence';
import { productModules } from '@copilot/platform';
import { QueuesModule } from '@copilot/queues';
import { RedisModule } from '@copilot/redis';

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
        ...productModules(settings),
      ],
    };
  }
}
