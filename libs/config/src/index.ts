export * from './lib/define-settings';
export * from './lib/load-settings';
export * from './lib/settings.module';
export * from './concerns/core.config';
export * from './concerns/database.config';
export * from './concerns/redis.config';
export * from './concerns/http.config';
export * from './concerns/jobs.config';
export * from './concerns/auth.config';
export * from './concerns/llm.config';
export * from './concerns/knowledge.config';
export * from './concerns/telemetry.config';
export * from './concerns/webhooks.config';
export * from './concerns/maintenance.config';

import type { SettingsOf } from './lib/define-settings';
import { coreConfig } from './concerns/core.config';
import { adminDatabaseConfig, databaseConfig } from './concerns/database.config';
import { apiHttpConfig, schedulerProbeConfig, workerProbeConfig } from './concerns/http.config';
import { chatConfig, outboxConfig, schedulerConfig, streamConfig, workerConfig } from './concerns/jobs.config';
import { redisConfig } from './concerns/redis.config';
import { edgeConfig, encryptionConfig, jwtConfig } from './concerns/auth.config';
import { llmConfig } from './concerns/llm.config';
import { knowledgeConfig } from './concerns/knowledge.config';
import { telemetryConfig } from './concerns/telemetry.config';
import { webhooksConfig } from './concerns/webhooks.config';
import { maintenanceConfig } from './concerns/maintenance.config';

/** Every concern any app reads: what .env.example must document. */
export const ALL_CONCERNS = [
  coreConfig,
  apiHttpConfig,
  workerProbeConfig,
  schedulerProbeConfig,
  databaseConfig,
  adminDatabaseConfig,
  redisConfig,
  streamConfig,
  outboxConfig,
  workerConfig,
  schedulerConfig,
  chatConfig,
  jwtConfig,
  edgeConfig,
  encryptionConfig,
  llmConfig,
  knowledgeConfig,
  telemetryConfig,
  webhooksConfig,
  maintenanceConfig,
] as const;

/** The concerns every long-running app reads (PlatformModule's input). */
export const PLATFORM_CONCERNS = [
  coreConfig,
  databaseConfig,
  redisConfig,
  streamConfig,
  outboxConfig,
  telemetryConfig,
  maintenanceConfig,
] as const;
export type PlatformSettings = SettingsOf<typeof PLATFORM_CONCERNS>;
