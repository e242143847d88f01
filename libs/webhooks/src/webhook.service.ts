import { EGRESS_RULES, type EgressRules } from '@copilot/egress';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { NotFound, InvalidInput, Conflict } from '@copilot/errors';
import { AuditLog, type AuthContext } from '@copilot/auth';
import {
  JobRepository,
  type Page,
  TenantSecretRepository,
  TenantTransactions,
  type Tx,
  type Webhook,
  type WebhookDelivery,
  WebhookDeliveryRepository,
  type WebhookFields,
  WebhookRepository,
} from '@copilot/persistence';
import { JobDispatcher, QUEUE } from '@copilot/queues';
import { TenantSecrets } from '@copilot/secrets';
import { webhookSecretName } from './webhook-events';
import { generateWebhookSecret } from './webhook-signature';
import { checkWebhookUrl, WebhookUrlRefused } from './webhook-url';

type PageRequest = { limit: number; cursor?: string };

/**
 * Tenant webhooks: registration (URL vetted against SSRF), changes, secret rotation,
 * the delivery log and redelivery. Secrets are sealed in tenant_secrets and shown
 * only in the answer that created them. Every change is audited.
 */
@Injectable()
export class WebhookService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly webhooks: WebhookRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly jobs: JobRepository,
    private readonly secretRows: TenantSecretRepository,
    private readonly secrets: TenantSecrets,
    private readonly dispatcher: JobDispatcher,
    private readonly audit: AuditLog,
    @Inject(EGRESS_RULES) private readonly rules: EgressRules,
  ) {}

  async create(
    actor: AuthContext,
    fields: WebhookFields,
    requestId?: string,
  ): Promise<{ webhook: Webhook; secret: string }> {
    const url = await this.vetUrl(fields.url);
    const secret = generateWebhookSecret();
    const webhook = await this.transactions.run(actor.tenantId, async (tx) => {
      const created = await this.webhooks.create(tx, actor.tenantId, { ...fields, url });
      await this.secrets.put(tx, actor.tenantId, webhookSecretName(created.id), secret);
      await this.audit.record(
        tx,
        actor,
        'webhook.created',
        { type: 'webhook', id: created.id },
        {
          requestId,
          // The origin only: receivers often carry a token in the path or query.
          metadata: { origin: new URL(url).origin, events: fields.events },
        },
      );
      return created;
    });
    return { webhook, secret };
  }

  async get(tenantId: string, id: string): Promise<Webhook> {
    return this.transactions.run(tenantId, (tx) => this.existing(tx, id));
  }

  list(tenantId: string, page: PageRequest): Promise<Page<Webhook>> {
    return this.transactions.run(tenantId, (tx) => this.webhooks.list(tx, page));
  }

  async update(actor: AuthContext, id: string, fields: Partial<WebhookFields>, requestId?: string): Promise<Webhook> {
    const changes = fields.url === undefined ? fields : { ...fields, url: await this.vetUrl(fields.url) };
    return this.transactions.run(actor.tenantId, async (tx) => {
      const webhook = await this.webhooks.update(tx, id, changes);
      if (!webhook) throw notFound(id);
      await this.audit.record(
        tx,
        actor,
        'webhook.updated',
        { type: 'webhook', id },
        {
          requestId,
          metadata: { fields: Object.keys(fields) },
        },
      );
      return webhook;
    });
  }

  delete(actor: AuthContext, id: string, requestId?: string): Promise<void> {
    return this.transactions.run(actor.tenantId, async (tx) => {
      if (!(await this.webhooks.delete(tx, id))) throw notFound(id);
      await this.secretRows.delete(tx, actor.tenantId, webhookSecretName(id));
      await this.audit.record(tx, actor, 'webhook.deleted', { type: 'webhook', id }, { requestId });
    });
  }

  /** A new secret at once; deliveries from now on are signed with it (the old one stops working). */
  rotateSecret(actor: AuthContext, id: string, requestId?: string): Promise<{ webhook: Webhook; secret: string }> {
    const secret = generateWebhookSecret();
    return this.transactions.run(actor.tenantId, async (tx) => {
      const webhook = await this.existing(tx, id);
      await this.secrets.put(tx, actor.tenantId, webhookSecretName(id), secret);
      await this.audit.record(tx, actor, 'webhook.secret_rotated', { type: 'webhook', id }, { requestId });
      return { webhook, secret };
    });
  }

  deliveriesOf(tenantId: string, webhookId: string, page: PageRequest): Promise<Page<WebhookDelivery>> {
    return this.transactions.run(tenantId, async (tx) => {
      await this.existing(tx, webhookId);
      return this.deliveries.listForWebhook(tx, webhookId, page);
    });
  }

  /** Sends a logged event again, as a new delivery (202-style: it is queued, not sent yet). */
  async redeliver(
    actor: AuthContext,
    webhookId: string,
    deliveryId: string,
    requestId?: string,
  ): Promise<WebhookDelivery> {
    const jobId = randomUUID();
    const delivery = await this.transactions.run(actor.tenantId, async (tx) => {
      const webhook = await this.existing(tx, webhookId);
      if (!webhook.enabled) {
        throw new Conflict(
          'webhook-disabled',
          'The webhook is disabled',
          `Webhook ${webhookId} is disabled; enable it (PATCH enabled: true) before redelivering.`,
        );
      }
      const original = await this.deliveries.findById(tx, deliveryId);
      if (!original || original.webhookId !== webhookId) {
        throw new NotFound('delivery', deliveryId, `No delivery ${deliveryId} for webhook ${webhookId}.`);
      }
      const copy = await this.deliveries.createRedelivery(tx, original, jobId);
      await this.jobs.create(tx, {
        id: jobId,
        tenantId: actor.tenantId,
        queue: QUEUE.webhook,
        name: 'webhook.deliver',
        payload: { jobId, tenantId: actor.tenantId, deliveryId: copy.id },
        requestId: requestId ?? null,
      });
      await this.audit.record(
        tx,
        actor,
        'webhook.redelivered',
        { type: 'webhook', id: webhookId },
        {
          requestId,
          metadata: { deliveryId: copy.id, of: deliveryId },
        },
      );
      return copy;
    });
    await this.dispatcher.afterCommit('webhook.deliver', {
      jobId,
      tenantId: actor.tenantId,
      deliveryId: delivery.id,
      ...(requestId ? { requestId } : {}),
    });
    return delivery;
  }

  private async vetUrl(url: string): Promise<string> {
    try {
      return await checkWebhookUrl(url, this.rules);
    } catch (error) {
      if (error instanceof WebhookUrlRefused) {
        throw new InvalidInput([{ field: 'body.url', message: `${error.message}; expected a public http(s) address` }]);
      }
      throw error;
    }
  }

  private async existing(tx: Tx, id: string): Promise<Webhook> {
    const webhook = await this.webhooks.findById(tx, id);
    if (!webhook) throw notFound(id);
    return webhook;
  }
}

const notFound = (id: string) => new NotFound('webhook', id);
