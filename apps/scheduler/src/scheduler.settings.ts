import { loadSettings, SCHEDULER_CONCERNS } from '@copilot/config';

export const loadSchedulerSettings = () => loadSettings('scheduler', SCHEDULER_CONCERNS);
export type SchedulerSettings = ReturnType<typeof loadSchedulerSettings>;
