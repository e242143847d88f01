export const WEBHOOK_OPTIONS = Symbol('WEBHOOK_OPTIONS');

export interface WebhookSettings {
  concurrency: number;
  timeoutMs: number;
  retryDelayMs: number;
}

/** Exponential: the first retry after `baseMs`, each further one twice as late. `failedAttempts` counts from 1. */
export const webhookRetryDelayMs = (baseMs: number, failedAttempts: number) =>
  baseMs * 2 ** Math.max(0, failedAttempts - 1);
