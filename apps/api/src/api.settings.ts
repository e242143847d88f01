import {
  apiHttpConfig,
  chatConfig,
  edgeConfig,
  encryptionConfig,
  jwtConfig,
  knowledgeConfig,
  llmConfig,
  loadSettings,
  PLATFORM_CONCERNS,
  webhooksConfig,
} from '@copilot/config';

export const loadApiSettings = () =>
  loadSettings('api', [
    ...PLATFORM_CONCERNS,
    apiHttpConfig,
    chatConfig,
    jwtConfig,
    edgeConfig,
    encryptionConfig,
    llmConfig,
    knowledgeConfig,
    webhooksConfig,
  ] as const);
export type ApiSettings = ReturnType<typeof loadApiSettings>;
