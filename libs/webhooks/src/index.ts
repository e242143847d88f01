export * from './webhook-events';
export * from './webhook-options';
export * from './webhook-signature';
export * from './webhook-url';
export * from './webhook-sender';
export * from './webhook.service';
export * from './webhook-delivery.service';
export * from './webhooks.module';
