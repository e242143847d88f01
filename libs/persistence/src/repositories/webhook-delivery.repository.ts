import { Injectable } from '@nestjs/common';
import type { Prisma, WebhookDelivery } from '../generated/prisma/client';
import { NEWEST_FIRST, olderThan, type Page, toPage } from '../lib/cursor';
import type { Tx } from '../lib/tenant-transaction';

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** What one attempt to send a delivery found out. */
export interface DeliveryAttempt {
  responseStatus: number | null;
  error: string | null;
  durationMs: number;
  /** pending (another attempt follows at nextAttemptAt), succeeded or failed (the last attempt failed). */
  status: WebhookDeliveryStatus;
  nextAttemptAt: Date | null;
}

/**
 * The delivery log. Rows for events are written by database triggers (see the
 * webhooks migration); this writes redeliveries and each attempt's outcome.
 */
@Injectable()
export class WebhookDeliveryRepository {
  findById(tx: Tx, id: string): Promise<WebhookDelivery | null> {
    return tx.webhookDelivery.findUnique({ where: { id } });
  }

  async listForWebhook(
    tx: Tx,
    webhookId: string,
    page: { limit: number; cursor?: string },
  ): Promise<Page<WebhookDelivery>> {
    const rows = await tx.webhookDelivery.findMany({
      where: { webhookId, ...olderThan(page.cursor) },
      orderBy: NEWEST_FIRST,
      take: page.limit + 1,
    });
    return toPage(rows, page.limit);
  }

  /** The same event sent again to the same webhook, as a new delivery with its own log. */
  createRedelivery(tx: Tx, original: WebhookDelivery, jobId: string): Promise<WebhookDelivery> {
    return tx.webhookDelivery.create({
      data: {
        tenantId: original.tenantId,
        webhookId: original.webhookId,
        eventId: original.eventId,
        eventType: original.eventType,
        payload: original.payload as Prisma.InputJsonValue,
        jobId,
        nextAttemptAt: new Date(),
      },
    });
  }

  async recordAttempt(tx: Tx, id: string, attempt: DeliveryAttempt): Promise<void> {
    const ended = attempt.status !== 'pending';
    await tx.webhookDelivery.update({
      where: { id },
      data: {
        attempts: { increment: 1 },
        status: attempt.status,
        lastResponseStatus: attempt.responseStatus,
        lastError: attempt.error,
        lastDurationMs: attempt.durationMs,
        nextAttemptAt: attempt.nextAttemptAt,
        finishedAt: ended ? new Date() : null,
      },
    });
  }

  /**
   * Retention: deletes up to `limit` of the tenant's delivery logs that ended (succeeded or
   * failed) before `cutoff`; pending ones, still being retried, stay. Returns how many.
   */
  async purgeFinished(tx: Tx, cutoff: Date, limit: number): Promise<number> {
    return tx.$executeRaw`
      DELETE FROM webhook_deliveries WHERE id IN (
        SELECT id FROM webhook_deliveries
        WHERE status IN ('succeeded', 'failed') AND finished_at < ${cutoff}
        ORDER BY finished_at LIMIT ${limit})`;
  }
}
