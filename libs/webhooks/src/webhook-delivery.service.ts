import { EGRESS_RULES, type EgressRules } from '@copilot/egress';
import { Inject, Injectable } from '@nestjs/common';
import {
  type DeliveryAttempt,
  JobRepository,
  type Prisma,
  TenantTransactions,
  type Tx,
  WebhookDeliveryRepository,
  WebhookRepository,
} from '@copilot/persistence';
import type { JobOf } from '@copilot/queues';
import { TenantSecrets } from '@copilot/secrets';
import { webhookSecretName } from './webhook-events';
import { WEBHOOK_OPTIONS, type WebhookSettings, webhookRetryDelayMs } from './webhook-options';
import { sendWebhook } from './webhook-sender';
import { signWebhook } from './webhook-signature';

type Payload = JobOf<'webhook.deliver'>;

/** Where this attempt stands among the queue's attempts. */
export interface AttemptInfo {
  /** 1 for the first attempt. */
  number: number;
  isLast: boolean;
}

/** The attempt failed and another one is scheduled: thrown so the queue retries with backoff. */
export class WebhookAttemptFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookAttemptFailed';
  }
}

export type DeliveryOutcome = { delivered: true; status: number } | { delivered: false; reason: string };

const USER_AGENT = 'CopilotPlatform-Webhooks/1.0';

/**
 * Sends one delivery: signs the event (Standard Webhooks headers), POSTs it, and
 * records the attempt on the delivery log row. A 2xx ends it `succeeded`; any other
 * answer or no answer is retried by the queue until the last attempt, which ends
 * it `failed`. 410 Gone disables the webhook: the receiver said it is gone for good.
 */
@Injectable()
export class WebhookDeliveryService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly jobs: JobRepository,
    private readonly webhooks: WebhookRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly secrets: TenantSecrets,
    @Inject(WEBHOOK_OPTIONS) private readonly settings: WebhookSettings,
    @Inject(EGRESS_RULES) private readonly rules: EgressRules,
  ) {}

  async deliver(payload: Payload, attempt: AttemptInfo): Promise<DeliveryOutcome> {
    const { tenantId, jobId, deliveryId } = payload;
    const target = await this.transactions.run(tenantId, async (tx) => {
      if (!(await this.jobs.start(tx, jobId))) return { skip: 'the job already ended' };
      const delivery = await this.deliveries.findById(tx, deliveryId);
      const webhook = delivery ? await this.webhooks.findById(tx, delivery.webhookId) : null;
      if (!delivery || !webhook) {
        await this.jobs.finish(tx, jobId, { status: 'failed', error: { reason: 'webhook_deleted' } });
        return { skip: 'the webhook was deleted' };
      }
      if (!webhook.enabled) {
        await this.endWith(tx, payload, attemptOf('failed', null, 'the webhook is disabled', 0), 'webhook_disabled');
        return { skip: 'the webhook is disabled' };
      }
      const secret = await this.secrets.get(tx, tenantId, webhookSecretName(webhook.id));
      return { delivery, webhook, secret: secret! };
    });
    if (target.skip !== undefined) return { delivered: false, reason: target.skip };

    const { delivery, webhook, secret } = target;
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
    const final = ok || gone || attempt.isLast;
    const status = ok ? 'succeeded' : final ? 'failed' : 'pending';
    // When the queue will retry: the same schedule as the consumer's backoff strategy.
    const nextAttemptAt = final
      ? null
      : new Date(Date.now() + webhookRetryDelayMs(this.settings.retryDelayMs, attempt.number));
    await this.transactions.run(tenantId, async (tx) => {
      const recorded = { ...attemptOf(status, response.status, response.error, response.durationMs), nextAttemptAt };
      if (!final) return this.deliveries.recordAttempt(tx, deliveryId, recorded);
      if (gone) await this.webhooks.disable(tx, webhook.id, 'the receiver answered 410 Gone');
      return this.endWith(tx, payload, recorded, ok ? null : gone ? 'gone' : 'attempts_exhausted');
    });
    if (ok) return { delivered: true, status: response.status! };
    if (!final) throw new WebhookAttemptFailed(`delivery ${deliveryId} attempt ${attempt.number}: ${response.error}`);
    return { delivered: false, reason: response.error ?? 'failed' };
  }

  /** Records the last attempt and ends the delivery's job with it. */
  private async endWith(tx: Tx, payload: Payload, attempt: DeliveryAttempt, failure: string | null): Promise<void> {
    await this.deliveries.recordAttempt(tx, payload.deliveryId, attempt);
    await this.jobs.finish(
      tx,
      payload.jobId,
      failure === null
        ? { status: 'succeeded', result: { deliveryId: payload.deliveryId, responseStatus: attempt.responseStatus } }
        : { status: 'failed', error: { reason: failure, message: attempt.error ?? failure } },
    );
  }
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
