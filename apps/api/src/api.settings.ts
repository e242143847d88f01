import {
  apiHttpConfig,
  chatConfig,
  coreConfig,
  databaseConfig,
  loadSettings,
  outboxConfig,
  redisConfig,
  streamConfig,
} from '@copilot/config';

export const API_CONCERNS = [coreConfig, apiHttpConfig, databaseConfig, redisConfig, streamConfig, outboxConfig, chatConfig] as const;

export const loadApiSettings = () => loadSettings('api', API_CONCERNS);
export type ApiSettings = ReturnType<typeof loadApiSettings>;
