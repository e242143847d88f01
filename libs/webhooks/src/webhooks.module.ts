import { type DynamicModule, Module } from '@nestjs/common';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WEBHOOK_OPTIONS, type WebhookSettings } from './webhook-options';
import { WebhookService } from './webhook.service';

/** Webhook registration (api) and delivery (worker). Needs the platform, secrets, audit and egress modules. */
@Module({})
export class WebhooksModule {
  static forRoot(settings: WebhookSettings): DynamicModule {
    return {
      module: WebhooksModule,
      providers: [{ provide: WEBHOOK_OPTIONS, useValue: settings }, WebhookService, WebhookDeliveryService],
      exports: [WEBHOOK_OPTIONS, WebhookService, WebhookDeliveryService],
    };
  }
}
