import { EGRESS_RULES, type EgressRules } from '@copilot/egress';
import { Inject, Injectable } from '@nestjs/common';
import {
  type DeliveryAttempt,
  type Prisma,
  TenantTransactions,
  type Tx,
  type Webhook,
  type WebhookDelivery,
  WebhookDeliveryRepository,
  WebhookRepository,
} from '@copilot/persistence';
import { failed, type JobDefinition, type JobOf, type JobRun, type OutcomeOf, succeeded } from '@copilot/queues';
import { TenantSecrets } from '@copilot/secrets';
import { webhookSecretName } from './webhook-events';
import { WEBHOOK_OPTIONS, type WebhookSettings, webhookRetryDelayMs } from './webhook-options';
import { sendWebhook } from './webhook-sender';
import { signWebhook } from './webhook-signature';

type Payload = JobOf<'webhook.deliver'>;

/** The attempt failed and another one is scheduled: thrown so the queue retries with backoff. */
export class WebhookAttemptFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookAttemptFailed';
  }
}

type Claimed =
  { delivery: WebhookDelivery; webhook: Webhook; secret: string } | { skip: 'webhook_deleted' | 'webhook_disabled' };
/** What the ending's transaction writes besides the job: the attempt on the delivery log, and a 410's disabling. */
interface LastAttempt {
  attempt: DeliveryAttempt;
  disableWebhookId?: string;
}
type Outcome = OutcomeOf<'webhook.deliver', LastAttempt>;

const USER_AGENT = 'CopilotPlatform-Webhooks/1.0';

/**
 * webhook.deliver: signs the event (Standard Webhooks headers), POSTs it, and
 * records the attempt on the delivery log row. A 2xx ends it `succeeded`; any other
 * answer or no answer is retried by the queue until the last attempt, which ends
 * it `failed`. 410 Gone disables the webhook: the receiver said it is gone for good.
 */
@Injectable()
export class WebhookDeliveryService implements JobDefinition<'webhook.deliver', Claimed, LastAttempt> {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly webhooks: WebhookRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly secrets: TenantSecrets,
    @Inject(WEBHOOK_OPTIONS) private readonly settings: WebhookSettings,
    @Inject(EGRESS_RULES) private readonly rules: EgressRules,
  ) {}

  async claim(tx: Tx, { payload }: { payload: Payload }): Promise<Claimed> {
    const delivery = await this.deliveries.findById(tx, payload.deliveryId);
    const webhook = delivery ? await this.webhooks.findById(tx, delivery.webhookId) : null;
    if (!delivery || !webhook) return { skip: 'webhook_deleted' };
    if (!webhook.enabled) return { skip: 'webhook_disabled' };
    const secret = await this.secrets.get(tx, payload.tenantId, webhookSecretName(webhook.id));
    return { delivery, webhook, secret: secret! };
  }

  async run(
    claimed: Claimed,
    { payload, delivery: number, isLastAttempt }: JobRun<'webhook.deliver'>,
  ): Promise<Outcome> {
    if ('skip' in claimed) {
      if (claimed.skip === 'webhook_deleted')
        return failed({ reason: 'webhook_deleted', message: 'the webhook was deleted' });
      const message = 'the webhook is disabled';
      return {
        ...failed({ reason: 'webhook_disabled', message }),
        local: { attempt: attemptOf('failed', null, message, 0) },
      };
    }
    const { delivery, webhook, secret } = claimed;
    const body = JSON.stringify(orderedEvent(delivery.payload as Prisma.JsonObject));
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await sendWebhook(
      {
        url: webhook.url,
        body,
        timeoutMs: this.settings.timeoutMs,
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          'webhook-id': delivery.eventId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(secret, delivery.eventId, timestamp, body),
        },
      },
      this.rules,
    );

    const ok = response.status !== null && response.status >= 200 && response.status <= 299;
    const gone = response.status === 410;
    const final = ok || gone || isLastAttempt;
    const status = ok ? 'succeeded' : final ? 'failed' : 'pending';
    // When the queue will retry: the same schedule as the consumer's backoff strategy.
    const nextAttemptAt = final ? null : new Date(Date.now() + webhookRetryDelayMs(this.settings.retryDelayMs, number));
    const attempt = { ...attemptOf(status, response.status, response.error, response.durationMs), nextAttemptAt };
    if (!final) {
      await this.transactions.run(payload.tenantId, (tx) =>
        this.deliveries.recordAttempt(tx, payload.deliveryId, attempt),
      );
      throw new WebhookAttemptFailed(`delivery ${payload.deliveryId} attempt ${number}: ${response.error}`);
    }
    if (ok)
      return { ...succeeded({ deliveryId: payload.deliveryId, responseStatus: response.status }), local: { attempt } };
    const reason = gone ? 'gone' : 'attempts_exhausted';
    return {
      ...failed({ reason, message: response.error ?? reason }),
      local: { attempt, ...(gone ? { disableWebhookId: webhook.id } : {}) },
    };
  }

  /**
   * In the ending's transaction: the last attempt on the delivery log (or, for an
   * ending of the lifecycle's own, such as the reaper giving up, the log marked failed).
   */
  async record(tx: Tx, payload: Payload, outcome: Outcome): Promise<void> {
    if (outcome.status !== 'succeeded' && outcome.status !== 'failed') return;
    if (outcome.status === 'failed' && outcome.failure.reason === 'webhook_deleted') return;
    const attempt = outcome.local?.attempt ?? attemptOf('failed', null, failureMessage(outcome), 0);
    await this.deliveries.recordAttempt(tx, payload.deliveryId, attempt);
    if (outcome.local?.disableWebhookId) {
      await this.webhooks.disable(tx, outcome.local.disableWebhookId, 'the receiver answered 410 Gone');
    }
  }
}

function failureMessage(outcome: Outcome): string | null {
  return outcome.status === 'failed' ? outcome.failure.message : null;
}

function attemptOf(
  status: DeliveryAttempt['status'],
  responseStatus: number | null,
  error: string | null,
  durationMs: number,
): DeliveryAttempt {
  return { status, responseStatus, error, durationMs, nextAttemptAt: null };
}

/** The event with its fields in reading order (jsonb stores keys in its own order). */
function orderedEvent(event: Prisma.JsonObject) {
  const { id, type, createdAt, tenantId, data } = event;
  return { id, type, createdAt, tenantId, data };
}
