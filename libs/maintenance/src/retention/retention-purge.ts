import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  MaintenanceRepository,
  PrismaService,
  TenantTransactions,
  WebhookDeliveryRepository,
} from '@copilot/persistence';
import { JobEventWriter } from '@copilot/queues';
import { MAINTENANCE_OPTIONS, type MaintenanceOptions } from '../maintenance-options';

const DAY_MS = 24 * 3600 * 1000;

export interface RetentionReport {
  tenants: number;
  conversations: number;
  jobs: number;
  webhookDeliveries: number;
  /** Unstored OpenAI-compatible exchanges the answer did not remove (an api restart). */
  unstoredExchanges: number;
}

/** How long an unstored exchange may outlive its last activity before the sweep removes it. */
export const UNSTORED_EXCHANGE_GRACE_MS = 15 * 60_000;

/**
 * Deletes what a tenant no longer keeps: conversations (with their messages) last
 * active before its retention, jobs that finished before it with their event streams,
 * webhook delivery logs that ended before it, and unstored OpenAI-compatible exchanges
 * (`store: false`) idle for UNSTORED_EXCHANGE_GRACE_MS whatever the retention. Tenant by tenant, each batch in the
 * tenant's own transaction (RLS), in bounded batches; queued and running jobs, the
 * conversations they write to, and deliveries still being retried, stay.
 */
@Injectable()
export class RetentionPurge {
  private readonly logger = new Logger(RetentionPurge.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly transactions: TenantTransactions,
    private readonly maintenance: MaintenanceRepository,
    private readonly events: JobEventWriter,
    private readonly deliveries: WebhookDeliveryRepository,
    @Inject(MAINTENANCE_OPTIONS) private readonly options: MaintenanceOptions,
  ) {}

  async purgeOnce(now = new Date()): Promise<RetentionReport> {
    const { days, batchSize } = this.options.maintenance.retention;
    const report: RetentionReport = {
      tenants: 0,
      conversations: 0,
      jobs: 0,
      webhookDeliveries: 0,
      unstoredExchanges: 0,
    };
    const unstoredCutoff = new Date(now.getTime() - UNSTORED_EXCHANGE_GRACE_MS);
    for (const tenant of await this.maintenance.tenants(this.prisma.client)) {
      const cutoff = new Date(now.getTime() - (tenant.retentionDays ?? days) * DAY_MS);
      report.tenants++;
      for (;;) {
        const purged = await this.transactions.run(tenant.id, async (tx) => {
          const found = await this.maintenance.purgeUnstoredExchanges(tx, unstoredCutoff, batchSize);
          await this.events.discard(found.jobIds);
          return found;
        });
        report.unstoredExchanges += purged.conversations;
        report.jobs += purged.jobIds.length;
        if (purged.conversations < batchSize) break;
      }
      for (;;) {
        const deleted = await this.transactions.run(tenant.id, (tx) =>
          this.maintenance.purgeConversations(tx, cutoff, batchSize),
        );
        report.conversations += deleted;
        if (deleted < batchSize) break;
      }
      for (;;) {
        // The streams go inside the rows' transaction: if Redis fails, the rows stay and
        // the next run retries, instead of leaving streams no row points to any more.
        const ids = await this.transactions.run(tenant.id, async (tx) => {
          const purged = await this.maintenance.purgeFinishedJobs(tx, cutoff, batchSize);
          await this.events.discard(purged);
          return purged;
        });
        report.jobs += ids.length;
        if (ids.length < batchSize) break;
      }
      for (;;) {
        const deleted = await this.transactions.run(tenant.id, (tx) =>
          this.deliveries.purgeFinished(tx, cutoff, batchSize),
        );
        report.webhookDeliveries += deleted;
        if (deleted < batchSize) break;
      }
    }
    if (report.conversations + report.jobs + report.webhookDeliveries + report.unstoredExchanges > 0)
      this.logger.log(report, 'retention purge');
    return report;
  }
}
