/** Events a webhook can subscribe to. The strings are stored on webhooks and emitted by database triggers. */
export const WEBHOOK_EVENTS = [
  'job.succeeded',
  'job.failed',
  'job.requires_action',
  'document.indexed',
  'document.failed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Where a webhook's signing secret is kept in tenant_secrets. */
export const webhookSecretName = (webhookId: string) => `webhook:${webhookId}`;
