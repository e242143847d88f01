import { loadSettings, PLATFORM_CONCERNS, schedulerProbeConfig } from '@copilot/config';

export const loadSchedulerSettings = () =>
  loadSettings('scheduler', [...PLATFORM_CONCERNS, schedulerProbeConfig] as const);
export type SchedulerSettings = ReturnType<typeof loadSchedulerSettings>;
