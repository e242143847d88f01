import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Auth, type AuthContext, Scopes } from '@copilot/auth';
import { validate } from '@copilot/http';
import type { Webhook, WebhookDelivery } from '@copilot/persistence';
import { WEBHOOK_EVENTS, WebhookService } from '@copilot/webhooks';
import { z } from 'zod';
import { RequestId } from '../request-context';
import { idParam, pageQuery } from '../request-schemas';
import { presentPage } from '../presenters';
import { ApiTags } from '@nestjs/swagger';
import { ApiJson, ApiNoContent, ApiProblemResponses, ApiRoute } from '../openapi/api-docs.decorators';
import {
  Webhook as WebhookShape,
  WebhookDelivery as DeliveryShape,
  WebhookDeliveryPage,
  WebhookPage,
  WebhookWithSecret,
} from '../openapi/tenant.responses';

const webhookFields = {
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).max(2_000),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { error: `expected one of ${WEBHOOK_EVENTS.join(', ')}` }))
    .min(1, 'expected at least one event')
    .max(WEBHOOK_EVENTS.length * 2)
    .transform((events) => [...new Set(events)]),
  description: z.string().trim().max(500),
  enabled: z.boolean(),
};

const createBody = z
  .object({
    ...webhookFields,
    description: webhookFields.description.default(''),
    enabled: webhookFields.enabled.default(true),
  })
  .strict()
  .meta({
    example: {
      url: 'https://example.com/hooks/copilot',
      events: ['job.succeeded', 'job.failed'],
      description: 'CRM sync',
    },
  });
const updateBody = z
  .object(webhookFields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'expected at least one field to change')
  .meta({ example: { enabled: false } });

const present = (w: Webhook) => ({
  id: w.id,
  url: w.url,
  events: w.events,
  description: w.description,
  enabled: w.enabled,
  disabledReason: w.disabledReason,
  createdAt: w.createdAt,
  updatedAt: w.updatedAt,
  links: { deliveries: `/v1/webhooks/${w.id}/deliveries` },
});

const presentDelivery = (d: WebhookDelivery) => ({
  id: d.id,
  webhookId: d.webhookId,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  lastResponseStatus: d.lastResponseStatus,
  lastError: d.lastError,
  lastDurationMs: d.lastDurationMs,
  nextAttemptAt: d.nextAttemptAt,
  finishedAt: d.finishedAt,
  createdAt: d.createdAt,
  payload: d.payload,
});

/** The tenant's webhooks and their delivery logs. Tenant admins only; a signing secret is shown once. */
@ApiTags('Webhooks')
@Controller('webhooks')
@Scopes('admin')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookService) {}

  @Post()
  @HttpCode(201)
  @ApiRoute('createWebhook', 'Create a webhook', 'The signing secret is in this response only.')
  @ApiJson(201, WebhookWithSecret, 'The new webhook, with its signing secret.')
  async create(
    @Auth() auth: AuthContext,
    @Body(validate(createBody)) body: z.output<typeof createBody>,
    @RequestId() requestId: string,
  ) {
    const { webhook, secret } = await this.webhooks.create(auth, body, requestId);
    return { ...present(webhook), secret };
  }

  @Get()
  @ApiRoute('listWebhooks', 'List webhooks, newest first')
  @ApiJson(200, WebhookPage, 'A page of webhooks.')
  async list(@Auth() auth: AuthContext, @Query(validate(pageQuery)) page: z.output<typeof pageQuery>) {
    const result = await this.webhooks.list(auth.tenantId, page);
    return presentPage(result, present);
  }

  @Get(':id')
  @ApiRoute('getWebhook', 'Get a webhook')
  @ApiJson(200, WebhookShape, 'The webhook.')
  @ApiProblemResponses(404)
  async get(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string) {
    return present(await this.webhooks.get(auth.tenantId, id));
  }

  @Patch(':id')
  @ApiRoute('updateWebhook', 'Change some fields of a webhook')
  @ApiJson(200, WebhookShape, 'The updated webhook.')
  @ApiProblemResponses(404)
  async update(
    @Auth() auth: AuthContext,
    @Param('id', validate(idParam)) id: string,
    @Body(validate(updateBody)) body: z.output<typeof updateBody>,
    @RequestId() requestId: string,
  ) {
    return present(await this.webhooks.update(auth, id, body, requestId));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiRoute('deleteWebhook', 'Delete a webhook and its delivery log')
  @ApiNoContent('Deleted.')
  @ApiProblemResponses(404)
  async delete(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string, @RequestId() requestId: string) {
    await this.webhooks.delete(auth, id, requestId);
  }

  @Post(':id/rotate-secret')
  @HttpCode(201)
  @ApiRoute('rotateWebhookSecret', 'Give a webhook a new signing secret', 'The new secret is in this response only.')
  @ApiJson(201, WebhookWithSecret, 'The webhook, with its new signing secret.')
  @ApiProblemResponses(404)
  async rotateSecret(
    @Auth() auth: AuthContext,
    @Param('id', validate(idParam)) id: string,
    @RequestId() requestId: string,
  ) {
    const { webhook, secret } = await this.webhooks.rotateSecret(auth, id, requestId);
    return { ...present(webhook), secret };
  }

  @Get(':id/deliveries')
  @ApiRoute('listWebhookDeliveries', 'List the deliveries of a webhook, newest first')
  @ApiJson(200, WebhookDeliveryPage, 'A page of deliveries.')
  @ApiProblemResponses(404)
  async deliveries(
    @Auth() auth: AuthContext,
    @Param('id', validate(idParam)) id: string,
    @Query(validate(pageQuery)) page: z.output<typeof pageQuery>,
  ) {
    const result = await this.webhooks.deliveriesOf(auth.tenantId, id, page);
    return presentPage(result, presentDelivery);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiRoute(
    'redeliverWebhookDelivery',
    "Send a delivery's event again",
    'A new delivery of the same event (same `webhook-id`).',
  )
  @ApiJson(202, DeliveryShape, 'The new delivery, pending.')
  @ApiProblemResponses(404, [409, 'The webhook is disabled.'])
  async redeliver(
    @Auth() auth: AuthContext,
    @Param('id', validate(idParam)) id: string,
    @Param('deliveryId', validate(idParam)) deliveryId: string,
    @RequestId() requestId: string,
  ) {
    return presentDelivery(await this.webhooks.redeliver(auth, id, deliveryId, requestId));
  }
}
