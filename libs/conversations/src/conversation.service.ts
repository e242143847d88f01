import { Injectable, NotFoundException } from '@nestjs/common';
import {
  type Conversation,
  ConversationRepository,
  type Page,
  type Prisma,
  TenantTransactions,
} from '@copilot/persistence';

export interface NewConversation {
  title?: string | null;
  metadata?: Prisma.InputJsonObject;
}

@Injectable()
export class ConversationService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly conversations: ConversationRepository,
  ) {}

  create(tenantId: string, input: NewConversation): Promise<Conversation> {
    return this.transactions.run(tenantId, (tx) => this.conversations.create(tx, { tenantId, ...input }));
  }

  /** Another tenant's conversation is indistinguishable from a missing one. */
  async get(tenantId: string, id: string): Promise<Conversation> {
    const conversation = await this.transactions.run(tenantId, (tx) => this.conversations.findById(tx, id));
    if (!conversation) throw new NotFoundException(`No conversation ${id}.`);
    return conversation;
  }

  list(tenantId: string, page: { limit: number; cursor?: string }): Promise<Page<Conversation>> {
    return this.transactions.run(tenantId, (tx) => this.conversations.list(tx, page));
  }
}
