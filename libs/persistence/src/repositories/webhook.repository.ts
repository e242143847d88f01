import { Injectable } from '@nestjs/common';
import type { Webhook } from '../generated/prisma/client';
import { NEWEST_FIRST, olderThan, type Page, toPage } from '../lib/cursor';
import type { Tx } from '../lib/tenant-transaction';

export interface WebhookFields {
  url: string;
  events: string[];
  description: string;
  enabled: boolean;
}

@Injectable()
export class WebhookRepository {
  create(tx: Tx, tenantId: string, fields: WebhookFields): Promise<Webhook> {
    return tx.webhook.create({ data: { tenantId, ...fields } });
  }

  findById(tx: Tx, id: string): Promise<Webhook | null> {
    return tx.webhook.findUnique({ where: { id } });
  }

  async list(tx: Tx, page: { limit: number; cursor?: string }): Promise<Page<Webhook>> {
    const rows = await tx.webhook.findMany({
      where: olderThan(page.cursor),
      orderBy: NEWEST_FIRST,
      take: page.limit + 1,
    });
    return toPage(rows, page.limit);
  }

  /** Null when there is no such webhook (for this tenant). Enabling again clears the platform's reason. */
  async update(tx: Tx, id: string, fields: Partial<WebhookFields>): Promise<Webhook | null> {
    const data = fields.enabled === true ? { ...fields, disabledReason: null } : fields;
    const updated = await tx.webhook.updateMany({ where: { id }, data });
    return updated.count === 0 ? null : this.findById(tx, id);
  }

  /** The platform turns a webhook off (the receiver said 410 Gone). */
  async disable(tx: Tx, id: string, reason: string): Promise<void> {
    await tx.webhook.updateMany({ where: { id, enabled: true }, data: { enabled: false, disabledReason: reason } });
  }

  /** Its deliveries go with it. */
  async delete(tx: Tx, id: string): Promise<boolean> {
    return (await tx.webhook.deleteMany({ where: { id } })).count === 1;
  }
}
