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
  ] as const);
export type ApiSettings = ReturnType<typeof loadApiSettings>;
