import { loadSettings, WORKER_CONCERNS } from '@copilot/config';

export const loadWorkerSettings = () => loadSettings('worker', WORKER_CONCERNS);
export type WorkerSettings = ReturnType<typeof loadWorkerSettings>;
