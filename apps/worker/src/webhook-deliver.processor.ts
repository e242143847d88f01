import { Injectable } from '@nestjs/common';
import type { JobContext, JobOf } from '@copilot/queues';
import { WebhookDeliveryService } from '@copilot/webhooks';

/** webhook.deliver: one attempt to send one delivery; a failed attempt throws so the queue retries it. */
@Injectable()
export class WebhookDeliverProcessor {
  constructor(private readonly deliveries: WebhookDeliveryService) {}

  handle(payload: JobOf<'webhook.deliver'>, { job }: JobContext) {
    const number = job.attemptsMade + 1;
    return this.deliveries.deliver(payload, { number, isLast: number >= (job.opts.attempts ?? 1) });
  }
}
