import { Injectable, NotFoundException } from '@nestjs/common';
import { ValidationProblem } from '@copilot/http';
import {
  type Conversation,
  ConversationRepository,
  CopilotRepository,
  type Page,
  type Prisma,
  TenantTransactions,
} from '@copilot/persistence';

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
  ) {}

  create(tenantId: string, input: NewConversation): Promise<Conversation> {
    return this.transactions.run(tenantId, async (tx) => {
      if (input.copilotId && !(await this.copilots.findById(tx, input.copilotId))) {
        throw new ValidationProblem([{ field: 'body.copilotId', message: 'no such copilot' }]);
      }
      return this.conversations.create(tx, { tenantId, ...input });
    });
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
