import { apiHttpConfig, chatConfig, loadSettings, PLATFORM_CONCERNS } from '@copilot/config';

export const loadApiSettings = () => loadSettings('api', [...PLATFORM_CONCERNS, apiHttpConfig, chatConfig] as const);
export type ApiSettings = ReturnType<typeof loadApiSettings>;
