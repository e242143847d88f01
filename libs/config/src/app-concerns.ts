import type { SettingsConcern, SettingsOf } from './lib/define-settings';
import type { AppName } from './lib/load-settings';
import { coreConfig } from './concerns/core.config';
import { adminDatabaseConfig, databaseConfig } from './concerns/database.config';
import { apiConnectionsConfig, apiHttpConfig, schedulerProbeConfig, workerProbeConfig } from './concerns/http.config';
import { chatConfig, outboxConfig, schedulerConfig, streamConfig, workerConfig } from './concerns/jobs.config';
import { redisConfig } from './concerns/redis.config';
import { edgeConfig } from './concerns/edge.config';
import { encryptionConfig } from './concerns/encryption.config';
import { jwtConfig } from './concerns/jwt.config';
import { llmConfig } from './concerns/llm.config';
import { knowledgeConfig } from './concerns/knowledge.config';
import { telemetryConfig } from './concerns/telemetry.config';
import { webhooksConfig } from './concerns/webhooks.config';
import { egressConfig } from './concerns/egress.config';
import { maintenanceConfig } from './concerns/maintenance.config';

// What each app reads, in one place: the apps load exactly these lists, and the
// configuration reference (docs/configuration.md) says which app reads what from them.

/** Every concern any app reads: what .env.example must document. */
export const ALL_CONCERNS = [
  coreConfig,
  apiHttpConfig,
  apiConnectionsConfig,
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
  egressConfig,
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

/** What the product's modules read (libs/platform productModules): secrets, egress, models, chats, knowledge. */
export const PRODUCT_CONCERNS = [encryptionConfig, egressConfig, llmConfig, chatConfig, knowledgeConfig] as const;
export type ProductSettings = SettingsOf<typeof PRODUCT_CONCERNS>;

export const API_CONCERNS = [
  ...PLATFORM_CONCERNS,
  apiHttpConfig,
  apiConnectionsConfig,
  chatConfig,
  jwtConfig,
  edgeConfig,
  encryptionConfig,
  llmConfig,
  knowledgeConfig,
  webhooksConfig,
  egressConfig,
] as const;

export const WORKER_CONCERNS = [
  ...PLATFORM_CONCERNS,
  workerProbeConfig,
  chatConfig,
  workerConfig,
  llmConfig,
  encryptionConfig,
  knowledgeConfig,
  webhooksConfig,
  egressConfig,
] as const;

export const SCHEDULER_CONCERNS = [...PLATFORM_CONCERNS, schedulerProbeConfig, schedulerConfig] as const;

/**
 * The admin CLI loads only what a command needs: the owner's database URL for
 * every command, JWT settings for token:mint, encryption keys for secrets:reencrypt.
 */
export const CLI_CONCERNS = [adminDatabaseConfig, jwtConfig, encryptionConfig] as const;

export const APP_CONCERNS: Record<AppName, readonly SettingsConcern[]> = {
  api: API_CONCERNS,
  worker: WORKER_CONCERNS,
  scheduler: SCHEDULER_CONCERNS,
  cli: CLI_CONCERNS,
};
