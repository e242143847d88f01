import { Injectable } from '@nestjs/common';
import type { AuditEvent, Prisma, PrismaClient } from '../generated/prisma/client';
import { decodeCursor, type Page, toPage } from '../lib/cursor';
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
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const rows = await tx.auditEvent.findMany({
      where: {
        ...(page.action ? { action: page.action } : {}),
        ...(after
          ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
          : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.limit + 1,
    });
    return toPage(rows, page.limit);
  }
}
