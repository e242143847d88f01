import {
  chatConfig,
  coreConfig,
  databaseConfig,
  loadSettings,
  outboxConfig,
  redisConfig,
  streamConfig,
  workerConfig,
  workerProbeConfig,
} from '@copilot/config';

export const loadWorkerSettings = () =>
  loadSettings('worker', [
    coreConfig,
    workerProbeConfig,
    databaseConfig,
    redisConfig,
    streamConfig,
    outboxConfig,
    chatConfig,
    workerConfig,
  ] as const);
export type WorkerSettings = ReturnType<typeof loadWorkerSettings>;
