import { Injectable } from '@nestjs/common';
import { NotFound, InvalidInput } from '@copilot/errors';
import {
  type Conversation,
  ConversationRepository,
  CopilotRepository,
  MessageRepository,
  type Page,
  type Prisma,
  TenantTransactions,
} from '@copilot/persistence';
import type { GenerationOverrides } from './generation-overrides';

export interface NewConversation {
  title?: string | null;
  metadata?: Prisma.InputJsonObject;
  /** Bind to a copilot: its instructions and model answer in this conversation. */
  copilotId?: string | null;
}

@Injectable()
export class ConversationService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly conversations: ConversationRepository,
    private readonly copilots: CopilotRepository,
    private readonly messages: MessageRepository,
  ) {}

  create(tenantId: string, input: NewConversation): Promise<Conversation> {
    return this.transactions.run(tenantId, async (tx) => {
      if (input.copilotId && !(await this.copilots.findById(tx, input.copilotId))) {
        throw new InvalidInput([{ field: 'body.copilotId', message: 'no such copilot' }]);
      }
      return this.conversations.create(tx, { tenantId, ...input });
    });
  }

  /**
   * A conversation that starts with earlier turns (a stateless client sends the whole
   * history each time) and its own generation settings, in one transaction.
   */
  createWithHistory(
    tenantId: string,
    input: NewConversation & { generation?: GenerationOverrides },
    history: { role: 'user' | 'assistant'; content: string }[],
  ): Promise<Conversation> {
    return this.transactions.run(tenantId, async (tx) => {
      const conversation = await this.conversations.create(tx, { tenantId, ...input });
      // created_at orders a conversation: the turns get distinct instants, one millisecond
      // apart and all in the past, so the next message posted comes after them.
      const start = Date.now() - history.length - 1;
      for (const [i, turn] of history.entries()) {
        const createdAt = new Date(start + i);
        await this.messages.create(tx, { tenantId, conversationId: conversation.id, ...turn, createdAt });
      }
      return conversation;
    });
  }

  /** Removes a conversation and its messages; a missing one is not an error. */
  async remove(tenantId: string, id: string): Promise<void> {
    await this.transactions.run(tenantId, (tx) => this.conversations.delete(tx, id));
  }

  /** Another tenant's conversation is indistinguishable from a missing one. */
  async get(tenantId: string, id: string): Promise<Conversation> {
    const conversation = await this.transactions.run(tenantId, (tx) => this.conversations.findById(tx, id));
    if (!conversation) throw new NotFound('conversation', id);
    return conversation;
  }

  list(tenantId: string, page: { limit: number; cursor?: string }): Promise<Page<Conversation>> {
    return this.transactions.run(tenantId, (tx) => this.conversations.list(tx, page));
  }
}
