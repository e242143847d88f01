import { Injectable } from '@nestjs/common';
import {
  type AuditEvent,
  AuditEventRepository,
  type NewAuditEvent,
  type Page,
  type Prisma,
  TenantTransactions,
  type Tx,
} from '@copilot/persistence';
import type { AuthContext } from '../auth-context';

/** Admin actions with who did them: recorded inside the transaction that does them. */
@Injectable()
export class AuditLog {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly events: AuditEventRepository,
  ) {}

  /** The tenant's trail, newest first, optionally one action only. */
  list(tenantId: string, page: { limit: number; cursor?: string; action?: string }): Promise<Page<AuditEvent>> {
    return this.transactions.run(tenantId, (tx) => this.events.list(tx, page));
  }

  record(
    tx: Tx,
    actor: AuthContext,
    action: string,
    target: { type: string; id?: string | null },
    details: { requestId?: string; metadata?: Prisma.InputJsonObject } = {},
  ): Promise<void> {
    const event: NewAuditEvent = {
      tenantId: actor.tenantId,
      actorType: actor.principalType,
      actorId: actor.principalId,
      action,
      targetType: target.type,
      targetId: target.id ?? null,
      requestId: details.requestId ?? null,
      metadata: details.metadata,
    };
    return this.events.record(tx, event);
  }
}
