import {
  chatConfig,
  encryptionConfig,
  knowledgeConfig,
  llmConfig,
  loadSettings,
  PLATFORM_CONCERNS,
  webhooksConfig,
  workerConfig,
  workerProbeConfig,
} from '@copilot/config';

export const loadWorkerSettings = () =>
  loadSettings('worker', [
    ...PLATFORM_CONCERNS,
    workerProbeConfig,
    chatConfig,
    workerConfig,
    llmConfig,
    encryptionConfig,
    knowledgeConfig,
    webhooksConfig,
  ] as const);
export type WorkerSettings = ReturnType<typeof loadWorkerSettings>;
