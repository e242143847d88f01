import {
  coreConfig,
  databaseConfig,
  loadSettings,
  outboxConfig,
  redisConfig,
  schedulerProbeConfig,
  streamConfig,
} from '@copilot/config';

export const loadSchedulerSettings = () =>
  loadSettings('scheduler', [coreConfig, schedulerProbeConfig, databaseConfig, redisConfig, streamConfig, outboxConfig] as const);
export type SchedulerSettings = ReturnType<typeof loadSchedulerSettings>;
