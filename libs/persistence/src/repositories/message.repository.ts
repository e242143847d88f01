import { Injectable } from '@nestjs/common';
import type { Message, Prisma } from '../generated/prisma/client';
import { newerThan, OLDEST_FIRST, type Page, toPage } from '../lib/cursor';
import type { Tx } from '../lib/tenant-transaction';

export type MessageRole = 'user' | 'assistant' | 'system';

@Injectable()
export class MessageRepository {
  create(
    tx: Tx,
    input: { tenantId: string; conversationId: string; role: MessageRole; content: string; createdAt?: Date },
  ): Promise<Message> {
    return tx.message.create({ data: input });
  }

  findById(tx: Tx, id: string): Promise<Message | null> {
    return tx.message.findUnique({ where: { id } });
  }

  /**
   * Stores the reply of a generation job exactly once: a retried or recovered job
   * finds the message its earlier run wrote instead of adding a second one.
   */
  async createForJobOnce(
    tx: Tx,
    input: {
      tenantId: string;
      conversationId: string;
      jobId: string;
      content: string;
      citations?: Prisma.InputJsonArray;
    },
  ): Promise<Message> {
    // INSERT ... ON CONFLICT DO NOTHING RETURNING: one statement on the common path
    // (the first ending of a job); a repeated ending reads the reply already stored.
    const [created] = await tx.message.createManyAndReturn({
      data: [{ ...input, citations: input.citations ?? [], role: 'assistant' }],
      skipDuplicates: true,
    });
    return created ?? (await tx.message.findUniqueOrThrow({ where: { jobId: input.jobId } }));
  }

  /** Oldest first, as a conversation reads. */
  async listByConversation(
    tx: Tx,
    conversationId: string,
    page: { limit: number; cursor?: string },
  ): Promise<Page<Message>> {
    const rows = await tx.message.findMany({
      where: {
        conversationId,
        ...newerThan(page.cursor),
      },
      orderBy: OLDEST_FIRST,
      take: page.limit + 1,
    });
    return toPage(rows, page.limit);
  }

  /** The latest `count` messages, oldest first: the history a model is given. */
  async latest(tx: Tx, conversationId: string, count: number): Promise<Message[]> {
    const rows = await tx.message.findMany({
      where: { conversationId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: count,
    });
    return rows.reverse();
  }

  /** The reply a generation job stored (null if it stored none, or it is gone with its conversation). */
  findByJobId(tx: Tx, jobId: string): Promise<Message | null> {
    return tx.message.findUnique({ where: { jobId } });
  }
}
