import { API_CONCERNS, loadSettings } from '@copilot/config';

export const loadApiSettings = () => loadSettings('api', API_CONCERNS);
export type ApiSettings = ReturnType<typeof loadApiSettings>;
