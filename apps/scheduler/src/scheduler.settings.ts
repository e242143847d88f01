import { loadSettings, PLATFORM_CONCERNS, schedulerConfig, schedulerProbeConfig } from '@copilot/config';

export const loadSchedulerSettings = () =>
  loadSettings('scheduler', [...PLATFORM_CONCERNS, schedulerProbeConfig, schedulerConfig] as const);
export type SchedulerSettings = ReturnType<typeof loadSchedulerSettings>;
