import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@copilot/auth';
import { type PlatformSettings, secretValuesOf, SettingsModule } from '@copilot/config';
import { ObservabilityModule, READINESS_CHECKS } from '@copilot/observability';
import { PersistenceModule, PrismaService } from '@copilot/persistence';
import { QueuesModule } from '@copilot/queues';
import { RedisHealth, RedisModule } from '@copilot/redis';

/**
 * What every app of the platform boots with: its settings, logs/metrics/probes
 * (ready once Postgres and Redis answer), the database, Redis, the queues and the audit trail.
 */
@Module({})
export class PlatformModule {
  static forRoot(service: string, settings: PlatformSettings): DynamicModule {
    const { core } = settings;
    return {
      module: PlatformModule,
      imports: [
        SettingsModule.forRoot(settings),
        ObservabilityModule.forRoot({
          logging: {
            service,
            version: core.version,
            level: core.logLevel,
            format: core.logFormat,
            redactValues: secretValuesOf(settings),
          },
          build: { service, version: core.version, gitSha: core.gitSha, buildDate: core.buildDate },
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
        RedisModule.forRoot(settings.redis),
        QueuesModule.forRoot({
          stream: settings.stream,
          outbox: settings.outbox,
          heartbeat: { intervalMs: settings.maintenance.heartbeatIntervalMs },
        }),
        AuditModule,
      ],
    };
  }
}
