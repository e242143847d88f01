import { Injectable } from '@nestjs/common';
import type { AuditEvent, Prisma, PrismaClient } from '../generated/prisma/client';
import { NEWEST_FIRST, olderThan, type Page, toPage } from '../lib/cursor';
import type { Tx } from '../lib/tenant-transaction';

export interface NewAuditEvent {
  tenantId: string;
  actorType: 'api_key' | 'jwt' | 'cli';
  actorId: string;
  action: string;
  targetType: string;
  targetId?: string | null;
  requestId?: string | null;
  metadata?: Prisma.InputJsonObject;
}

/** Append-only: the apps' role may insert and read audit events, never change them. */
@Injectable()
export class AuditEventRepository {
  async record(tx: Tx | PrismaClient, event: NewAuditEvent): Promise<void> {
    await tx.auditEvent.create({ data: { ...event, metadata: event.metadata ?? {} } });
  }

  /** Newest first. */
  async list(tx: Tx, page: { limit: number; cursor?: string; action?: string }): Promise<Page<AuditEvent>> {
    const rows = await tx.auditEvent.findMany({
      where: {
        ...(page.action ? { action: page.action } : {}),
        ...olderThan(page.cursor),
      },
      orderBy: NEWEST_FIRST,
      take: page.limit + 1,
    });
    return toPage(rows, page.limit);
  }
}
