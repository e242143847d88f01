import { Injectable } from '@nestjs/common';
import type { Conversation, Prisma } from '../generated/prisma/client';
import { NEWEST_FIRST, olderThan, type Page, toPage } from '../lib/cursor';
import type { Tx } from '../lib/tenant-transaction';

@Injectable()
export class ConversationRepository {
  create(
    tx: Tx,
    input: {
      tenantId: string;
      title?: string | null;
      metadata?: Prisma.InputJsonObject;
      copilotId?: string | null;
      generation?: Prisma.InputJsonObject;
    },
  ): Promise<Conversation> {
    return tx.conversation.create({
      data: {
        tenantId: input.tenantId,
        title: input.title ?? null,
        metadata: input.metadata ?? {},
        copilotId: input.copilotId ?? null,
        ...(input.generation ? { generation: input.generation } : {}),
      },
    });
  }

  findById(tx: Tx, id: string): Promise<Conversation | null> {
    return tx.conversation.findUnique({ where: { id } });
  }

  /** Newest first. */
  async list(tx: Tx, page: { limit: number; cursor?: string }): Promise<Page<Conversation>> {
    const rows = await tx.conversation.findMany({
      where: olderThan(page.cursor),
      orderBy: NEWEST_FIRST,
      take: page.limit + 1,
    });
    return toPage(rows, page.limit);
  }

  /**
   * Locks the conversation for the rest of the transaction (a message posted meanwhile
   * waits, then finds it gone). False when there is none for this tenant.
   */
  async lock(tx: Tx, id: string): Promise<boolean> {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM conversations WHERE id = ${id}::uuid FOR UPDATE`;
    return rows.length === 1;
  }

  /** Its messages go with it. False when there was none (for this tenant). */
  async delete(tx: Tx, id: string): Promise<boolean> {
    return (await tx.conversation.deleteMany({ where: { id } })).count === 1;
  }

  touch(tx: Tx, id: string): Promise<Conversation> {
    return tx.conversation.update({ where: { id }, data: { updatedAt: new Date() } });
  }
}
