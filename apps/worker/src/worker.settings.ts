import {
  chatConfig,
  encryptionConfig,
  llmConfig,
  loadSettings,
  PLATFORM_CONCERNS,
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
  ] as const);
export type WorkerSettings = ReturnType<typeof loadWorkerSettings>;
