import { apiHttpConfig, chatConfig, edgeConfig, jwtConfig, loadSettings, PLATFORM_CONCERNS } from '@copilot/config';

export const loadApiSettings = () =>
  loadSettings('api', [...PLATFORM_CONCERNS, apiHttpConfig, chatConfig, jwtConfig, edgeConfig] as const);
export type ApiSettings = ReturnType<typeof loadApiSettings>;
